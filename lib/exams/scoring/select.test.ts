import { describe, expect, it } from "vitest";
import { hashSeed, mulberry32, seededRandom, shuffle } from "../../random";
import { allocateSeats, selectExamQuestions, type PoolQuestion } from "./select";

function makePool(perDomain: Record<number, number>, topicsPerDomain = 3): PoolQuestion[] {
  const pool: PoolQuestion[] = [];
  for (const [domain, n] of Object.entries(perDomain)) {
    for (let i = 0; i < n; i++) {
      pool.push({ id: `d${domain}-q${String(i).padStart(3, "0")}`, topicId: `d${domain}-t${i % topicsPerDomain}`, domain: Number(domain), difficulty: "medium" });
    }
  }
  return pool;
}

const blueprint = [
  { domain: 1, weight: 30 },
  { domain: 2, weight: 26 },
  { domain: 3, weight: 24 },
  { domain: 4, weight: 20 },
];

const countBy = (qs: PoolQuestion[]) =>
  qs.reduce<Record<string, number>>((acc, q) => ((acc[String(q.domain)] = (acc[String(q.domain)] ?? 0) + 1), acc), {});

describe("random", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = seededRandom("exam-1");
    const b = seededRandom("exam-1");
    const c = seededRandom("exam-2");
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(hashSeed("x")).toBe(hashSeed("x"));
    const r = mulberry32(1);
    for (let i = 0; i < 1000; i++) {
      const v = r();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });

  it("shuffles into a new permutation", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(xs, seededRandom("s"));
    expect([...out].sort()).toEqual(xs);
    expect(xs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("allocateSeats", () => {
  it("uses largest remainders", () => {
    // 19.5, 16.9, 15.6, 13.0 → 19, 16, 15, 13 + the two largest remainders (.9, .6)
    expect(allocateSeats([30, 26, 24, 20], 65)).toEqual([19, 17, 16, 13]);
    expect(allocateSeats([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(allocateSeats([1, 1, 1], 0)).toEqual([0, 0, 0]);
    expect(allocateSeats([50, 50], 1)).toEqual([1, 0]);
    expect(allocateSeats([0, 10], 4)).toEqual([0, 4]);
  });

  it("hands unfillable seats to the other buckets in proportion", () => {
    // 60 seats over 26:24:20 → 22.29, 20.57, 17.14
    expect(allocateSeats([30, 26, 24, 20], 65, [5, 100, 100, 100])).toEqual([5, 22, 21, 17]);
    expect(allocateSeats([1, 1], 10, [2, 3])).toEqual([2, 3]);
  });
});

describe("selectExamQuestions", () => {
  const pool = makePool({ 1: 60, 2: 60, 3: 60, 4: 60 });

  it("is deterministic for a seed, independent of pool order, and varies with the seed", () => {
    const a = selectExamQuestions(pool, blueprint, 65, "attempt-42").map((q) => q.id);
    const b = selectExamQuestions([...pool].reverse(), blueprint, 65, "attempt-42").map((q) => q.id);
    const c = selectExamQuestions(pool, blueprint, 65, "attempt-43").map((q) => q.id);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it("follows the blueprint and never repeats a question", () => {
    const out = selectExamQuestions(pool, blueprint, 65, "seed");
    expect(out).toHaveLength(65);
    expect(new Set(out.map((q) => q.id)).size).toBe(65);
    expect(countBy(out)).toEqual({ 1: 19, 2: 17, 3: 16, 4: 13 });
  });

  it("spreads a domain's seats across its topics", () => {
    const out = selectExamQuestions(pool, blueprint, 65, "spread");
    const topics = new Set(out.filter((q) => q.domain === 4).map((q) => q.topicId));
    expect(topics.size).toBe(3);
  });

  it("ignores duplicate rows in the pool", () => {
    const dup = [...pool, ...pool.slice(0, 30)];
    const out = selectExamQuestions(dup, blueprint, 65, "dup");
    expect(new Set(out.map((q) => q.id)).size).toBe(out.length);
  });

  it("falls back when a domain has too few questions", () => {
    const thin = makePool({ 1: 4, 2: 60, 3: 60, 4: 60 });
    const out = selectExamQuestions(thin, blueprint, 65, "thin");
    expect(out).toHaveLength(65);
    expect(countBy(out)).toEqual({ 1: 4, 2: 23, 3: 21, 4: 17 });
  });

  it("uses questions outside the blueprint only when the blueprint domains run dry", () => {
    const small = [...makePool({ 1: 5, 2: 5 }), { id: "x1", topicId: "x", domain: null }, { id: "x2", topicId: "x", domain: 9 }];
    const twoDomains = blueprint.slice(0, 2);
    expect(selectExamQuestions(small, twoDomains, 8, "s").every((q) => q.domain === 1 || q.domain === 2)).toBe(true);
    const all = selectExamQuestions(small, twoDomains, 20, "s");
    expect(all).toHaveLength(12);
    expect(all.map((q) => q.id)).toContain("x1");
  });

  it("handles empty input, zero count, and an empty blueprint", () => {
    expect(selectExamQuestions([], blueprint, 65, "s")).toEqual([]);
    expect(selectExamQuestions(pool, blueprint, 0, "s")).toEqual([]);
    expect(selectExamQuestions(pool, blueprint, -5, "s")).toEqual([]);
    const out = selectExamQuestions(pool, [], 10, "s");
    expect(out).toHaveLength(10);
    expect(selectExamQuestions(pool, [{ domain: 1, weight: 0 }], 10, "s")).toHaveLength(10);
  });

  it("matches string and number domain ids", () => {
    const out = selectExamQuestions(pool, [{ domain: "1", weight: 1 }, { domain: 2, weight: 1 }], 10, "s");
    expect(countBy(out)).toEqual({ 1: 5, 2: 5 });
  });
});
