import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { findTwins } from "./twins";
import { charBigrams, containment } from "./text";
import type { GeneratedQuestion } from "./types";

const BILINGUAL = fileURLToPath(new URL("../../test/fixtures/notes/bilingual-iam.md", import.meta.url));

/** The quoted statement of a question's stem (its body after the prompt line). */
const body = (q: GeneratedQuestion): string => q.stem.split("\n").slice(1).join(" ").trim();

describe("bilingual notes (each point in English, then in Korean)", () => {
  const parsed = parseNotes(readFileSync(BILINGUAL, "utf8"), "bilingual-iam.md");
  const qs = generateQuestions(parsed);

  it("asks one true/false question per translated pair, in the bank's language", () => {
    const pairs = findTwins(parsed);
    expect(pairs.length).toBeGreaterThan(20);
    for (const p of pairs) {
      const onPair = qs.filter((q) => q.type === "truefalse" && (q.factIds.includes(p.kept.id) || q.factIds.includes(p.twin.id)) && q.rule === "truefalse-statement");
      expect(onPair.length, p.kept.text).toBeLessThanOrEqual(1);
      expect(qs.some((q) => q.factIds.includes(p.twin.id)), p.twin.text).toBe(false);
    }
    expect(parsed.language).toBe("ko");
    expect(qs.filter((q) => q.rule === "truefalse-statement").every((q) => /[\uac00-\ud7a3]/.test(body(q)))).toBe(true);
  });

  it("never asks the same cloze sentence in both languages", () => {
    const cloze = qs.filter((q) => q.type === "cloze");
    const english = cloze.filter((q) => !/[\uac00-\ud7a3]/.test(body(q)));
    expect(english).toEqual([]);
  });

  it("keeps apart a Korean and an English bullet that say different things", () => {
    const notes = parseNotes(
      ["# ELB", "", "- ALB는 L7 로드 밸런서이다.", "- NLB handles TCP and UDP at layer 4.", "- 세션 고정은 쿠키를 사용한다.", "- Cross-zone load balancing is on by default for ALB."].join("\n"),
      "mixed.md",
    );
    expect(findTwins(notes)).toEqual([]);
  });

  it("keeps the English half when the notes are mostly English", () => {
    const notes = parseNotes(
      [
        "# S3",
        "",
        "- S3 Standard stores objects in at least 3 AZs.",
        "- S3 Standard는 최소 3개의 AZ에 객체를 저장한다.",
        "- S3 One Zone-IA stores objects in a single AZ and costs 20% less.",
        "- Lifecycle rules move objects between storage classes after a number of days.",
        "- Versioning keeps every version of an object in the same bucket.",
        "- Object Lock stops objects from being deleted for a retention period.",
      ].join("\n"),
      "s3.md",
    );
    expect(notes.language).toBe("en");
    const pairs = findTwins(notes);
    expect(pairs.map((p) => [p.kept.text, p.twin.text])).toEqual([["S3 Standard stores objects in at least 3 AZs.", "S3 Standard는 최소 3개의 AZ에 객체를 저장한다."]]);
    const kept = generateQuestions(notes);
    expect(kept.some((q) => q.factIds.includes(pairs[0]?.twin.id ?? ""))).toBe(false);
    // Nothing is lost: the English half is still asked about.
    expect(kept.some((q) => containment(charBigrams("stores objects in at least"), charBigrams(q.stem)) > 0.9)).toBe(true);
  });
});
