// npm run notes:quality [-- --labels <labels.json>] [--dir <notes folder>] [--sample <n> --seed <s>]
// Regenerates the questions of a notes folder (default: the corpus test/fixtures/notes), joins them with
// the hand labels (default: test/fixtures/notes-quality/labels.json) and prints JSON: label shares overall
// and per rule, how the quality score separates the labels (ROC AUC), the threshold that keeps 95% of the
// usable questions, and how many labels are stale. With --sample it prints a seeded stratified sample of
// unlabelled questions instead, to label by hand.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseNotes } from "../lib/notes/parse";
import { generateWithReport } from "../lib/notes/generate";
import type { GeneratedQuestion } from "../lib/notes/types";
import { QUALITY_THRESHOLD } from "../lib/editor/quality-threshold";
import {
  chooseThreshold,
  joinLabels,
  labelKey,
  questionFingerprint,
  labelShares,
  rocAuc,
  stratifiedSample,
  type LabelledQuestion,
  type LabelShares,
} from "../lib/notes/calibration";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "test/fixtures/notes" },
    labels: { type: "string", default: "test/fixtures/notes-quality/labels.json" },
    sample: { type: "string" },
    seed: { type: "string", default: "14" },
  },
});

const dir = path.resolve(values.dir);
const files = readdirSync(dir).filter((f) => f.endsWith(".md") && !/^(?:README|ERRATA)\.md$/.test(f)).sort();
const questions: GeneratedQuestion[] = files.flatMap((f) => generateWithReport(parseNotes(readFileSync(path.join(dir, f), "utf8"), f)).questions);

if (values.sample) {
  // Questions with a current label are left out; a changed question is offered again.
  const labelled = existsSync(values.labels) ? new Set(readLabels(values.labels).map((l) => `${labelKey(l.file, l.id)}|${l.fingerprint}`)) : new Set<string>();
  const pool = questions.filter((q) => !labelled.has(`${labelKey(q.source.file, q.id)}|${questionFingerprint(q)}`));
  const picked = stratifiedSample(pool, (q) => `${q.source.file}|${q.rule}`, Number(values.sample), Number(values.seed));
  console.log(JSON.stringify(picked.map(show), null, 1));
  process.exit(0);
}

const labels = readLabels(values.labels);
const { matched, stale } = joinLabels(questions, labels);
const scored = matched.map((m) => ({ quality: m.question.quality, label: m.label.label, rule: m.question.rule }));
const q = (label: string) => scored.filter((s) => s.label === label).map((s) => s.quality);
const rules = [...new Set(scored.map((s) => s.rule))].sort();
const round = (x: number) => Math.round(x * 1000) / 1000;
const above = scored.filter((s) => s.quality >= QUALITY_THRESHOLD);

console.log(
  JSON.stringify(
    {
      dir: values.dir,
      questions: questions.length,
      labels: labels.length,
      matched: matched.length,
      stale: { gone: stale.filter((s) => s.why === "gone").length, changed: stale.filter((s) => s.why === "changed").length },
      overall: labelShares(scored.map((s) => s.label)),
      // Labelled questions the generator no longer emits (the honesty filter or a rule now drops them).
      goneLabels: compact(labelShares(stale.filter((s) => s.why === "gone").map((s) => s.label))),
      byRule: Object.fromEntries(rules.map((r) => [r, compact(labelShares(scored.filter((s) => s.rule === r).map((s) => s.label)))])),
      threshold: {
        current: QUALITY_THRESHOLD,
        shownShare: round(above.length / Math.max(1, scored.length)),
        shown: compact(labelShares(above.map((s) => s.label))),
        hidden: compact(labelShares(scored.filter((s) => s.quality < QUALITY_THRESHOLD).map((s) => s.label))),
      },
      auc: {
        usableVsNonsense: round(rocAuc(q("usable"), q("nonsense"))),
        usableVsRest: round(rocAuc(q("usable"), [...q("needs-edit"), ...q("nonsense")])),
      },
      keep95: chooseThreshold(scored, 0.95),
      changedLabels: stale.filter((s) => s.why === "changed").slice(0, 10).map((s) => ({ file: s.file, id: s.id, stem: s.stem.slice(0, 80) })),
    },
    (_k, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? round(v) : v),
    1,
  ),
);

/** One line per group in the printed JSON: n, then the share of each label. */
function compact(s: LabelShares): string {
  return `n=${s.n} usable=${s.shares.usable} needs-edit=${s.shares["needs-edit"]} nonsense=${s.shares.nonsense}`;
}

function readLabels(file: string): LabelledQuestion[] {
  return (JSON.parse(readFileSync(file, "utf8")) as { labels: LabelledQuestion[] }).labels;
}

function show(q: GeneratedQuestion) {
  const key = new Set(q.answer);
  return {
    file: q.source.file,
    id: q.id,
    rule: q.rule,
    quality: Math.round(q.quality * 1000) / 1000,
    fingerprint: questionFingerprint(q),
    heading: q.source.headingPath.join(" > "),
    stem: q.stem,
    choices: q.choices.map((c) => (key.has(c.id) ? `*${c.text}` : c.text)),
    answer: q.type === "cloze" || q.type === "truefalse" ? q.answer : undefined,
  };
}
