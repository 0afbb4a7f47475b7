import { describe, expect, it } from "vitest";
import { seededRandom } from "../random";
import {
  difficultyPrior,
  initialMastery,
  itemUncertainty,
  logistic,
  MASTERY_PARAMS,
  masteryAt,
  masteryInterval,
  masteryProbability,
  normalCdf,
  normalQuantile,
  updateItemDifficulty,
  updateMastery,
  type MasteryState,
} from "./model";

const t0 = new Date("2025-03-01T09:00:00Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function answer(state: MasteryState, correct: boolean, itemDifficulty = 0, at = t0): MasteryState {
  return updateMastery(state, { correct, itemDifficulty, answeredAt: at });
}

describe("initial state and priors", () => {
  it("starts at even odds with the prior uncertainty", () => {
    const s = initialMastery();
    expect(s).toEqual({ theta: 0, uncertainty: MASTERY_PARAMS.thetaPriorSd, answers: 0, correctAnswers: 0, lastAnsweredAt: null });
    expect(masteryProbability(s)).toBe(0.5);
  });

  it("maps authored levels to ordered difficulty priors, either spelling", () => {
    expect(difficultyPrior("easy")).toBe(-1);
    expect(difficultyPrior("medium")).toBe(0);
    expect(difficultyPrior("hard")).toBe(1);
    expect(difficultyPrior("HARD")).toBe(1);
  });
});

describe("updateMastery", () => {
  it("is monotonic: a right answer raises θ, a wrong one lowers it", () => {
    const s = initialMastery();
    expect(answer(s, true).theta).toBeGreaterThan(s.theta);
    expect(answer(s, false).theta).toBeLessThan(s.theta);
    // from any starting point
    for (const theta of [-3, -1, 0, 1, 3]) {
      const st = { ...initialMastery(), theta, uncertainty: 0.5, answers: 10 };
      expect(answer(st, true, 0.3).theta).toBeGreaterThan(theta);
      expect(answer(st, false, 0.3).theta).toBeLessThan(theta);
    }
  });

  it("rewards a right answer on a harder item more, and punishes a miss on an easier item more", () => {
    const s = initialMastery();
    const easy = answer(s, true, difficultyPrior("easy")).theta;
    const medium = answer(s, true, difficultyPrior("medium")).theta;
    const hard = answer(s, true, difficultyPrior("hard")).theta;
    expect(hard).toBeGreaterThan(medium);
    expect(medium).toBeGreaterThan(easy);
    const missEasy = answer(s, false, -1).theta;
    const missHard = answer(s, false, 1).theta;
    expect(missEasy).toBeLessThan(missHard);
  });

  it("is pure: the input state is not changed", () => {
    const s = initialMastery();
    const copy = structuredClone(s);
    answer(s, true);
    expect(s).toEqual(copy);
  });

  it("counts answers and right answers and keeps the latest answer time", () => {
    let s = answer(initialMastery(), true, 0, later(10));
    s = answer(s, false, 0, later(5)); // delivered late
    expect(s.answers).toBe(2);
    expect(s.correctAnswers).toBe(1);
    expect(s.lastAnsweredAt).toBe(later(10).toISOString());
  });

  it("shrinks the uncertainty with every answer", () => {
    let s = initialMastery();
    let prev = s.uncertainty;
    for (let i = 0; i < 50; i++) {
      s = answer(s, i % 3 !== 0, 0, later(i));
      expect(s.uncertainty).toBeLessThan(prev);
      prev = s.uncertainty;
    }
    expect(s.uncertainty).toBeLessThan(0.45);
  });

  it("moves less per answer as evidence accumulates (K shrinks with n)", () => {
    let s = initialMastery();
    const steps: number[] = [];
    for (let i = 0; i < 40; i++) {
      const next = answer(s, i % 2 === 0, s.theta, later(i));
      steps.push(Math.abs(next.theta - s.theta));
      s = next;
    }
    expect(steps[39]).toBeLessThan((steps[0] ?? 0) / 3);
  });

  it("counts a down-weighted answer less", () => {
    const s = initialMastery();
    const full = updateMastery(s, { correct: true, itemDifficulty: 0, answeredAt: t0 });
    const half = updateMastery(s, { correct: true, itemDifficulty: 0, answeredAt: t0, weight: 0.5 });
    expect(half.theta).toBeGreaterThan(0);
    expect(half.theta).toBeLessThan(full.theta);
    expect(half.uncertainty).toBeGreaterThan(full.uncertainty);
  });

  it("stays finite and clamped after a long one-sided streak", () => {
    let s = initialMastery();
    for (let i = 0; i < 2000; i++) s = answer(s, true, -3, later(i));
    expect(s.theta).toBeLessThanOrEqual(MASTERY_PARAMS.clamp);
    expect(Number.isFinite(s.uncertainty)).toBe(true);
  });

  it("converges toward a simulated learner's true skill", () => {
    const random = seededRandom("convergence");
    for (const trueTheta of [-1.5, 0, 0.8, 2]) {
      let s = initialMastery();
      let b = 0;
      for (let i = 0; i < 300; i++) {
        b = (random() - 0.5) * 4; // items from −2 to +2, known difficulty
        const correct = random() < logistic(trueTheta - b);
        s = updateMastery(s, { correct, itemDifficulty: b, itemUncertainty: 0.1, answeredAt: later(i) });
      }
      expect(Math.abs(s.theta - trueTheta)).toBeLessThan(0.45);
      expect(Math.abs(masteryProbability(s) - logistic(trueTheta))).toBeLessThan(0.08);
    }
  });
});

describe("recency decay", () => {
  it("widens the uncertainty of a stale topic, up to the prior, without moving θ", () => {
    let s = initialMastery();
    for (let i = 0; i < 30; i++) s = answer(s, i % 4 !== 0, 0, later(i));
    const fresh = masteryAt(s, later(31));
    const month = masteryAt(s, new Date(t0.getTime() + 30 * 86_400_000));
    const decade = masteryAt(s, new Date(t0.getTime() + 3650 * 86_400_000));
    expect(month.uncertainty).toBeGreaterThan(fresh.uncertainty);
    expect(month.theta).toBe(s.theta);
    expect(decade.uncertainty).toBeCloseTo(MASTERY_PARAMS.thetaPriorSd, 10);
    const band = masteryInterval(s, { now: new Date(t0.getTime() + 30 * 86_400_000) });
    const bandNow = masteryInterval(s);
    expect(band.high - band.low).toBeGreaterThan(bandNow.high - bandNow.low);
  });

  it("lets answers after a long break move θ more", () => {
    let s = initialMastery();
    for (let i = 0; i < 30; i++) s = answer(s, true, 0, later(i));
    const soon = answer(s, false, 0, later(31));
    const afterBreak = answer(s, false, 0, new Date(t0.getTime() + 90 * 86_400_000));
    expect(s.theta - afterBreak.theta).toBeGreaterThan(s.theta - soon.theta);
  });
});

describe("masteryInterval", () => {
  it("contains the point estimate and narrows with answers", () => {
    const s0 = initialMastery();
    const i0 = masteryInterval(s0);
    expect(i0.low).toBeLessThan(0.5);
    expect(i0.high).toBeGreaterThan(0.5);
    expect(i0.level).toBe(0.8);
    let s = s0;
    for (let i = 0; i < 20; i++) s = answer(s, true, 0.5, later(i));
    const i1 = masteryInterval(s);
    const p = masteryProbability(s);
    expect(i1.low).toBeLessThan(p);
    expect(i1.high).toBeGreaterThan(p);
    expect(i1.high - i1.low).toBeLessThan(i0.high - i0.low);
    const i95 = masteryInterval(s, { level: 0.95 });
    expect(i95.high - i95.low).toBeGreaterThan(i1.high - i1.low);
  });

  it("uses correct normal quantiles", () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 6);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
  });
});

describe("updateItemDifficulty", () => {
  it("makes an item easier when answered right and harder when missed, and counts the answer", () => {
    expect(updateItemDifficulty(0, 0, { correct: true, theta: 0 })).toEqual({ b: expect.any(Number), n: 1 });
    expect(updateItemDifficulty(0, 0, { correct: true, theta: 0 }).b).toBeLessThan(0);
    expect(updateItemDifficulty(0, 0, { correct: false, theta: 0 }).b).toBeGreaterThan(0);
  });

  it("moves less for a well-established item and for an unknown learner", () => {
    const fresh = Math.abs(updateItemDifficulty(0, 0, { correct: true, theta: 0, thetaUncertainty: 0.3 }).b);
    const old = Math.abs(updateItemDifficulty(0, 500, { correct: true, theta: 0, thetaUncertainty: 0.3 }).b);
    const unknownLearner = Math.abs(updateItemDifficulty(0, 0, { correct: true, theta: 0, thetaUncertainty: 1.5 }).b);
    expect(old).toBeLessThan(fresh / 5);
    expect(unknownLearner).toBeLessThan(fresh);
    expect(itemUncertainty(0)).toBe(MASTERY_PARAMS.itemPriorSd);
    expect(itemUncertainty(1e9)).toBe(MASTERY_PARAMS.itemMinSd);
  });

  it("learns a mislabelled item's difficulty from many learners", () => {
    const random = seededRandom("item");
    const trueB = 1.2; // authored "easy" (prior −1) but actually hard
    let item = { b: difficultyPrior("easy"), n: 0 };
    for (let i = 0; i < 600; i++) {
      const theta = (random() - 0.5) * 3;
      item = updateItemDifficulty(item.b, item.n, { correct: random() < logistic(theta - trueB), theta, thetaUncertainty: 0.3 });
    }
    expect(Math.abs(item.b - trueB)).toBeLessThan(0.35);
  });
});
