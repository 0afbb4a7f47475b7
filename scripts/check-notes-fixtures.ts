// Checks the labelled notes corpus (test/fixtures/notes) against its own markdown, so a wrong line
// number in a key fails here rather than as a puzzling importer test failure:
// `npx tsx scripts/check-notes-fixtures.ts [dir]`. The key format is in the folder's README.md.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const lineNumber = z.number().int().min(1);
const keySchema = z.strictObject({
  file: z.string().regex(/\.md$/),
  language: z.enum(["en", "ko", "mixed"]),
  sections: z.array(z.string().min(1)),
  skipped: z.array(
    z.strictObject({
      kind: z.enum(["toc", "link-list", "front-matter", "furniture", "logistics", "memo", "references"]),
      lines: z.tuple([lineNumber, lineNumber]),
    }),
  ),
  quiz: z.array(
    z.strictObject({
      line: lineNumber,
      stemStartsWith: z.string().min(1),
      key: z.array(z.string().regex(/^[A-H]$/)).min(1),
      choices: z.number().int().min(2).max(8),
    }),
  ),
  noKeyQuiz: z.array(z.strictObject({ line: lineNumber, stemStartsWith: z.string().min(1) })),
});
type NotesKey = z.infer<typeof keySchema>;

const dir = path.resolve(process.argv[2] ?? "test/fixtures/notes");
const LETTERS = "ABCDEFGH";

// The line as a reader sees it: without markup, list markers or question numbering.
function plainLine(line: string): string {
  let text = line
    .replace(/<[^>]*>/g, " ")
    .replace(/&#x20;|&nbsp;/g, " ")
    .replace(/\\([&*_#[\]()])/g, "$1")
    .replace(/\*\*|__|`/g, "")
    .trim();
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text
      .replace(/^(#{1,6}|>|[-*+]|\[[ xX]\])\s+/, "")
      .replace(/^(Q(uestion)?\s*\d+|문제\s*\d+|\d+번|\d+)\s*[.):]\s*/i, "")
      .trim();
  }
  return text;
}

// "A. text", "(b) text", "- C) text", "**D.** text" → the option letter.
function optionLetter(line: string): string | undefined {
  const match = /^\(?([A-Ha-h])[.):]\s+\S/.exec(plainLine(line).replace(/^[-*+]\s+/, ""));
  return match?.[1]?.toUpperCase();
}

function check(keyPath: string, key: NotesKey, lines: string[]): string[] {
  const errors: string[] = [];
  const where = (n: number) => `line ${n}: ${JSON.stringify(lines[n - 1]?.slice(0, 70))}`;
  const inside = (n: number) => n >= 1 && n <= lines.length;

  const ranges = [...key.skipped].sort((a, b) => a.lines[0] - b.lines[0]);
  ranges.forEach(({ kind, lines: [start, end] }, i) => {
    if (start > end) errors.push(`skipped ${kind} [${start}, ${end}]: start after end`);
    if (!inside(start) || !inside(end)) errors.push(`skipped ${kind} [${start}, ${end}]: outside 1..${lines.length}`);
    const next = ranges[i + 1];
    if (next && next.lines[0] <= end) errors.push(`skipped ${kind} [${start}, ${end}] overlaps [${next.lines.join(", ")}]`);
    if (!lines[start - 1]?.trim()) errors.push(`skipped ${kind} starts on a blank line ${start}`);
    if (!lines[end - 1]?.trim()) errors.push(`skipped ${kind} ends on a blank line ${end}`);
    // A parser classifies whole blocks: a range must not share a paragraph or list with study text.
    const joins = (n: number) => Boolean(lines[n - 1]?.trim()) && !/^#{1,6}\s/.test(lines[n - 1] ?? "");
    if (start > 1 && joins(start - 1) && !/^#{1,6}\s/.test(lines[start - 1] ?? "")) {
      errors.push(`skipped ${kind} [${start}, ${end}] starts inside a block (line ${start - 1} is not blank)`);
    }
    if (end < lines.length && joins(end + 1) && !/^#{1,6}\s/.test(lines[end - 1] ?? "")) {
      errors.push(`skipped ${kind} [${start}, ${end}] ends inside a block (line ${end + 1} is not blank)`);
    }
  });
  const skippedAt = (n: number) => ranges.find((r) => n >= r.lines[0] && n <= r.lines[1]);

  for (const title of key.sections) {
    const found = lines.some((line, i) => !skippedAt(i + 1) && plainLine(line).includes(title));
    if (!found) errors.push(`section ${JSON.stringify(title)} not found outside skipped blocks`);
  }

  const questions = [...key.quiz, ...key.noKeyQuiz].sort((a, b) => a.line - b.line);
  const questionLines = questions.map((q) => q.line);
  if (new Set(questionLines).size !== questionLines.length) errors.push("two quiz entries share a line");
  for (const q of questions) {
    if (!inside(q.line)) {
      errors.push(`quiz at line ${q.line}: outside 1..${lines.length}`);
      continue;
    }
    if (skippedAt(q.line)) errors.push(`quiz at line ${q.line} lies in a skipped block`);
    if (!plainLine(lines[q.line - 1] ?? "").startsWith(q.stemStartsWith)) {
      errors.push(`quiz stem ${JSON.stringify(q.stemStartsWith)} does not start ${where(q.line)}`);
    }
  }

  for (const q of key.quiz) {
    const nextQuestion = questionLines.find((n) => n > q.line) ?? lines.length + 1;
    const block = lines.slice(q.line, Math.min(nextQuestion - 1, q.line + 40));
    // Options are lettered lines, or task-list items (`- [ ]`, `- [x]`) taken in order with the ticked ones as the key.
    const boxes = block.map((l) => /^\s*[-*+]\s+\[([ xX])\]\s+\S/.exec(l)?.[1]).filter((b): b is string => b !== undefined);
    const options = boxes.length
      ? boxes.map((_, i) => LETTERS[i] ?? "?")
      : block.map(optionLetter).filter((l): l is string => l !== undefined);
    const expected = LETTERS.slice(0, q.choices);
    if (options.join("") !== expected) {
      errors.push(`quiz at line ${q.line}: options ${options.join("") || "(none)"}, key says ${q.choices} (${expected})`);
    }
    if (new Set(q.key).size !== q.key.length) errors.push(`quiz at line ${q.line}: repeated key letter`);
    for (const letter of q.key) {
      if (LETTERS.indexOf(letter) >= q.choices) errors.push(`quiz at line ${q.line}: key ${letter} beyond ${q.choices} choices`);
    }
    const keySorted = [...q.key].sort().join(",");
    // Keys the file states itself: ticked boxes, bold options, or an "Answer: B, D" / "정답: C" line.
    const ticked = boxes.flatMap((b, i) => (b.trim() ? [LETTERS[i]] : []));
    const bold = boxes.length ? ticked : block.filter((l) => optionLetter(l) && /\*\*/.test(l)).map((l) => optionLetter(l));
    if (bold.length > 0 && [...bold].sort().join(",") !== keySorted) {
      errors.push(`quiz at line ${q.line}: marked options ${bold.join(",")} but key ${keySorted}`);
    }
    for (const line of block) {
      const stated = /(?:Answer|Correct answer|정답)\s*[:：]\s*([A-H](?:\s*(?:,|and|&|및)\s*[A-H])*)\b/i.exec(plainLine(line));
      if (!stated?.[1]) continue;
      const letters = stated[1].match(/[A-H]/g) ?? [];
      if ([...letters].sort().join(",") !== keySorted) {
        errors.push(`quiz at line ${q.line}: file states ${letters.join(",")} but key ${keySorted}`);
      }
    }
  }
  for (const q of key.noKeyQuiz) {
    const nextQuestion = questionLines.find((n) => n > q.line) ?? lines.length + 1;
    const block = lines.slice(q.line, nextQuestion - 1);
    if (block.some((l) => /(Answer|정답)\s*[:：]\s*[A-H]\b/i.test(plainLine(l)))) {
      errors.push(`no-key quiz at line ${q.line} has an answer line`);
    }
  }
  if (path.basename(keyPath) !== key.file.replace(/\.md$/, ".key.json")) errors.push(`key file name does not match ${key.file}`);
  return errors;
}

const entries = readdirSync(dir).sort();
let failed = false;
for (const name of entries) {
  if (name !== "README.md" && !name.endsWith(".md") && !name.endsWith(".key.json")) {
    console.log(`${name}: not a notes file, key or README`);
    failed = true;
  }
}
for (const md of entries.filter((n) => n.endsWith(".md") && n !== "README.md")) {
  const keyName = md.replace(/\.md$/, ".key.json");
  if (!entries.includes(keyName)) {
    console.log(`${md}: no ${keyName}`);
    failed = true;
    continue;
  }
  const parsed = keySchema.safeParse(JSON.parse(readFileSync(path.join(dir, keyName), "utf8")));
  if (!parsed.success) {
    console.log(`${keyName}: ${z.prettifyError(parsed.error)}`);
    failed = true;
    continue;
  }
  const text = readFileSync(path.join(dir, md), "utf8");
  const lines = text.replace(/\n$/, "").split("\n");
  const errors = check(keyName, parsed.data, lines);
  const k = parsed.data;
  const summary = `${lines.length} lines, ${k.language}, sections ${k.sections.length}, skipped ${k.skipped.length}, quiz ${k.quiz.length}, no key ${k.noKeyQuiz.length}`;
  console.log(`${errors.length ? "FAIL" : "ok  "} ${md}: ${summary}`);
  for (const error of errors) console.log(`     ${error}`);
  if (errors.length) failed = true;
}
for (const key of entries.filter((n) => n.endsWith(".key.json"))) {
  if (!entries.includes(key.replace(/\.key\.json$/, ".md"))) {
    console.log(`${key}: no markdown file`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
