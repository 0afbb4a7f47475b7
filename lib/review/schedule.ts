// Per-question spaced review with FSRS (ts-fsrs). Pure: the clock is always passed in.
//
// How an answer becomes an FSRS rating (ratingFor):
//   wrong                                   → Again  (back in 10 minutes, counts a lapse)
//   right, slower than the question's time target            → Hard
//   right, within the target                                 → Good
//   right in at most half the target (FAST_RATIO)            → Easy
//   right, no time information (responseMs or targetMs absent) → Good
// A fast right answer may be a lucky guess; FSRS recovers at the next review if it was.
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade, type StateType } from "ts-fsrs";
import { z } from "zod";

export const FAST_RATIO = 0.5;

/**
 * Scheduler settings: FSRS defaults (90% target retention, default weights) with one
 * 10-minute (re)learning step, so a wrong answer comes back later in the same session
 * and a first right answer graduates straight to days. No fuzz, so schedules are
 * reproducible; intervals are capped at a year (exam preparation horizons are shorter).
 */
export const REVIEW_PARAMS = generatorParameters({
  request_retention: 0.9,
  maximum_interval: 365,
  enable_fuzz: false,
  enable_short_term: true,
  learning_steps: ["10m"],
  relearning_steps: ["10m"],
});

const scheduler = fsrs(REVIEW_PARAMS);

const STATE_NAMES = ["New", "Learning", "Review", "Relearning"] as const satisfies readonly StateType[];

/** A ts-fsrs card as plain JSON (ReviewCard.card): dates are ISO strings, state is a name. */
export type ReviewCardData = {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: StateType;
  last_review: string | null;
};

const isoDate = z.string().refine((s) => Number.isFinite(Date.parse(s)), "must be an ISO date");
const finite = z.number().finite();
const count = z.number().int().min(0);

export const reviewCardSchema = z.object({
  due: isoDate,
  stability: finite.min(0),
  difficulty: finite,
  elapsed_days: finite.min(0),
  scheduled_days: finite.min(0),
  learning_steps: count,
  reps: count,
  lapses: count,
  state: z.enum(STATE_NAMES),
  last_review: isoDate.nullable(),
});

/** Validate a stored card (e.g. a Prisma Json column). Throws a ZodError on bad data. */
export function parseReviewCard(json: unknown): ReviewCardData {
  return reviewCardSchema.parse(json);
}

export function toReviewCardData(card: Card): ReviewCardData {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAMES[card.state] ?? "New",
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

export function fromReviewCardData(data: ReviewCardData): Card {
  const card: Card = {
    due: new Date(data.due),
    stability: data.stability,
    difficulty: data.difficulty,
    elapsed_days: data.elapsed_days,
    scheduled_days: data.scheduled_days,
    learning_steps: data.learning_steps,
    reps: data.reps,
    lapses: data.lapses,
    state: State[data.state],
  };
  if (data.last_review !== null) card.last_review = new Date(data.last_review);
  return card;
}

export type ReviewAnswer = {
  correct: boolean;
  /** Time the learner took, ms. */
  responseMs?: number | null;
  /** The question's time target, ms (e.g. exam minutes ÷ questions, longer for scenarios). */
  targetMs?: number | null;
  answeredAt: Date;
};

export type RatingName = "Again" | "Hard" | "Good" | "Easy";

/** See the table at the top of this file. */
export function ratingFor(answer: Omit<ReviewAnswer, "answeredAt">): Grade {
  if (!answer.correct) return Rating.Again;
  const { responseMs, targetMs } = answer;
  if (responseMs == null || targetMs == null || !(targetMs > 0) || !(responseMs >= 0)) return Rating.Good;
  if (responseMs > targetMs) return Rating.Hard;
  if (responseMs <= targetMs * FAST_RATIO) return Rating.Easy;
  return Rating.Good;
}

export type ScheduledReview = {
  card: ReviewCardData;
  dueAt: Date;
  rating: RatingName;
};

/**
 * Schedule the next review of one question after an answer. `card` is the stored card, or
 * null for a question this learner has never answered. An answer timed before the card's
 * last review (out-of-order delivery) is treated as given at that last review.
 */
export function scheduleReview(card: ReviewCardData | null, answer: ReviewAnswer): ScheduledReview {
  const current = card ? fromReviewCardData(card) : createEmptyCard(answer.answeredAt);
  const last = current.last_review?.getTime() ?? Number.NEGATIVE_INFINITY;
  const now = new Date(Math.max(answer.answeredAt.getTime(), last));
  const grade = ratingFor(answer);
  const next = scheduler.next(current, now, grade).card;
  return { card: toReviewCardData(next), dueAt: next.due, rating: Rating[grade] as RatingName };
}

type Dated = { due: string | Date } | { dueAt: string | Date };

function dueTime(item: Dated): number {
  const d = "dueAt" in item ? item.dueAt : item.due;
  return d instanceof Date ? d.getTime() : Date.parse(d);
}

/** Due at or before `now`. */
export function isDue(card: Dated, now: Date): boolean {
  return dueTime(card) <= now.getTime();
}

/**
 * Items due at `now`, most overdue first (earliest due), at most `limit`. Works on cards
 * ({ due }) or on rows ({ dueAt }, e.g. ReviewCard). Equal due times keep their input order.
 */
export function dueQueue<T extends Dated>(items: readonly T[], now: Date, limit = Number.POSITIVE_INFINITY): T[] {
  return items
    .filter((item) => isDue(item, now))
    .sort((a, b) => dueTime(a) - dueTime(b))
    .slice(0, Math.max(0, limit));
}

/** Probability the learner would still answer this question right at `now` (FSRS R). */
export function retrievability(card: ReviewCardData, now: Date): number {
  return scheduler.get_retrievability(fromReviewCardData(card), now, false);
}
