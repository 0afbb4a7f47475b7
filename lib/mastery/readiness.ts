// Exam readiness and "what to study next", from the per-topic mastery beliefs.
import { fractionToScaled, scaledToFraction, type ScoreScale } from "../exams/scoring/score";
import { initialMastery, logistic, masteryAt, masteryInterval, masteryProbability, normalCdf, normalQuantile, Z80, type MasteryState } from "./model";

export type MasteryByTopic = Readonly<Record<string, MasteryState | undefined>>;
/** Share of the exam each topic stands for (any positive scale; normalized here). */
export type TopicWeights = Readonly<Record<string, number>>;

/**
 * Per-topic weights from the exam blueprint: each domain's weight is split among its
 * topics in proportion to how many of the domain's questions each topic holds.
 */
export function topicWeightsFromBlueprint(
  questions: readonly { topicId: string; domain: number | string | null }[],
  blueprint: readonly { domain: number | string; weight: number }[],
): Record<string, number> {
  const perDomain = new Map<string, Map<string, number>>();
  for (const q of questions) {
    if (q.domain === null) continue;
    const d = String(q.domain);
    const topics = perDomain.get(d) ?? new Map<string, number>();
    topics.set(q.topicId, (topics.get(q.topicId) ?? 0) + 1);
    perDomain.set(d, topics);
  }
  const out: Record<string, number> = {};
  for (const { domain, weight } of blueprint) {
    const topics = perDomain.get(String(domain));
    if (!topics || !(weight > 0)) continue;
    const n = [...topics.values()].reduce((s, x) => s + x, 0);
    for (const [topicId, k] of topics) out[topicId] = (out[topicId] ?? 0) + (weight * k) / n;
  }
  return out;
}

// 81-point grid over ±4 SD for E[σ(θ − b)] and Var[σ(θ − b)] under θ ~ N(μ, s²).
const GRID = Array.from({ length: 81 }, (_, i) => -4 + i * 0.1);
const GRID_W = (() => {
  const raw = GRID.map((z) => Math.exp(-(z * z) / 2));
  const sum = raw.reduce((s, x) => s + x, 0);
  return raw.map((x) => x / sum);
})();

function probabilityMoments(theta: number, sd: number, b: number): { mean: number; variance: number } {
  let m1 = 0;
  let m2 = 0;
  GRID.forEach((z, i) => {
    const p = logistic(theta + sd * z - b);
    const w = GRID_W[i] ?? 0;
    m1 += w * p;
    m2 += w * p * p;
  });
  return { mean: m1, variance: Math.max(0, m2 - m1 * m1) };
}

export type ReadinessOptions = ScoreScale & {
  /** Apply the recency decay to each topic's uncertainty as of this time. */
  now?: Date;
  /** Questions on the exam (sampling noise of a real sitting), default 65. */
  questionCount?: number;
  /** Mean Rasch difficulty of exam items, default 0 (an average item). */
  examDifficulty?: number;
  passingScore?: number;
  /** Band level, default 0.8. */
  level?: number;
};

export type Readiness = {
  /** Expected scaled score (integer). */
  scaled: number;
  /** Band for the score of one real sitting (estimate uncertainty + exam sampling noise). */
  low: number;
  high: number;
  level: number;
  /** Expected fraction correct over the blueprint, 0..1. */
  expectedPercent: number;
  /** Probability of scoring ≥ passingScore (normal approximation). */
  passProbability: number;
  /** Share of the blueprint weight on topics with at least one answer, 0..1. */
  coverage: number;
};

/**
 * Estimated exam score. For each weighted topic the expected chance of answering an exam
 * item right is E[σ(θ − b̄)] over the belief about θ (topics never practised use the prior,
 * so they pull the estimate toward 50% with a wide band). The blueprint-weighted mean is
 * the expected raw fraction; it is mapped to the scaled score with the same linear map as
 * scaledScore() (100 + 900 × fraction: 720 ≈ 68.9% raw). That mapping is an
 * APPROXIMATION: AWS equates scores across forms and does not publish its scaling.
 * The band combines the (independent) per-topic estimation variances with the binomial
 * noise of a `questionCount`-question sitting.
 */
export function readiness(masteryByTopic: MasteryByTopic, topicWeights: TopicWeights, opts: ReadinessOptions = {}): Readiness {
  const level = opts.level ?? 0.8;
  const z = level === 0.8 ? Z80 : normalQuantile(0.5 + level / 2);
  const n = Math.max(1, opts.questionCount ?? 65);
  const b = opts.examDifficulty ?? 0;
  const entries = Object.entries(topicWeights).filter(([, w]) => Number.isFinite(w) && w > 0);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const passingScore = opts.passingScore ?? 720;
  if (total === 0) {
    const min = opts.minScore ?? 100;
    return { scaled: min, low: min, high: min, level, expectedPercent: 0, passProbability: 0, coverage: 0 };
  }

  let mean = 0;
  let estVar = 0;
  let covered = 0;
  for (const [topicId, w] of entries) {
    const raw = masteryByTopic[topicId] ?? initialMastery();
    const state = opts.now ? masteryAt(raw, opts.now) : raw;
    const share = w / total;
    const m = probabilityMoments(state.theta, state.uncertainty, b);
    mean += share * m.mean;
    estVar += share * share * m.variance;
    if (raw.answers > 0) covered += share;
  }
  const sd = Math.sqrt(estVar + (mean * (1 - mean)) / n);
  const scale: ScoreScale = { minScore: opts.minScore, maxScore: opts.maxScore };
  const passFraction = scaledToFraction(passingScore, scale);
  return {
    scaled: Math.round(fractionToScaled(mean, scale)),
    low: Math.round(fractionToScaled(mean - z * sd, scale)),
    high: Math.round(fractionToScaled(mean + z * sd, scale)),
    level,
    expectedPercent: mean,
    passProbability: sd > 0 ? 1 - normalCdf((passFraction - mean) / sd) : mean >= passFraction ? 1 : 0,
    coverage: covered,
  };
}

export type ReadinessGainOptions = ScoreScale & {
  now?: Date;
  examDifficulty?: number;
  /** Mastery % a topic is brought to, 0..1 (default 0.8). */
  target?: number;
  /** SD of θ once there (default 0.35, about thirty answers' worth of evidence). */
  targetUncertainty?: number;
};

/**
 * For each weighted topic, how many scaled points readiness().scaled would rise if that topic
 * alone were brought to `target` mastery (θ = logit(target), SD = targetUncertainty or its
 * own if smaller), others unchanged. It is the topic's blueprint share times the change in
 * its expected item score E[σ(θ − b̄)], mapped with the same linear scale as readiness(), so
 * the gains add up: bringing every topic there raises the expected score by their sum.
 * A topic already at or above the target gains 0. Unrounded, so ties sort by real size.
 */
export function readinessGains(masteryByTopic: MasteryByTopic, topicWeights: TopicWeights, opts: ReadinessGainOptions = {}): Record<string, number> {
  const target = Math.min(0.999, Math.max(0.001, opts.target ?? 0.8));
  const targetTheta = Math.log(target / (1 - target));
  const targetSd = opts.targetUncertainty ?? 0.35;
  const b = opts.examDifficulty ?? 0;
  const span = (opts.maxScore ?? 1000) - (opts.minScore ?? 100);
  const entries = Object.entries(topicWeights).filter(([, w]) => Number.isFinite(w) && w > 0);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const gains: Record<string, number> = {};
  for (const [topicId, w] of entries) {
    const raw = masteryByTopic[topicId] ?? initialMastery();
    const state = opts.now ? masteryAt(raw, opts.now) : raw;
    if (masteryProbability(state) >= target) {
      gains[topicId] = 0;
      continue;
    }
    const now = probabilityMoments(state.theta, state.uncertainty, b).mean;
    const then = probabilityMoments(targetTheta, Math.min(targetSd, state.uncertainty), b).mean;
    gains[topicId] = Math.max(0, (w / total) * (then - now) * span);
  }
  return gains;
}

export type StudyReason = "low_mastery" | "uncertain" | "due_reviews" | "not_started";

export type StudySuggestion = {
  topicId: string;
  reason: StudyReason;
  /** Higher first. Sum of the three parts below. */
  priority: number;
  parts: { gap: number; uncertainty: number; due: number };
  mastery: number;
  dueCount: number;
};

export type NextToStudyOptions = {
  now?: Date;
  limit?: number;
  /** Due reviews at which the review part saturates (default 20). */
  dueCap?: number;
  /** Weight of a saturated review part relative to a full-weight topic at 0% (default 1). */
  dueWeight?: number;
};

/**
 * Topics ranked by what studying them is worth now. With w = topic weight ÷ the largest
 * topic weight (every topic counts 1 when no weights are given), p = mastery % and p₁₀ the
 * lower end of its 80% band:
 *   gap         = w · (1 − p)            what is still to be learned, by exam weight
 *   uncertainty = w · (p − p₁₀)          how much the estimate could be too optimistic
 *   due         = dueWeight · min(due, dueCap) / dueCap   spaced reviews waiting
 * priority = gap + uncertainty + due. The reason is 'not_started' for a topic with no
 * answers, else the largest part ('low_mastery' | 'uncertain' | 'due_reviews'; ties in
 * that order). Ties on priority go to the topic id, so the order is stable.
 */
export function nextToStudy(
  masteryByTopic: MasteryByTopic,
  dueCounts: Readonly<Record<string, number>>,
  weights: TopicWeights,
  opts: NextToStudyOptions = {},
): StudySuggestion[] {
  const dueCap = Math.max(1, opts.dueCap ?? 20);
  const dueWeight = opts.dueWeight ?? 1;
  const hasWeights = Object.values(weights).some((w) => w > 0);
  const maxWeight = Math.max(0, ...Object.values(weights).filter((w) => Number.isFinite(w)));
  const topicIds = new Set([...Object.keys(weights), ...Object.keys(masteryByTopic), ...Object.keys(dueCounts)]);
  const out: StudySuggestion[] = [];
  for (const topicId of topicIds) {
    const w = hasWeights ? Math.max(0, weights[topicId] ?? 0) / maxWeight : 1;
    const dueCount = Math.max(0, Math.floor(dueCounts[topicId] ?? 0));
    const state = masteryByTopic[topicId] ?? initialMastery();
    if (w === 0 && dueCount === 0) continue;
    const p = masteryProbability(state);
    const band = masteryInterval(state, { now: opts.now });
    const parts = { gap: w * (1 - p), uncertainty: w * Math.max(0, p - band.low), due: (dueWeight * Math.min(dueCount, dueCap)) / dueCap };
    let reason: StudyReason;
    if (state.answers === 0 && dueCount === 0) reason = "not_started";
    else if (parts.gap >= parts.uncertainty && parts.gap >= parts.due) reason = "low_mastery";
    else if (parts.uncertainty >= parts.due) reason = "uncertain";
    else reason = "due_reviews";
    out.push({ topicId, reason, priority: parts.gap + parts.uncertainty + parts.due, parts, mastery: p, dueCount });
  }
  out.sort((a, b) => b.priority - a.priority || (a.topicId < b.topicId ? -1 : a.topicId > b.topicId ? 1 : 0));
  return opts.limit !== undefined ? out.slice(0, Math.max(0, opts.limit)) : out;
}
