// Per-topic mastery: a Rasch (1PL IRT) model fitted online with Glickman's Glicko update.
// See ./README.md for the model in plain words, the parameters and the citations.
//
//   P(correct) = 1 / (1 + exp(-(θ_user,topic − b_item)))
//
// Each learner-topic ability θ and each item difficulty b carries a Gaussian belief
// (mean, variance). An answer is a "game" between the learner and the item; both beliefs
// are updated with the Glicko-1 formulas written in natural-log (Rasch) units.
// Everything here is pure: no I/O, no clock, no randomness.

/** A learner's belief about one topic. JSON-safe (the data layer stores it as columns). */
export type MasteryState = {
  /** Rasch ability on this topic (logits). 0 = even odds on an average (b = 0) item. */
  theta: number;
  /** Standard deviation of the belief about theta (logits): the standard error. */
  uncertainty: number;
  /** Answers counted for this topic. */
  answers: number;
  /** Of which correct. */
  correctAnswers: number;
  /** ISO 8601 time of the last counted answer, or null before the first one. */
  lastAnsweredAt: string | null;
};

export type DifficultyLevel = "easy" | "medium" | "hard";
/** The authored level, in content-file (`easy`) or database enum (`EASY`) spelling. */
export type DifficultyLevelInput = DifficultyLevel | Uppercase<DifficultyLevel>;

/** Model parameters. Exported so the README, tests and the bench read the same numbers. */
export const MASTERY_PARAMS = Object.freeze({
  /** Prior mean of θ for a topic never answered. */
  thetaPrior: 0,
  /** Prior SD of θ (also the ceiling the recency decay grows back to). Matches the DB default. */
  thetaPriorSd: 1.5,
  /** Variance added per idle day (Glicko's c²): a 0.25-SD topic is back to ~0.5 after a month. */
  driftPerDay: 0.006,
  /** Variance added per answer, so θ keeps tracking a learner who is still learning. */
  driftPerAnswer: 0.002,
  /** θ and b are kept inside ±this many logits (P from 0.25% to 99.75%). */
  clamp: 6,
  /** Authored-difficulty priors for b. */
  difficultyPrior: { easy: -1, medium: 0, hard: 1 } as const,
  /** Prior SD of b around the authored prior. */
  itemPriorSd: 1,
  /** Average Fisher information one answer gives about b (p(1−p) near p ≈ 0.7). */
  itemInfoPerAnswer: 0.2,
  /** Floor on the SD of b so items keep adapting (content edits, drifting cohorts). */
  itemMinSd: 0.1,
});

/** z for a two-sided 80% normal band. */
export const Z80 = 1.2815515655446004;

const DAY_MS = 86_400_000;

export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function clampLogit(x: number): number {
  const c = MASTERY_PARAMS.clamp;
  return Math.min(c, Math.max(-c, x));
}

/** Glicko's attenuation g(σ) = 1/√(1 + 3σ²/π²): an uncertain opponent's result counts less. */
export function glickoG(variance: number): number {
  return 1 / Math.sqrt(1 + (3 * variance) / (Math.PI * Math.PI));
}

export function initialMastery(): MasteryState {
  return {
    theta: MASTERY_PARAMS.thetaPrior,
    uncertainty: MASTERY_PARAMS.thetaPriorSd,
    answers: 0,
    correctAnswers: 0,
    lastAnsweredAt: null,
  };
}

/** The Rasch difficulty prior for an authored level: easy −1, medium 0, hard +1. */
export function difficultyPrior(level: DifficultyLevelInput): number {
  return MASTERY_PARAMS.difficultyPrior[level.toLowerCase() as DifficultyLevel];
}

/**
 * Variance of θ at `now`: the stored variance plus the recency drift for the idle time,
 * never above the prior variance (a stale topic is at most as unknown as a new one).
 */
function varianceAt(state: MasteryState, now: Date | undefined): number {
  return varianceAtMs(state.uncertainty, state.lastAnsweredAt === null ? null : Date.parse(state.lastAnsweredAt), now?.getTime() ?? null);
}

/** varianceAt from plain numbers (epoch ms): reports decode thousands of stored rows without dates or strings. */
function varianceAtMs(uncertainty: number, lastAnsweredAtMs: number | null, nowMs: number | null): number {
  const v = uncertainty * uncertainty;
  const priorVar = MASTERY_PARAMS.thetaPriorSd ** 2;
  if (nowMs === null || lastAnsweredAtMs === null) return Math.min(v, priorVar);
  const idleDays = Math.max(0, (nowMs - lastAnsweredAtMs) / DAY_MS);
  return Math.min(priorVar, v + MASTERY_PARAMS.driftPerDay * idleDays);
}

/**
 * The state as seen at `now`: same θ, uncertainty grown by the recency decay.
 * Use it before showing a band for a topic not practised lately.
 */
export function masteryAt(state: MasteryState, now: Date): MasteryState {
  return { ...state, uncertainty: Math.sqrt(varianceAt(state, now)) };
}

export type MasteryObservation = {
  correct: boolean;
  /** Current Rasch difficulty b of the item answered. */
  itemDifficulty: number;
  /** SD of the belief about b; defaults to the SD implied by `itemAnswers` (or the prior SD). */
  itemUncertainty?: number;
  /** How many answers b was estimated from (used when itemUncertainty is absent). */
  itemAnswers?: number;
  answeredAt: Date;
  /**
   * How much this answer counts, 0..1 (default 1). recordAnswer() lowers it for repeat
   * answers to the same question, which say more about memory of that item than the topic.
   */
  weight?: number;
};

/** SD of an item's difficulty after n answers (the DB stores only b and n). */
export function itemUncertainty(n: number): number {
  const p = MASTERY_PARAMS;
  const v = 1 / (1 / (p.itemPriorSd * p.itemPriorSd) + p.itemInfoPerAnswer * Math.max(0, n));
  return Math.max(p.itemMinSd, Math.sqrt(v));
}

/** Probability the learner answers an item of difficulty b correctly, given the uncertainties. */
export function expectedCorrect(thetaMean: number, b: number, combinedVariance = 0): number {
  return logistic(glickoG(combinedVariance) * (thetaMean - b));
}

/**
 * One answer → new belief about the learner's topic ability (Glicko-1 step, Rasch units):
 *   v⁻ = min(σ₀², σ² + c²·idleDays + q)        recency + per-answer drift
 *   E  = logistic(g(σ_b²)·(θ − b))
 *   v⁺ = 1 / (1/v⁻ + w·g²·E(1−E))
 *   θ⁺ = θ + v⁺·w·g·(y − E)
 */
export function updateMastery(state: MasteryState, obs: MasteryObservation): MasteryState {
  const p = MASTERY_PARAMS;
  const weight = Math.min(1, Math.max(0, obs.weight ?? 1));
  const bSd = obs.itemUncertainty ?? itemUncertainty(obs.itemAnswers ?? 0);
  const vPrior = Math.min(p.thetaPriorSd ** 2, varianceAt(state, obs.answeredAt) + p.driftPerAnswer * weight);
  const g = glickoG(bSd * bSd);
  const e = logistic(g * (state.theta - obs.itemDifficulty));
  const y = obs.correct ? 1 : 0;
  const vPost = 1 / (1 / vPrior + weight * g * g * e * (1 - e));
  const answeredAt = obs.answeredAt.toISOString();
  const last = state.lastAnsweredAt;
  return {
    theta: clampLogit(state.theta + vPost * weight * g * (y - e)),
    uncertainty: Math.sqrt(vPost),
    answers: state.answers + 1,
    correctAnswers: state.correctAnswers + y,
    // Answers can arrive out of order (a live room flushed late): keep the latest time.
    lastAnsweredAt: last !== null && Date.parse(last) > obs.answeredAt.getTime() ? last : answeredAt,
  };
}

/**
 * One answer → new belief about the item's difficulty, from every learner's answers.
 * b starts at difficultyPrior(level) with n = 0; its SD is implied by n (itemUncertainty).
 * `thetaUncertainty` (the answering learner's SD, default the prior SD) makes answers from
 * learners the model knows little about move b less (Glicko's g).
 */
export function updateItemDifficulty(
  b: number,
  n: number,
  obs: { correct: boolean; theta: number; thetaUncertainty?: number },
): { b: number; n: number } {
  const vb = itemUncertainty(n) ** 2;
  const thetaSd = obs.thetaUncertainty ?? MASTERY_PARAMS.thetaPriorSd;
  const g = glickoG(thetaSd * thetaSd);
  const e = logistic(g * (obs.theta - b));
  const y = obs.correct ? 1 : 0;
  const vPost = 1 / (1 / vb + g * g * e * (1 - e));
  return { b: clampLogit(b - vPost * g * (y - e)), n: n + 1 };
}

/**
 * "Mastery %": the probability of answering an average (b = 0) item of this topic right,
 * at the current estimate of θ. (σ(θ) is the median of the belief about that probability.)
 */
export function masteryProbability(state: MasteryState): number {
  return logistic(state.theta);
}

export type MasteryInterval = { low: number; high: number; level: number };

/**
 * Credible band for masteryProbability (default 80%): σ(θ ± z·SD). Pass `now` to include
 * the recency decay (a topic left alone for weeks gets a wider band).
 */
export function masteryInterval(
  state: MasteryState,
  opts: { now?: Date; level?: number } = {},
): MasteryInterval {
  const level = opts.level ?? 0.8;
  const z = level === 0.8 ? Z80 : normalQuantile(0.5 + level / 2);
  const sd = Math.sqrt(varianceAt(state, opts.now));
  return { low: logistic(state.theta - z * sd), high: logistic(state.theta + z * sd), level };
}

/**
 * masteryInterval's 80% band (recency decay included) from a stored row's plain numbers, for
 * reports that read thousands of rows: same formula, no state object or date parsing per row.
 */
export function masteryBand80(theta: number, uncertainty: number, lastAnsweredAtMs: number | null, nowMs: number): { low: number; high: number } {
  const sd = Math.sqrt(varianceAtMs(uncertainty, lastAnsweredAtMs, nowMs));
  return { low: logistic(theta - Z80 * sd), high: logistic(theta + Z80 * sd) };
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf; |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Standard normal quantile (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}
