import { describe, expect, it } from "vitest";
import { initialMastery, itemUncertainty } from "./model";
import { currentItemDifficulty, initialItem, recordAnswer, type AnswerEvent } from "./record";

const at = new Date("2025-03-01T09:00:00Z");
const base: AnswerEvent = { userId: "u1", topicId: "t1", questionId: "q1", correct: true, answeredAt: at, mode: "PRACTICE" };

describe("recordAnswer", () => {
  it("starts a missing topic from the prior and returns the rows to write", () => {
    const out = recordAnswer(base, { mastery: null, item: initialItem("medium") });
    expect(out.mastery.answers).toBe(1);
    expect(out.mastery.correctAnswers).toBe(1);
    expect(out.mastery.theta).toBeGreaterThan(0);
    expect(out.mastery.lastAnsweredAt).toBe(at.toISOString());
    expect(out.item.answers).toBe(1);
    expect(out.item.difficulty).toBeLessThan(0);
    expect(out.event).toEqual({
      userId: "u1",
      topicId: "t1",
      questionId: "q1",
      mode: "PRACTICE",
      correct: true,
      thetaAfter: out.mastery.theta,
      expectedBefore: 0.5,
      createdAt: at,
    });
  });

  it("uses the authored level as b until the item has answers", () => {
    expect(currentItemDifficulty({ difficulty: 0, answers: 0, level: "HARD" })).toBe(1);
    expect(currentItemDifficulty({ difficulty: 0.4, answers: 3, level: "HARD" })).toBe(0.4);
    const hard = recordAnswer(base, { mastery: null, item: { difficulty: 0, answers: 0, level: "HARD" } });
    const easy = recordAnswer(base, { mastery: null, item: { difficulty: 0, answers: 0, level: "EASY" } });
    expect(hard.mastery.theta).toBeGreaterThan(easy.mastery.theta);
  });

  it("treats every mode the same way", () => {
    const modes = ["PRACTICE", "MOCK_EXAM", "ASSIGNMENT", "LIVE"] as const;
    const thetas = modes.map((mode) => recordAnswer({ ...base, mode }, { mastery: null, item: initialItem("medium") }).mastery.theta);
    expect(new Set(thetas).size).toBe(1);
  });

  it("counts a repeat of the same question less and leaves the item's difficulty alone", () => {
    const item = { difficulty: 0.2, answers: 12 };
    const first = recordAnswer(base, { mastery: initialMastery(), item });
    const repeat = recordAnswer({ ...base, priorAnswersToQuestion: 2 }, { mastery: initialMastery(), item });
    expect(repeat.mastery.theta).toBeGreaterThan(0);
    expect(repeat.mastery.theta).toBeLessThan(first.mastery.theta);
    expect(repeat.item).toEqual(item);
    expect(first.item.answers).toBe(13);
  });

  it("is pure", () => {
    const mastery = initialMastery();
    const item = initialItem("easy");
    const snapshot = structuredClone({ mastery, item });
    recordAnswer({ ...base, correct: false }, { mastery, item });
    expect({ mastery, item }).toEqual(snapshot);
  });

  it("a wrong answer lowers mastery and makes the item look harder", () => {
    const out = recordAnswer({ ...base, correct: false }, { mastery: null, item: initialItem("easy") });
    expect(out.mastery.theta).toBeLessThan(0);
    expect(out.item.difficulty).toBeGreaterThan(-1);
    expect(itemUncertainty(out.item.answers)).toBeLessThan(itemUncertainty(0));
  });
});
