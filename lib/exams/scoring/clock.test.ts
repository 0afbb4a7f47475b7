import { describe, expect, it } from "vitest";
import { acceptsAnswer, deadlineFor, DEFAULT_GRACE_MS, examMinutes, isExpired, remainingMs } from "./clock";

const start = new Date("2025-03-01T09:00:00.000Z");
const deadline = deadlineFor(start, 130);
const at = (ms: number) => new Date(deadline.getTime() + ms);

describe("exam clock", () => {
  it("computes the deadline from the start and the length", () => {
    expect(deadline.toISOString()).toBe("2025-03-01T11:10:00.000Z");
    expect(deadlineFor(start.toISOString(), 0.5).getTime()).toBe(start.getTime() + 30_000);
    expect(() => deadlineFor(start, -1)).toThrow(RangeError);
    expect(() => deadlineFor("not a date", 10)).toThrow(RangeError);
  });

  it("counts down and stops at zero", () => {
    expect(remainingMs(deadline, start)).toBe(130 * 60_000);
    expect(remainingMs(deadline, at(-1))).toBe(1);
    expect(remainingMs(deadline, at(0))).toBe(0);
    expect(remainingMs(deadline, at(5_000))).toBe(0);
  });

  it("expires exactly at the deadline", () => {
    expect(isExpired(deadline, at(-1))).toBe(false);
    expect(isExpired(deadline, at(0))).toBe(true);
    expect(isExpired(deadline.toISOString(), at(1).getTime())).toBe(true);
  });

  it("accepts answers until deadline + grace, inclusive", () => {
    expect(DEFAULT_GRACE_MS).toBe(2000);
    expect(acceptsAnswer(deadline, at(-1000))).toBe(true);
    expect(acceptsAnswer(deadline, at(0))).toBe(true);
    expect(acceptsAnswer(deadline, at(1999))).toBe(true);
    expect(acceptsAnswer(deadline, at(2000))).toBe(true);
    expect(acceptsAnswer(deadline, at(2001))).toBe(false);
    expect(acceptsAnswer(deadline, at(1), 0)).toBe(false);
    expect(acceptsAnswer(deadline, at(0), 0)).toBe(true);
    expect(acceptsAnswer(deadline, at(1), -500)).toBe(false);
    expect(acceptsAnswer(deadline, at(4000), 5000)).toBe(true);
  });
});

describe("exam length", () => {
  const soa = { questionCount: 65, minutes: 130 };
  it("gives a full exam the bank's minutes, and 30 more with the ESL accommodation", () => {
    expect(examMinutes(soa, { format: "full", questionCount: 65, eslExtraTime: false })).toEqual({ minutes: 130, extraMinutes: 0 });
    expect(examMinutes(soa, { format: "full", questionCount: 65, eslExtraTime: true })).toEqual({ minutes: 160, extraMinutes: 30 });
  });

  it("keeps the full exam's pace on a short exam, without the accommodation", () => {
    expect(examMinutes(soa, { format: "short", questionCount: 10, eslExtraTime: true })).toEqual({ minutes: 20, extraMinutes: 0 });
    expect(examMinutes(soa, { format: "short", questionCount: 1, eslExtraTime: false }).minutes).toBe(2);
    expect(examMinutes({ questionCount: 65, minutes: 10 }, { format: "short", questionCount: 1, eslExtraTime: false }).minutes).toBe(1);
  });
});
