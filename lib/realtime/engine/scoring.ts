// Scoring (pure). For one round of T = secondsPerQuestion × 1000 ms:
//
//   t       = server time of the answer − round.startsAt, clamped to [0, T]
//   base    = correct ? (speedScoring ? round(1000 × (1 − (t/T)/2)) : 1000) : 0
//             (Kahoot's formula: an instant correct answer earns 1000, one at the deadline 500)
//   streak  = correct ? previous streak + 1 : 0            (no answer counts as wrong)
//   bonus   = correct ? min(100 × (streak − 1), 500) : 0    (2nd in a row +100, 3rd +200, … capped at +500 from the 6th)
//   points  = base + bonus
//
// Multiple-response questions are all-or-nothing: the chosen set must equal the correct set.
// t is measured by the server, never taken from the client; the grace window (GRACE_MS in
// state.ts) only decides whether an answer is accepted, and t is clamped to T inside it.
import type { RoomQuestion } from "./types";

export const MAX_POINTS = 1000;
export const STREAK_STEP = 100;
export const STREAK_BONUS_CAP = 500;

export function clampResponseMs(responseMs: number, limitMs: number): number {
  if (!Number.isFinite(responseMs) || responseMs < 0) return 0;
  return Math.min(responseMs, limitMs);
}

export function basePoints(correct: boolean, responseMs: number, limitMs: number, speedScoring: boolean): number {
  if (!correct) return 0;
  if (!speedScoring) return MAX_POINTS;
  const t = clampResponseMs(responseMs, limitMs);
  return Math.round(MAX_POINTS * (1 - t / limitMs / 2));
}

/** Bonus for a streak of `streak` consecutive correct answers (this one included). */
export function streakBonus(streak: number): number {
  return Math.min(STREAK_STEP * Math.max(0, streak - 1), STREAK_BONUS_CAP);
}

export function isCorrect(question: Pick<RoomQuestion, "correctChoiceIds">, choiceIds: readonly string[] | null): boolean {
  if (!choiceIds || choiceIds.length !== question.correctChoiceIds.length) return false;
  const chosen = new Set(choiceIds);
  return chosen.size === choiceIds.length && question.correctChoiceIds.every((c) => chosen.has(c));
}

export interface ScoredAnswer {
  correct: boolean;
  points: number;
  streak: number;
}

/** The outcome of one round for one player; `choiceIds` null = no answer. */
export function scoreAnswer(
  question: Pick<RoomQuestion, "correctChoiceIds">,
  choiceIds: readonly string[] | null,
  responseMs: number,
  opts: { limitMs: number; speedScoring: boolean; previousStreak: number },
): ScoredAnswer {
  const correct = isCorrect(question, choiceIds);
  if (!correct) return { correct, points: 0, streak: 0 };
  const streak = opts.previousStreak + 1;
  return { correct, points: basePoints(true, responseMs, opts.limitMs, opts.speedScoring) + streakBonus(streak), streak };
}

/** Why an answer's choices are refused (`invalid_choice`), or null when acceptable. */
export function choiceProblem(question: Pick<RoomQuestion, "type" | "choiceIds" | "choose">, choiceIds: unknown): string | null {
  if (!Array.isArray(choiceIds) || choiceIds.length === 0) return "no choice";
  if (!choiceIds.every((c): c is string => typeof c === "string")) return "not a choice id";
  if (new Set(choiceIds).size !== choiceIds.length) return "repeated choice";
  const known = new Set(question.choiceIds);
  if (!choiceIds.every((c) => known.has(c))) return "unknown choice";
  if (question.type !== "multiple") return choiceIds.length === 1 ? null : "exactly one choice";
  if (question.choose !== null && choiceIds.length !== question.choose) return `exactly ${question.choose} choices`;
  return null;
}
