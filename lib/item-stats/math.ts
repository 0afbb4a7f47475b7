// Item statistics for editors, from every answer to a question in any mode. Pure.
//
// Discrimination is the point-biserial correlation between being right on the question (0/1)
// and the learner's mastery (theta) on the question's topic:
//   r = (M1 − M0) / s · √(p·q)
// with M1, M0 the mean mastery of right and wrong answers, s the population standard
// deviation of mastery over all answers, p the share right and q = 1 − p. It is null when
// everyone was right, everyone wrong, or every learner has the same mastery.

export type StatAnswer = {
  correct: boolean;
  /** Choice keys picked (empty for a typed or timed-out answer). */
  keys: readonly string[];
  responseMs: number | null;
  /** The learner's mastery (theta) on the question's topic; null when unknown. */
  mastery: number | null;
};

export type ItemStats = {
  answered: number;
  shareCorrect: number | null;
  /** Pick rate per choice key: the share of answers that picked it. */
  pickRates: Record<string, number>;
  medianResponseMs: number | null;
  discrimination: number | null;
  flags: ItemFlag[];
};

export type ItemFlag = "low_discrimination" | "unused_distractor";

/** Flags wait for this many answers: below it the estimates are noise. */
export const FLAG_MIN_ANSWERS = 30;
/**
 * Discrimination under 0.10 is flagged (negative or near zero): the classical test-theory
 * rule of thumb (Ebel) calls items under 0.20 marginal and under 0.10 poor.
 */
export const LOW_DISCRIMINATION = 0.1;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function pointBiserial(pairs: readonly { correct: boolean; x: number }[]): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  const mean = pairs.reduce((s, p) => s + p.x, 0) / n;
  const variance = pairs.reduce((s, p) => s + (p.x - mean) ** 2, 0) / n;
  const right = pairs.filter((p) => p.correct);
  const wrong = pairs.filter((p) => !p.correct);
  if (variance <= 1e-12 || right.length === 0 || wrong.length === 0) return null;
  const m1 = right.reduce((s, p) => s + p.x, 0) / right.length;
  const m0 = wrong.reduce((s, p) => s + p.x, 0) / wrong.length;
  const p = right.length / n;
  return ((m1 - m0) / Math.sqrt(variance)) * Math.sqrt(p * (1 - p));
}

/**
 * What the statistics need from a question's answers, summed (so SQL can aggregate them):
 * mastery sums over the answers whose learner has a mastery on the topic.
 */
export type ItemSums = {
  answered: number;
  right: number;
  picks: Record<string, number>;
  medianResponseMs: number | null;
  /** Answers with a mastery: count, sum and sum of squares of theta; of those right: count and sum. */
  withMastery: number;
  sumX: number;
  sumXX: number;
  rightWithMastery: number;
  sumXRight: number;
};

/** Point-biserial from sums: the same formula as pointBiserial. */
export function pointBiserialFromSums(sums: Pick<ItemSums, "withMastery" | "sumX" | "sumXX" | "rightWithMastery" | "sumXRight">): number | null {
  const n = sums.withMastery;
  const n1 = sums.rightWithMastery;
  if (n < 2 || n1 === 0 || n1 === n) return null;
  const mean = sums.sumX / n;
  const variance = sums.sumXX / n - mean * mean;
  if (variance <= 1e-12) return null;
  const m1 = sums.sumXRight / n1;
  const m0 = (sums.sumX - sums.sumXRight) / (n - n1);
  const p = n1 / n;
  return ((m1 - m0) / Math.sqrt(variance)) * Math.sqrt(p * (1 - p));
}

export function itemStatsFromSums(question: { choiceKeys: readonly string[]; correctKeys: readonly string[] }, sums: ItemSums): ItemStats {
  const { answered } = sums;
  const pickRates: Record<string, number> = {};
  for (const key of question.choiceKeys) pickRates[key] = answered ? (sums.picks[key] ?? 0) / answered : 0;
  const discrimination = pointBiserialFromSums(sums);
  const flags: ItemFlag[] = [];
  if (answered >= FLAG_MIN_ANSWERS) {
    if (discrimination !== null && discrimination < LOW_DISCRIMINATION) flags.push("low_discrimination");
    const distractors = question.choiceKeys.filter((k) => !question.correctKeys.includes(k));
    if (distractors.some((k) => pickRates[k] === 0)) flags.push("unused_distractor");
  }
  return { answered, shareCorrect: answered ? sums.right / answered : null, pickRates, medianResponseMs: sums.medianResponseMs, discrimination, flags };
}

/** The same statistics from the answers themselves. */
export function itemStats(question: { choiceKeys: readonly string[]; correctKeys: readonly string[] }, answers: readonly StatAnswer[]): ItemStats {
  const picks: Record<string, number> = {};
  for (const a of answers) for (const key of new Set(a.keys)) picks[key] = (picks[key] ?? 0) + 1;
  const known = answers.filter((a) => a.mastery !== null);
  const right = known.filter((a) => a.correct);
  return itemStatsFromSums(question, {
    answered: answers.length,
    right: answers.filter((a) => a.correct).length,
    picks,
    medianResponseMs: median(answers.flatMap((a) => (a.responseMs === null ? [] : [a.responseMs]))),
    withMastery: known.length,
    sumX: known.reduce((s, a) => s + a.mastery!, 0),
    sumXX: known.reduce((s, a) => s + a.mastery! ** 2, 0),
    rightWithMastery: right.length,
    sumXRight: right.reduce((s, a) => s + a.mastery!, 0),
  });
}

/** Sort for the editor's bank view: most flags first, then the lowest discrimination. */
export function compareByFlags(a: ItemStats, b: ItemStats): number {
  return b.flags.length - a.flags.length || (a.discrimination ?? 1) - (b.discrimination ?? 1) || b.answered - a.answered;
}
