import { describe, expect, it } from "vitest";
import { basePoints, choiceProblem, clampResponseMs, isCorrect, scoreAnswer, streakBonus } from "./scoring";

const T = 20_000;

describe("basePoints (Kahoot: round(1000 × (1 − (t/T)/2)))", () => {
  it("instant correct → 1000, at T → 500, halfway → 750", () => {
    expect(basePoints(true, 0, T, true)).toBe(1000);
    expect(basePoints(true, T, T, true)).toBe(500);
    expect(basePoints(true, T / 2, T, true)).toBe(750);
    expect(basePoints(true, 1234, T, true)).toBe(Math.round(1000 * (1 - 1234 / T / 2)));
  });

  it("clamps t to [0, T]", () => {
    expect(basePoints(true, -50, T, true)).toBe(1000);
    expect(basePoints(true, T + 499, T, true)).toBe(500);
    expect(basePoints(true, Number.NaN, T, true)).toBe(1000);
    expect(clampResponseMs(T * 3, T)).toBe(T);
  });

  it("wrong → 0; speedScoring off → 1000 flat", () => {
    expect(basePoints(false, 0, T, true)).toBe(0);
    expect(basePoints(true, T, T, false)).toBe(1000);
    expect(basePoints(false, 0, T, false)).toBe(0);
  });
});

describe("streak", () => {
  it("+100 per step beyond the first, capped at +500", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map(streakBonus)).toEqual([0, 0, 100, 200, 300, 400, 500, 500, 500]);
  });

  it("scoreAnswer grows the streak on a correct answer and resets it otherwise", () => {
    const q = { correctChoiceIds: ["a"] };
    const opts = { limitMs: T, speedScoring: true, previousStreak: 2 };
    expect(scoreAnswer(q, ["a"], 0, opts)).toEqual({ correct: true, points: 1200, streak: 3 });
    expect(scoreAnswer(q, ["b"], 0, opts)).toEqual({ correct: false, points: 0, streak: 0 });
    expect(scoreAnswer(q, null, 0, opts)).toEqual({ correct: false, points: 0, streak: 0 });
    expect(scoreAnswer(q, ["a"], T, { ...opts, previousStreak: 9 })).toEqual({ correct: true, points: 1000, streak: 10 });
  });
});

describe("correctness", () => {
  it("multiple response is all-or-nothing, order-insensitive", () => {
    const q = { correctChoiceIds: ["a", "c"] };
    expect(isCorrect(q, ["c", "a"])).toBe(true);
    expect(isCorrect(q, ["a"])).toBe(false);
    expect(isCorrect(q, ["a", "c", "d"])).toBe(false);
    expect(isCorrect(q, ["a", "a"])).toBe(false);
    expect(isCorrect(q, null)).toBe(false);
  });

  it("choiceProblem checks ids and counts per type", () => {
    const single = { type: "single" as const, choiceIds: ["a", "b", "c", "d"], choose: null };
    const multi = { type: "multiple" as const, choiceIds: ["a", "b", "c", "d", "e"], choose: 2 };
    const open = { type: "multiple" as const, choiceIds: ["a", "b", "c"], choose: null };
    expect(choiceProblem(single, ["a"])).toBeNull();
    expect(choiceProblem(single, ["a", "b"])).not.toBeNull();
    expect(choiceProblem(single, "a")).not.toBeNull();
    expect(choiceProblem(multi, ["a", "b"])).toBeNull();
    expect(choiceProblem(multi, ["a"])).not.toBeNull();
    expect(choiceProblem(open, ["a", "b", "c"])).toBeNull();
    expect(choiceProblem(open, [])).not.toBeNull();
  });
});
