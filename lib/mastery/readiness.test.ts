import { describe, expect, it } from "vitest";
import { initialMastery, type MasteryState } from "./model";
import { nextToStudy, readiness, readinessGains, topicWeightsFromBlueprint } from "./readiness";

const state = (theta: number, uncertainty: number, answers: number): MasteryState => ({
  theta,
  uncertainty,
  answers,
  correctAnswers: Math.round(answers / 2),
  lastAnsweredAt: "2025-03-01T00:00:00.000Z",
});

describe("readiness", () => {
  it("stays within 100..1000 with the band around the estimate", () => {
    const weights = { a: 30, b: 70 };
    for (const theta of [-20, -6, -2, 0, 2, 6, 20]) {
      for (const sd of [0.05, 0.5, 1.5]) {
        const r = readiness({ a: state(theta, sd, 50), b: state(theta, sd, 50) }, weights);
        for (const v of [r.scaled, r.low, r.high]) {
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(100);
          expect(v).toBeLessThanOrEqual(1000);
        }
        expect(r.low).toBeLessThanOrEqual(r.scaled);
        expect(r.high).toBeGreaterThanOrEqual(r.scaled);
        expect(r.passProbability).toBeGreaterThanOrEqual(0);
        expect(r.passProbability).toBeLessThanOrEqual(1);
      }
    }
  });

  it("rises with mastery and with the weight of the strong topic", () => {
    const weak = state(-1, 0.3, 40);
    const strong = state(2, 0.3, 40);
    const r1 = readiness({ a: weak, b: weak }, { a: 50, b: 50 });
    const r2 = readiness({ a: weak, b: strong }, { a: 50, b: 50 });
    const r3 = readiness({ a: weak, b: strong }, { a: 20, b: 80 });
    expect(r2.scaled).toBeGreaterThan(r1.scaled);
    expect(r3.scaled).toBeGreaterThan(r2.scaled);
    expect(r3.passProbability).toBeGreaterThan(r1.passProbability);
  });

  it("has a wide band and no coverage before any practice, narrower after", () => {
    const none = readiness({}, { a: 1, b: 1 });
    expect(none.coverage).toBe(0);
    expect(none.scaled).toBe(550);
    const practised = readiness({ a: state(0, 0.2, 100), b: state(0, 0.2, 100) }, { a: 1, b: 1 });
    expect(practised.coverage).toBe(1);
    expect(practised.high - practised.low).toBeLessThan(none.high - none.low);
  });

  it("keeps the exam-sitting noise even when mastery is certain", () => {
    const r = readiness({ a: state(0.8, 0.001, 1000) }, { a: 1 }, { questionCount: 65 });
    expect(r.high - r.low).toBeGreaterThan(50);
  });

  it("returns the minimum with no weighted topics", () => {
    expect(readiness({ a: state(3, 0.1, 10) }, {}).scaled).toBe(100);
  });
});

describe("nextToStudy", () => {
  it("ranks topics and gives the reason", () => {
    const mastery = {
      weak: state(-1.5, 0.3, 40), // ~18%
      strong: state(2.5, 0.25, 80), // ~92%
      shaky: state(1.2, 1.1, 3), // looks good, little evidence
      reviewed: state(2.5, 0.25, 80),
    };
    const due = { reviewed: 25 };
    const weights = { weak: 10, strong: 10, shaky: 10, reviewed: 10, fresh: 10 };
    const ranked = nextToStudy(mastery, due, weights);
    expect(ranked.map((r) => [r.topicId, r.reason])).toEqual([
      ["reviewed", "due_reviews"],
      ["fresh", "not_started"],
      ["weak", "low_mastery"],
      ["shaky", "uncertain"],
      ["strong", "low_mastery"],
    ]);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.priority).toBeGreaterThanOrEqual(ranked[i]!.priority);
  });

  it("favours the heavier topic at equal mastery, and honours limit", () => {
    const s = state(0, 0.3, 30);
    const ranked = nextToStudy({ light: s, heavy: s }, {}, { light: 5, heavy: 20 }, { limit: 1 });
    expect(ranked).toHaveLength(1);
    expect(ranked[0]?.topicId).toBe("heavy");
  });

  it("orders ties by topic id and counts every topic when no weights are given", () => {
    const ranked = nextToStudy({ b: initialMastery(), a: initialMastery() }, {}, {});
    expect(ranked.map((r) => r.topicId)).toEqual(["a", "b"]);
    expect(ranked.every((r) => r.reason === "not_started")).toBe(true);
  });

  it("skips topics outside the blueprint unless reviews are due", () => {
    const ranked = nextToStudy({ off: state(-2, 0.3, 10), in: state(0, 0.3, 10) }, { extra: 3 }, { in: 1 });
    expect(ranked.map((r) => r.topicId).sort()).toEqual(["extra", "in"]);
  });
});

describe("topicWeightsFromBlueprint", () => {
  it("splits each domain's weight by its topics' question counts", () => {
    const qs = [
      { topicId: "t1", domain: 1 },
      { topicId: "t1", domain: 1 },
      { topicId: "t2", domain: 1 },
      { topicId: "t3", domain: 2 },
      { topicId: "t4", domain: null },
    ];
    const w = topicWeightsFromBlueprint(qs, [
      { domain: 1, weight: 30 },
      { domain: 2, weight: 70 },
    ]);
    expect(w.t1).toBeCloseTo(20);
    expect(w.t2).toBeCloseTo(10);
    expect(w.t3).toBeCloseTo(70);
    expect(w.t4).toBeUndefined();
  });
});

describe("readinessGains", () => {
  const target = 0.8;
  const atTarget = state(Math.log(target / (1 - target)), 0.35, 30);
  const expectedScaled = (m: Parameters<typeof readiness>[0], w: Record<string, number>) => 100 + 900 * readiness(m, w).expectedPercent;

  it("is what readiness gains when that one topic alone reaches the target", () => {
    const mastery = { weak: state(-1, 0.4, 20), mid: state(0.5, 0.6, 8) };
    const weights = { weak: 30, mid: 50, fresh: 20 };
    const gains = readinessGains(mastery, weights, { target });
    const before = expectedScaled(mastery, weights);
    expect(gains.weak!).toBeCloseTo(expectedScaled({ ...mastery, weak: atTarget }, weights) - before, 6);
    expect(gains.mid!).toBeCloseTo(expectedScaled({ ...mastery, mid: atTarget }, weights) - before, 6);
    expect(gains.fresh!).toBeCloseTo(expectedScaled({ ...mastery, fresh: atTarget }, weights) - before, 6);
    // The gains add up: every topic at the target raises the estimate by their sum.
    const all = expectedScaled({ weak: atTarget, mid: atTarget, fresh: atTarget }, weights);
    expect(gains.weak! + gains.mid! + gains.fresh!).toBeCloseTo(all - before, 6);
  });

  it("is larger for the weaker topic and for the heavier one, and zero at or above the target", () => {
    const weak = state(-1.5, 0.3, 40);
    const better = state(0.5, 0.3, 40);
    const strong = state(2.5, 0.3, 80);
    const gains = readinessGains({ weak, better, strong }, { weak: 10, better: 10, strong: 10 });
    expect(gains.weak!).toBeGreaterThan(gains.better!);
    expect(gains.better!).toBeGreaterThan(0);
    expect(gains.strong).toBe(0);
    const byWeight = readinessGains({ light: weak, heavy: weak }, { light: 5, heavy: 20 });
    expect(byWeight.heavy!).toBeCloseTo(4 * byWeight.light!, 6);
  });

  it("gives a never-practised topic a gain from the prior, and nothing outside the blueprint", () => {
    const gains = readinessGains({ off: state(-2, 0.3, 10) }, { fresh: 1 });
    expect(gains.fresh!).toBeGreaterThan(0);
    expect(gains.off).toBeUndefined();
    expect(readinessGains({}, {})).toEqual({});
  });
});
