// The one entry point every mode (practice, mock exam, assignment, live room) calls after
// an answer is scored. Pure: the data layer reads the current rows, calls this, writes back.
import {
  difficultyPrior,
  initialMastery,
  masteryAt,
  updateItemDifficulty,
  updateMastery,
  type DifficultyLevelInput,
  type MasteryState,
} from "./model";

/** Same spelling as the Prisma `AttemptMode` enum; recorded for the audit trail only. */
export type AnswerMode = "PRACTICE" | "MOCK_EXAM" | "ASSIGNMENT" | "LIVE";

export type AnswerEvent = {
  userId: string;
  topicId: string;
  questionId: string;
  /** Already scored (multiple response all-or-nothing: see lib/exams/scoring scoreItem). */
  correct: boolean;
  answeredAt: Date;
  mode: AnswerMode;
  /**
   * How many times this user answered this question before (e.g. ReviewCard.reps).
   * A repeat says more about memory of the item than about the topic: it counts
   * 1/(1 + priorAnswers) towards mastery and does not move the item's difficulty.
   */
  priorAnswersToQuestion?: number;
};

/** Question.itemDifficulty / itemAnswers / difficulty. */
export type ItemState = {
  /** Learned Rasch difficulty b. Ignored while `answers` is 0 if `level` is given. */
  difficulty: number;
  /** First answers b was learned from. */
  answers: number;
  /** Authored level: the prior for b before any answer. */
  level?: DifficultyLevelInput;
};

export type RecordedAnswer = {
  /** New TopicMastery for (userId, topicId). */
  mastery: MasteryState;
  /** New Question.itemDifficulty / itemAnswers (level carried through). */
  item: ItemState;
  /** A MasteryEvent row. */
  event: {
    userId: string;
    topicId: string;
    questionId: string;
    mode: AnswerMode;
    correct: boolean;
    thetaAfter: number;
    /** Model probability of a correct answer just before it: useful for analytics. */
    expectedBefore: number;
    createdAt: Date;
  };
};

/** The item's current b: the authored prior until its first counted answer. */
export function currentItemDifficulty(item: ItemState): number {
  return item.answers === 0 && item.level !== undefined ? difficultyPrior(item.level) : item.difficulty;
}

/** Initial Question.itemDifficulty for an authored level (what an importer should write). */
export function initialItem(level: DifficultyLevelInput): ItemState {
  return { difficulty: difficultyPrior(level), answers: 0, level };
}

export function recordAnswer(
  answer: AnswerEvent,
  current: { mastery: MasteryState | null; item: ItemState },
): RecordedAnswer {
  const before = masteryAt(current.mastery ?? initialMastery(), answer.answeredAt);
  const b = currentItemDifficulty(current.item);
  const prior = Math.max(0, Math.floor(answer.priorAnswersToQuestion ?? 0));
  const weight = 1 / (1 + prior);

  const expectedBefore = 1 / (1 + Math.exp(-(before.theta - b)));
  const mastery = updateMastery(current.mastery ?? initialMastery(), {
    correct: answer.correct,
    itemDifficulty: b,
    itemAnswers: current.item.answers,
    answeredAt: answer.answeredAt,
    weight,
  });

  // Both updates use the beliefs from *before* this answer (simultaneous Glicko step).
  let item: ItemState = { ...current.item, difficulty: b };
  if (prior === 0) {
    const next = updateItemDifficulty(b, current.item.answers, {
      correct: answer.correct,
      theta: before.theta,
      thetaUncertainty: before.uncertainty,
    });
    item = { ...current.item, difficulty: next.b, answers: next.n };
  }

  return {
    mastery,
    item,
    event: {
      userId: answer.userId,
      topicId: answer.topicId,
      questionId: answer.questionId,
      mode: answer.mode,
      correct: answer.correct,
      thetaAfter: mastery.theta,
      expectedBefore,
      createdAt: answer.answeredAt,
    },
  };
}
