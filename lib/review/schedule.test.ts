import { describe, expect, it } from "vitest";
import { Rating } from "ts-fsrs";
import { dueQueue, isDue, parseReviewCard, ratingFor, retrievability, scheduleReview, type ReviewCardData } from "./schedule";

const t0 = new Date("2025-03-01T09:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("ratingFor", () => {
  it("maps answers to FSRS ratings", () => {
    expect(ratingFor({ correct: false, responseMs: 1000, targetMs: 60_000 })).toBe(Rating.Again);
    expect(ratingFor({ correct: true, responseMs: 90_000, targetMs: 60_000 })).toBe(Rating.Hard);
    expect(ratingFor({ correct: true, responseMs: 45_000, targetMs: 60_000 })).toBe(Rating.Good);
    expect(ratingFor({ correct: true, responseMs: 60_000, targetMs: 60_000 })).toBe(Rating.Good);
    expect(ratingFor({ correct: true, responseMs: 30_000, targetMs: 60_000 })).toBe(Rating.Easy);
    expect(ratingFor({ correct: true })).toBe(Rating.Good);
    expect(ratingFor({ correct: true, responseMs: 10, targetMs: 0 })).toBe(Rating.Good);
    expect(ratingFor({ correct: false })).toBe(Rating.Again);
  });
});

describe("scheduleReview", () => {
  it("brings a wrong answer back soon (within a day)", () => {
    const r = scheduleReview(null, { correct: false, answeredAt: t0 });
    expect(r.rating).toBe("Again");
    expect(r.dueAt.getTime() - t0.getTime()).toBeGreaterThan(0);
    expect(r.dueAt.getTime() - t0.getTime()).toBeLessThanOrEqual(DAY);
  });

  it("schedules a right answer later than a wrong one, and a fast one later still", () => {
    const wrong = scheduleReview(null, { correct: false, answeredAt: t0 }).dueAt.getTime();
    const slow = scheduleReview(null, { correct: true, responseMs: 120_000, targetMs: 60_000, answeredAt: t0 }).dueAt.getTime();
    const right = scheduleReview(null, { correct: true, answeredAt: t0 }).dueAt.getTime();
    const fast = scheduleReview(null, { correct: true, responseMs: 5_000, targetMs: 60_000, answeredAt: t0 }).dueAt.getTime();
    expect(slow).toBeGreaterThan(wrong);
    expect(right).toBeGreaterThan(slow);
    expect(right - t0.getTime()).toBeGreaterThanOrEqual(DAY);
    expect(fast).toBeGreaterThan(right);
  });

  it("pushes the due date further out with each right answer", () => {
    let card: ReviewCardData | null = null;
    let now = t0;
    let prevInterval = 0;
    for (let i = 0; i < 6; i++) {
      const r = scheduleReview(card, { correct: true, answeredAt: now });
      const interval = r.dueAt.getTime() - now.getTime();
      expect(interval).toBeGreaterThan(prevInterval);
      prevInterval = interval;
      card = r.card;
      now = r.dueAt;
    }
    expect(card?.reps).toBe(6);
    expect(card?.state).toBe("Review");
  });

  it("counts a lapse and brings a forgotten review card back within a day", () => {
    let r = scheduleReview(null, { correct: true, answeredAt: t0 });
    r = scheduleReview(r.card, { correct: true, answeredAt: r.dueAt });
    const lapse = scheduleReview(r.card, { correct: false, answeredAt: r.dueAt });
    expect(lapse.card.lapses).toBe(1);
    expect(lapse.card.state).toBe("Relearning");
    expect(lapse.dueAt.getTime() - r.dueAt.getTime()).toBeLessThanOrEqual(DAY);
  });

  it("tolerates an answer timed before the last review", () => {
    const first = scheduleReview(null, { correct: true, answeredAt: t0 });
    const late = scheduleReview(first.card, { correct: false, answeredAt: new Date(t0.getTime() - HOUR) });
    expect(late.dueAt.getTime()).toBeGreaterThan(t0.getTime());
  });

  it("produces plain JSON that round-trips through serialization and validation", () => {
    let r = scheduleReview(null, { correct: false, answeredAt: t0 });
    r = scheduleReview(r.card, { correct: true, answeredAt: r.dueAt });
    const json = JSON.parse(JSON.stringify(r.card)) as unknown;
    expect(json).toEqual(r.card);
    const parsed = parseReviewCard(json);
    expect(parsed).toEqual(r.card);
    expect(typeof parsed.due).toBe("string");
    expect(parsed.due).toBe(r.dueAt.toISOString());
    // scheduling from the parsed card equals scheduling from the original
    const next = new Date(r.dueAt.getTime() + DAY);
    expect(scheduleReview(parsed, { correct: true, answeredAt: next })).toEqual(scheduleReview(r.card, { correct: true, answeredAt: next }));
    expect(() => parseReviewCard({ ...r.card, due: "not a date" })).toThrow();
    expect(() => parseReviewCard({ ...r.card, state: 2 })).toThrow();
  });

  it("reports retrievability falling over time", () => {
    const r = scheduleReview(null, { correct: true, answeredAt: t0 });
    const soon = retrievability(r.card, new Date(t0.getTime() + HOUR));
    const late = retrievability(r.card, new Date(t0.getTime() + 60 * DAY));
    expect(soon).toBeGreaterThan(late);
    expect(late).toBeGreaterThan(0);
  });
});

describe("isDue and dueQueue", () => {
  const now = new Date("2025-03-10T00:00:00Z");
  const row = (id: string, dueAt: string) => ({ id, dueAt: new Date(dueAt) });

  it("is due at and after the due time", () => {
    expect(isDue({ due: now.toISOString() }, now)).toBe(true);
    expect(isDue({ due: new Date(now.getTime() + 1).toISOString() }, now)).toBe(false);
    expect(isDue({ dueAt: new Date(now.getTime() - 1) }, now)).toBe(true);
  });

  it("orders due items most overdue first, drops future ones, and limits", () => {
    const rows = [
      row("a", "2025-03-09T00:00:00Z"),
      row("future", "2025-03-11T00:00:00Z"),
      row("b", "2025-03-01T00:00:00Z"),
      row("c", "2025-03-09T23:59:59Z"),
      row("d", "2025-03-05T00:00:00Z"),
    ];
    expect(dueQueue(rows, now).map((r) => r.id)).toEqual(["b", "d", "a", "c"]);
    expect(dueQueue(rows, now, 2).map((r) => r.id)).toEqual(["b", "d"]);
    expect(dueQueue([], now)).toEqual([]);
  });

  it("works on cards directly", () => {
    const card = scheduleReview(null, { correct: false, answeredAt: t0 }).card;
    expect(dueQueue([card], new Date(t0.getTime() + DAY))).toEqual([card]);
    expect(dueQueue([card], t0)).toEqual([]);
  });
});
