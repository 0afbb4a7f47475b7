import { describe, expect, it } from "vitest";
import { ANSWER_GRACE_MS, compareRuns, currentOpensAt, ghostProgress, ghostTimeline, median, medianTimeline, settleTimeouts, trailingStreak, type RecordedAnswer } from "./timeline";

const answer = (questionIndex: number, offsetMs: number, correct: boolean, points: number, timedOut = false): RecordedAnswer => ({ questionIndex, offsetMs, correct, points, timedOut });

describe("ghostTimeline", () => {
  it("replays a run in question order with running totals, whatever order the rows came in", () => {
    const events = ghostTimeline([answer(1, 5_000, false, 0), answer(0, 2_000, true, 950), answer(2, 9_000, true, 900)]);
    expect(events.map((e) => [e.index, e.offsetMs, e.correct, e.totalPoints])).toEqual([
      [0, 2_000, true, 950],
      [1, 5_000, false, 950],
      [2, 9_000, true, 1_850],
    ]);
  });
});

describe("medianTimeline", () => {
  it("takes each question's median offset and points, correct when most runs were", () => {
    const runs = [
      [answer(0, 1_000, true, 900), answer(1, 4_000, true, 1_000)],
      [answer(0, 3_000, false, 0), answer(1, 5_000, true, 800)],
      [answer(0, 2_000, true, 950), answer(1, 9_000, false, 0)],
    ];
    const events = medianTimeline(runs, 2);
    expect(events).toEqual([
      { index: 0, offsetMs: 2_000, correct: true, timedOut: false, points: 900, totalPoints: 900 },
      { index: 1, offsetMs: 5_000, correct: true, timedOut: false, points: 800, totalPoints: 1_700 },
    ]);
  });

  it("averages the middle two of an even count, and a tie on correctness is not a majority", () => {
    const events = medianTimeline([[answer(0, 1_000, true, 1_000)], [answer(0, 2_000, false, 0)]], 1);
    expect(events[0]).toMatchObject({ offsetMs: 1_500, points: 500, correct: false });
  });

  it("leaves out unfinished runs, and has no ghost without a complete run", () => {
    expect(medianTimeline([[answer(0, 1_000, true, 1_000)], [answer(0, 3_000, true, 900), answer(1, 6_000, true, 900)]], 2).map((e) => e.offsetMs)).toEqual([3_000, 6_000]);
    expect(medianTimeline([[answer(0, 1_000, true, 1_000)]], 2)).toEqual([]);
  });

  it("never runs backwards in time", () => {
    const runs = [
      [answer(0, 1_000, true, 1), answer(1, 20_000, true, 1), answer(2, 21_000, true, 1)],
      [answer(0, 9_000, true, 1), answer(1, 10_000, true, 1), answer(2, 30_000, true, 1)],
      [answer(0, 5_000, true, 1), answer(1, 6_000, true, 1), answer(2, 7_000, true, 1)],
    ];
    const offsets = medianTimeline(runs, 3).map((e) => e.offsetMs);
    expect(offsets).toEqual([5_000, 10_000, 21_000]);
  });

  it("median() of one value is that value", () => expect(median([7])).toBe(7));
});

describe("compareRuns", () => {
  it("says per question where time was gained or lost, and the lead after each", () => {
    const mine = [answer(0, 3_000, true, 900), answer(1, 5_000, true, 1_000), answer(2, 12_000, false, 0)];
    const ghost = ghostTimeline([answer(0, 2_000, true, 950), answer(1, 7_000, false, 0), answer(2, 10_000, true, 900)]);
    const comparison = compareRuns(mine, ghost);
    expect(comparison.questions.map((q) => [q.yourMs, q.ghostMs, q.gainedMs, q.leadMs])).toEqual([
      [3_000, 2_000, -1_000, -1_000],
      [2_000, 5_000, 3_000, 2_000],
      [7_000, 3_000, -4_000, -2_000],
    ]);
    expect(comparison).toMatchObject({ yourTotal: 1_900, ghostTotal: 1_850, yourMs: 12_000, ghostMs: 10_000 });
  });
});

describe("the race clock", () => {
  const limit = 20_000;

  it("opens each question when the previous one closed", () => {
    expect(currentOpensAt([])).toBe(0);
    expect(currentOpensAt([{ offsetMs: 4_000 }, { offsetMs: 9_000 }])).toBe(9_000);
  });

  it("times out a question only after its deadline and the grace, the next opening at that deadline", () => {
    expect(settleTimeouts([{ offsetMs: 4_000 }], 5, limit, 4_000 + limit + ANSWER_GRACE_MS - 1)).toEqual([]);
    expect(settleTimeouts([{ offsetMs: 4_000 }], 5, limit, 4_000 + 2 * limit + ANSWER_GRACE_MS)).toEqual([
      { questionIndex: 1, offsetMs: 24_000 },
      { questionIndex: 2, offsetMs: 44_000 },
    ]);
  });

  it("never times out past the last question", () => {
    expect(settleTimeouts([], 2, limit, 10 * limit)).toEqual([
      { questionIndex: 0, offsetMs: 20_000 },
      { questionIndex: 1, offsetMs: 40_000 },
    ]);
  });

  it("counts the streak of correct answers going into the next question", () => {
    expect(trailingStreak([{ questionIndex: 0, correct: true }, { questionIndex: 1, correct: false }, { questionIndex: 3, correct: true }, { questionIndex: 2, correct: true }])).toBe(2);
    expect(trailingStreak([])).toBe(0);
  });

  it("splits the ghost's events into passed and upcoming at a moment", () => {
    const events = ghostTimeline([answer(0, 2_000, true, 900), answer(1, 5_000, true, 900)]);
    const { passed, upcoming } = ghostProgress(events, 2_000);
    expect(passed.map((e) => e.index)).toEqual([0]);
    expect(upcoming.map((e) => e.index)).toEqual([1]);
  });
});
