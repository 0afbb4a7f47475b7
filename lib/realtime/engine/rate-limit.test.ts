import { describe, expect, it } from "vitest";
import { allow, RATE_LIMITS, type BucketState } from "./rate-limit";

const cfg = { capacity: 3, refillPerSec: 2 };

describe("token bucket", () => {
  it("starts full, spends a token per call, refuses when empty", () => {
    let state: BucketState | null = null;
    const decisions: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const d = allow(state, 1000, cfg);
      decisions.push(d.allowed);
      state = d.state;
    }
    expect(decisions).toEqual([true, true, true, false]);
    expect(allow(state, 1000, cfg).retryAfterMs).toBe(500);
  });

  it("refills continuously at refillPerSec, never above capacity", () => {
    const empty = { tokens: 0, updatedAt: 1000 };
    expect(allow(empty, 1499, cfg).allowed).toBe(false);
    const d = allow(empty, 1500, cfg);
    expect(d).toEqual({ allowed: true, state: { tokens: 0, updatedAt: 1500 }, retryAfterMs: 0 });
    expect(allow(empty, 1_000_000, cfg).state.tokens).toBe(2);
  });

  it("does not refill when the clock steps back, and stays JSON-serializable", () => {
    const state = { tokens: 0, updatedAt: 5000 };
    const d = allow(state, 1000, cfg);
    expect(d.allowed).toBe(false);
    expect(d.state.updatedAt).toBe(5000);
    expect(JSON.parse(JSON.stringify(d.state))).toEqual(d.state);
  });

  it("supports a cost, and says when a cost can never be paid", () => {
    expect(allow(null, 0, cfg, 3).allowed).toBe(true);
    expect(allow(null, 0, cfg, 4)).toMatchObject({ allowed: false, retryAfterMs: Number.POSITIVE_INFINITY });
  });

  it("the suggested join limit allows a burst of 10, then one per 30 s of failed lookups", () => {
    let state: BucketState | null = null;
    let allowed = 0;
    for (let t = 0; t < 60_000; t += 100) {
      const d = allow(state, t, RATE_LIMITS.joinUnknownCode);
      state = d.state;
      if (d.allowed) allowed += 1;
    }
    expect(allowed).toBe(10 + 1);
  });
});
