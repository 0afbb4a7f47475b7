// Every file of the labelled notes corpus (test/fixtures/notes, keys described in its README) against
// its key: sections, skipped blocks, quiz keys, and the honesty rules on every generated question.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { MARKUP_RE } from "./mdast";
import { normalizeForMatch } from "./text";
import type { GeneratedQuestion } from "./types";

const DIR = fileURLToPath(new URL("../../test/fixtures/notes", import.meta.url));
const LETTERS = "ABCDEFGH";

interface NotesKey {
  file: string;
  sections: string[];
  skipped: Array<{ kind: string; lines: [number, number] }>;
  quiz: Array<{ line: number; stemStartsWith: string; key: string[]; choices: number }>;
  noKeyQuiz: Array<{ line: number; stemStartsWith: string }>;
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".md") && f !== "README.md");

function quizAt(qs: GeneratedQuestion[], line: number): GeneratedQuestion | undefined {
  return qs.find((q) => (q.rule === "quiz-keyed" || q.rule === "quiz-needs-key") && q.source.lines[0] <= line && line <= q.source.lines[1]);
}

describe.each(files)("notes corpus: %s", (file) => {
  const key = JSON.parse(readFileSync(path.join(DIR, file.replace(/\.md$/, ".key.json")), "utf8")) as NotesKey;
  const parsed = parseNotes(readFileSync(path.join(DIR, file), "utf8"), file);
  const qs = generateQuestions(parsed);

  // A label line over a list ("S3 tips:", "**AWS KMS**") becomes a sub-topic; a label over a paragraph
  // ("RPO AND RTO" inside plain text) stays a sub-label that heads the facts under it in their headingPath.
  it("finds every study section as a topic or a label line, in order", () => {
    const found = [
      ...parsed.topics.map((t) => ({ line: t.lines[0], title: t.originalTitle ?? t.title })),
      ...parsed.labels.map((l) => ({ line: l.line, title: l.text })),
    ].sort((a, b) => a.line - b.line);
    const titles = found.map((t) => normalizeForMatch(t.title));
    let from = 0;
    for (const s of key.sections) {
      const at = titles.indexOf(normalizeForMatch(s), from);
      expect(at, `section "${s}"`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });

  it("skips the non-study blocks with their kind and lines, and takes no fact from them", () => {
    const reported = parsed.skipped
      .filter((s) => !["quiz", "code", "duplicate-section", "preamble"].includes(s.reason))
      .map((s) => ({ kind: s.reason === "reference" ? "references" : s.reason, lines: s.lines }));
    for (const want of key.skipped) expect(reported, `${want.kind} ${want.lines.join("-")}`).toContainEqual(want);
    for (const s of key.skipped) {
      const inside = parsed.facts.filter((f) => f.lines[0] >= s.lines[0] && f.lines[0] <= s.lines[1]);
      expect(inside.map((f) => f.text)).toEqual([]);
    }
  });

  it("imports the quiz questions with the file's own keys, and keyless ones as needing a key", () => {
    for (const want of key.quiz) {
      const q = quizAt(qs, want.line);
      expect(q?.rule, `quiz at line ${want.line}`).toBe("quiz-keyed");
      expect(q?.stem.startsWith(want.stemStartsWith)).toBe(true);
      expect(q?.choices.length).toBe(want.choices);
      const letters = (q?.choices ?? []).flatMap((c, i) => (q?.answer.includes(c.id) ? [LETTERS[i]] : []));
      expect(letters).toEqual(want.key);
    }
    for (const want of key.noKeyQuiz) {
      const q = quizAt(qs, want.line);
      expect(q?.rule, `keyless quiz at line ${want.line}`).toBe("quiz-needs-key");
      expect(q?.needsKey).toBe(true);
      expect(q?.answer).toEqual([]);
    }
  });

  it("asks questions without markup, without a heading as the single-choice key, with whole-token blanks", () => {
    const structural = new Set(parsed.topics.filter((t) => t.title.split(/\s+/).length > 3).map((t) => normalizeForMatch(t.title)));
    for (const q of qs) {
      for (const t of [q.stem, ...q.choices.map((c) => c.text)]) expect(t, q.id).not.toMatch(MARKUP_RE);
      if (q.type === "single") {
        const keyText = q.choices.find((c) => q.answer.includes(c.id))?.text ?? "";
        expect(structural.has(normalizeForMatch(keyText)), `${q.id}: key "${keyText}" is a heading`).toBe(false);
      }
      if (q.type === "cloze") {
        expect(q.stem.split("____").length - 1).toBe(1);
        const i = q.stem.indexOf("____");
        expect(q.stem.slice(i + 4), q.stem).not.toMatch(/^[\p{N}]|^[.,]\p{N}/u);
        expect(q.stem.slice(0, i), q.stem).not.toMatch(/[\p{N}/.]$/u);
      }
    }
  });

  it("keeps the true/false 'true' share between 40% and 60% in a bank of 20 or more", () => {
    const tf = qs.filter((q) => q.type === "truefalse");
    if (qs.length < 20 || tf.length === 0) return;
    const share = tf.filter((q) => q.answer[0] === "true").length / tf.length;
    expect(share).toBeGreaterThanOrEqual(0.4);
    expect(share).toBeLessThanOrEqual(0.6);
  });
});
