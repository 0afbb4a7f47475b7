// Replays one learner's answers on one topic from the prior, in time order: what the topic's
// mastery would be had every answer been scored as given. Used after an editor fixes a key
// (lib/learning/recompute-mastery.ts). Pure.
//
// Items keep their current learned difficulty during the replay (the item model is shared by
// every learner and is not rewound); a repeat of a question counts 1/(1 + earlier answers to
// it in the replay), as recordAnswer does with the review card's reps.
import { initialMastery, type MasteryState } from "./model";
import { recordAnswer, type AnswerMode, type ItemState } from "./record";

export type ReplayAnswer = {
  questionId: string;
  correct: boolean;
  answeredAt: Date;
  mode: AnswerMode;
};

export type ReplayResult = {
  /** The topic's mastery after the last answer (the prior when there is none). */
  mastery: MasteryState;
  /** Theta after each answer, in the order the answers were given (not sorted). */
  thetaAfter: number[];
};

export function replayMastery(
  userId: string,
  topicId: string,
  answers: readonly ReplayAnswer[],
  items: ReadonlyMap<string, ItemState>,
): ReplayResult {
  const order = answers.map((answer, index) => ({ answer, index })).sort((a, b) => a.answer.answeredAt.getTime() - b.answer.answeredAt.getTime() || a.index - b.index);
  const seen = new Map<string, number>();
  const thetaAfter: number[] = new Array(answers.length).fill(0);
  let mastery: MasteryState | null = null;
  for (const { answer, index } of order) {
    const item = items.get(answer.questionId) ?? { difficulty: 0, answers: 0 };
    const prior = seen.get(answer.questionId) ?? 0;
    const recorded = recordAnswer(
      { userId, topicId, questionId: answer.questionId, correct: answer.correct, answeredAt: answer.answeredAt, mode: answer.mode, priorAnswersToQuestion: prior },
      { mastery, item },
    );
    mastery = recorded.mastery;
    seen.set(answer.questionId, prior + 1);
    thetaAfter[index] = mastery.theta;
  }
  return { mastery: mastery ?? initialMastery(), thetaAfter };
}
