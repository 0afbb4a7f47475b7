// What a room produced, as players and the database see it (pure): the end-of-game review
// with explanations, and a closed round's results rebuilt from the state.
import { allSeats, reviewFor, type RoomState, type RoundResult } from "../engine";
import type { RoomReviewPayload } from "../events";
import type { ReviewMaterial } from "./questions";

/** One player's review: each revealed question, their answer, the right one, the explanation. */
export function reviewPayload(state: RoomState, playerId: string, material: ReviewMaterial): RoomReviewPayload | null {
  const review = reviewFor(state, playerId);
  if (!review) return null;
  return {
    roomId: state.roomId,
    items: review.map((item) => {
      const extra = material.get(item.questionId);
      const correct = new Set(item.correctChoiceIds);
      const choices = item.content?.choices ?? item.choiceIds.map((id) => ({ id, text: id }));
      return {
        round: item.round,
        questionId: item.questionId,
        stem: item.content?.stem ?? "",
        choices: choices.map((c) => ({ id: c.id, text: c.text, correct: correct.has(c.id) })),
        yourChoiceIds: item.yourChoiceIds,
        correct: item.correct,
        points: item.points,
        explanation: extra?.explanation ?? "",
        noteHref: extra?.noteHref ?? null,
      };
    }),
  };
}

/** A closed round's results rebuilt from the state (after a takeover, when they were never written). */
export function resultsFromState(state: RoomState, index: number): RoundResult[] {
  const results: RoundResult[] = [];
  for (const seat of allSeats(state)) {
    if (!seat.plays) continue;
    const answer = seat.answers.find((a) => a.round === index);
    results.push({
      playerId: seat.playerId,
      choiceIds: answer ? answer.choiceIds : null,
      answeredAt: answer ? answer.answeredAt : null,
      responseMs: answer ? answer.responseMs : null,
      correct: answer?.correct ?? false,
      points: answer?.points ?? 0,
    });
  }
  return results;
}
