// True/false balance: a learner who always answers "true" (or "false") must not pass, so the larger side
// may be at most 60% of the true/false items. Extras are dropped section by section in document order,
// keeping every prefix of the notes balanced: notes that grow at the end then never lose a question they
// already gave (an import of the longer file retires nothing).
import type { GeneratedQuestion, ParsedNotes, Topic } from "./types";

/** A bank under this many questions may keep one unmatched item; "40–60%" is only measurable on bigger banks. */
export const BALANCE_MIN_BANK = 20;

/** The most true (or false) items allowed next to `small` of the other side. */
export function allowed(small: number, slack: number): number {
  return Math.max(Math.floor((small * 3) / 2), small + slack);
}

/** The section (a topic at depth 2, or the root) a topic belongs to. */
function sectionOf(topicByPath: Map<string, Topic>, path: string): string {
  let t = topicByPath.get(path);
  while (t && t.depth > 2 && t.parentPath) t = topicByPath.get(t.parentPath);
  return t?.path ?? path;
}

/** The true/false items to drop, so that the kept bank is within 40–60% "true". */
export function unbalancedExtras(parsed: ParsedNotes, kept: readonly GeneratedQuestion[]): Set<GeneratedQuestion> {
  const slack = kept.length < BALANCE_MIN_BANK ? 1 : 0;
  const topicByPath = new Map(parsed.topics.map((t) => [t.path, t]));
  const order = new Map(parsed.topics.map((t, i) => [t.path, i]));
  const tf = kept.filter((q) => q.type === "truefalse");
  // A fact asked both ways (as written, and with a swapped number or sibling) needs only the false one.
  const askedFalse = new Set(tf.filter((q) => q.answer[0] !== "true").map((q) => q.factIds[0]));
  const priority = (q: GeneratedQuestion): number =>
    q.answer[0] === "true" ? (askedFalse.has(q.factIds[0]) ? 0 : 1) : q.rule === "truefalse-corrected" ? 1 : 0; // the author's own struck claims stay longest
  const bySection = new Map<string, GeneratedQuestion[]>();
  for (const q of tf) {
    const s = sectionOf(topicByPath, q.topicPath);
    bySection.set(s, [...(bySection.get(s) ?? []), q]);
  }
  const sections = [...bySection.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const removed = new Set<GeneratedQuestion>();
  let trues = 0;
  let falses = 0;
  for (const s of sections) {
    const qs = bySection.get(s) ?? [];
    const t = qs.filter((q) => q.answer[0] === "true");
    const f = qs.filter((q) => q.answer[0] !== "true");
    trues += t.length;
    falses += f.length;
    const overTrue = trues > falses;
    const n = overTrue ? trues - allowed(falses, slack) : falses - allowed(trues, slack);
    if (n <= 0) continue;
    // Balanced before this section, so its own items of the larger side cover the excess.
    const drop = [...(overTrue ? t : f)].sort((a, b) => priority(a) - priority(b) || a.quality - b.quality || (a.id < b.id ? -1 : 1)).slice(0, n);
    for (const q of drop) removed.add(q);
    if (overTrue) trues -= drop.length;
    else falses -= drop.length;
  }
  return removed;
}
