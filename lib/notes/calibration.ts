// Calibration of the quality score (quality.ts) against hand labels: does a higher score mean a more
// usable question, and which threshold hides the nonsense without hiding the usable ones?
import type { GeneratedQuestion } from "./types";
import { stableId } from "./hash";

export type QualityLabel = "usable" | "needs-edit" | "nonsense";
export const QUALITY_LABELS: readonly QualityLabel[] = ["usable", "needs-edit", "nonsense"];

export interface LabelledQuestion {
  file: string;
  id: string;
  /** The stem as labelled, for a reader of the labels file. */
  stem: string;
  /** questionFingerprint at labelling time: a label whose question now reads differently is stale. */
  fingerprint: string;
  rule: string;
  label: QualityLabel;
  reason: string;
}

/** What the learner sees (stem, choices with the key marked, accepted cloze answers), hashed. */
export function questionFingerprint(q: Pick<GeneratedQuestion, "stem" | "choices" | "answer" | "type">): string {
  const key = new Set(q.answer);
  const shown = [q.stem, ...q.choices.map((c) => `${key.has(c.id) ? "*" : ""}${c.text}`), ...(q.type === "cloze" ? q.answer : [])];
  return stableId(...shown);
}

/** Identity a label is joined on; the fingerprint is compared separately so a changed question shows as stale. */
export function labelKey(file: string, id: string): string {
  return `${file}#${id}`;
}

/**
 * Probability that a random positive scores above a random negative (ties count half): the ROC AUC.
 * 0.5 is a coin flip; 1 is perfect separation. NaN when either side is empty.
 */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  // Rank-sum (Mann–Whitney U) with average ranks for ties: O(n log n) instead of all pairs.
  const all = [...positives.map((s) => ({ s, pos: true })), ...negatives.map((s) => ({ s, pos: false }))].sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.pos) rankSumPos += avgRank;
    i = j;
  }
  const nP = positives.length;
  return (rankSumPos - (nP * (nP + 1)) / 2) / (nP * negatives.length);
}

export interface ThresholdChoice {
  threshold: number;
  usableKept: number;
  nonsenseHidden: number;
  needsEditHidden: number;
}

/**
 * The highest threshold (questions scoring below it are hidden) that still keeps at least `keepUsable`
 * of the usable questions: it hides as much nonsense as possible at that cost. Candidate thresholds are
 * the usable scores themselves, so the answer is a score a labelled question actually had.
 */
export function chooseThreshold(scored: ReadonlyArray<{ quality: number; label: QualityLabel }>, keepUsable = 0.95): ThresholdChoice | null {
  const usable = scored.filter((s) => s.label === "usable").map((s) => s.quality).sort((a, b) => a - b);
  if (usable.length === 0) return null;
  // Hiding the k lowest usable is allowed while (n - k) / n >= keepUsable.
  const k = Math.floor(usable.length * (1 - keepUsable) + 1e-9);
  const threshold = usable[k]!;
  const share = (label: QualityLabel, hidden: boolean): number => {
    const xs = scored.filter((s) => s.label === label);
    return xs.length ? xs.filter((s) => (s.quality < threshold) === hidden).length / xs.length : Number.NaN;
  };
  return { threshold, usableKept: share("usable", false), nonsenseHidden: share("nonsense", true), needsEditHidden: share("needs-edit", true) };
}

export interface JoinResult {
  matched: Array<{ question: GeneratedQuestion; label: LabelledQuestion }>;
  /** Labels whose question is gone (dropped or its facts changed) or reads differently since labelling. */
  stale: Array<LabelledQuestion & { why: "gone" | "changed" }>;
}

export function joinLabels(questions: ReadonlyArray<GeneratedQuestion>, labels: readonly LabelledQuestion[]): JoinResult {
  const byKey = new Map(questions.map((q) => [labelKey(q.source.file, q.id), q]));
  const matched: JoinResult["matched"] = [];
  const stale: JoinResult["stale"] = [];
  for (const label of labels) {
    const q = byKey.get(labelKey(label.file, label.id));
    if (!q) stale.push({ ...label, why: "gone" });
    else if (questionFingerprint(q) !== label.fingerprint) stale.push({ ...label, why: "changed" });
    else matched.push({ question: q, label });
  }
  return { matched, stale };
}

export interface LabelShares {
  n: number;
  counts: Record<QualityLabel, number>;
  shares: Record<QualityLabel, number>;
}

export function labelShares(labels: readonly QualityLabel[]): LabelShares {
  const counts: Record<QualityLabel, number> = { usable: 0, "needs-edit": 0, nonsense: 0 };
  for (const l of labels) counts[l]++;
  const n = labels.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const shares = { usable: n ? round(counts.usable / n) : 0, "needs-edit": n ? round(counts["needs-edit"] / n) : 0, nonsense: n ? round(counts.nonsense / n) : 0 };
  return { n, counts, shares };
}

/** Seeded, stratified sample: round-robin over (file, rule) groups so every file and rule is represented. */
export function stratifiedSample<T>(items: readonly T[], groupOf: (x: T) => string, size: number, seed: number): T[] {
  const rand = mulberry32(seed);
  const groups = new Map<string, T[]>();
  for (const x of items) groups.set(groupOf(x), [...(groups.get(groupOf(x)) ?? []), x]);
  const queues = [...groups.keys()].sort().map((k) => shuffle(groups.get(k)!, rand));
  const out: T[] = [];
  while (out.length < Math.min(size, items.length)) {
    for (const q of queues) {
      const x = q.shift();
      if (x !== undefined && out.length < size) out.push(x);
    }
  }
  return out;
}

function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
