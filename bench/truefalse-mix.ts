// Prints, per notes file (test/fixtures/notes and ../shared/seeds), how many true/false questions are kept
// (true vs false, by rule) and the bank size: run before and after a change to the true/false rules.
//   npx tsx bench/truefalse-mix.ts
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseNotes } from "../lib/notes/parse";
import { generateWithReport } from "../lib/notes/generate";

const dirs = ["test/fixtures/notes", "../shared/seeds"].filter((d) => existsSync(d));
const rows: Array<Record<string, string | number>> = [];
const total = { questions: 0, tf: 0, tfTrue: 0, tfFalse: 0, balanceDrops: 0 };
const byRule: Record<string, number> = {};
for (const dir of dirs) {
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".md") && x !== "README.md" && x !== "ERRATA.md")) {
    const r = generateWithReport(parseNotes(readFileSync(path.join(dir, f), "utf8"), f), {});
    const tf = r.questions.filter((q) => q.type === "truefalse");
    const t = tf.filter((q) => q.answer[0] === "true").length;
    for (const q of tf) byRule[q.rule] = (byRule[q.rule] ?? 0) + 1;
    rows.push({ file: f, questions: r.questions.length, tf: tf.length, true: t, false: tf.length - t, balanceDrops: r.dropped["truefalse-balance"] ?? 0 });
    total.questions += r.questions.length;
    total.tf += tf.length;
    total.tfTrue += t;
    total.tfFalse += tf.length - t;
    total.balanceDrops += r.dropped["truefalse-balance"] ?? 0;
  }
}
console.log(JSON.stringify({ files: rows, total, byRule }, null, 1));
