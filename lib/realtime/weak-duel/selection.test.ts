import { describe, expect, it } from "vitest";
import type { MasteryState } from "../../mastery";
import { rankCommonWeakTopics, seededOrder, selectWeakDuelQuestions, upperBand, type CandidateQuestion } from "./selection";

const NOW = new Date("2026-12-04T12:00:00Z");
const state = (theta: number, uncertainty: number): MasteryState => ({ theta, uncertainty, answers: 20, correctAnswers: 10, lastAnsweredAt: NOW.toISOString() });
const map = (entries: Record<string, MasteryState>) => new Map(Object.entries(entries));

describe("rankCommonWeakTopics", () => {
  it("ranks a topic weak only when both players are weak there (the higher upper band end counts)", () => {
    const a = map({ both: state(-2, 0.3), onlyA: state(-3, 0.3), strong: state(2, 0.3) });
    const b = map({ both: state(-1.5, 0.3), onlyA: state(2, 0.3), strong: state(2.5, 0.3) });
    const ranked = rankCommonWeakTopics(["strong", "onlyA", "both"], a, b, NOW);
    expect(ranked.map((t) => t.topicId)).toEqual(["both", "onlyA", "strong"]);
    // The pair's score is B's (the stronger one's) upper end on "both".
    expect(ranked[0]!.pairHigh).toBeCloseTo(upperBand(b.get("both"), NOW), 10);
  });

  it("uses the uncertainty: a low estimate with a wide band is not confidently weak", () => {
    const a = map({ sure: state(-1, 0.2), unsure: state(-1.5, 1.4) });
    const b = map({ sure: state(-1, 0.2), unsure: state(-1.5, 1.4) });
    // "unsure" has the lower point estimate but the higher upper end.
    expect(rankCommonWeakTopics(["unsure", "sure"], a, b, NOW).map((t) => t.topicId)).toEqual(["sure", "unsure"]);
  });

  it("treats a never-practised topic as the prior (wide band: not weak), and breaks ties by id", () => {
    const ranked = rankCommonWeakTopics(["z", "y", "weak"], map({ weak: state(-2, 0.3) }), map({ weak: state(-2, 0.3) }), NOW);
    expect(ranked.map((t) => t.topicId)).toEqual(["weak", "y", "z"]);
    expect(ranked[1]!.pairHigh).toBeGreaterThan(0.8);
  });

  it("counts the recency decay: an old, narrow band widens", () => {
    const old: MasteryState = { ...state(-1, 0.2), lastAnsweredAt: "2026-06-01T00:00:00Z" };
    expect(upperBand(old, NOW)).toBeGreaterThan(upperBand(state(-1, 0.2), NOW) + 0.05);
  });
});

const q = (topicId: string, n: number): CandidateQuestion[] => Array.from({ length: n }, (_, i) => ({ id: `${topicId}-${i}`, topicId }));
const ranked = (...ids: string[]) => ids.map((topicId, i) => ({ topicId, pairHigh: i / 10, pairMean: 0 }));

describe("selectWeakDuelQuestions", () => {
  it("takes unseen questions from the weakest topics, widening only as far as needed", () => {
    const pick = selectWeakDuelQuestions({ ranked: ranked("t1", "t2", "t3"), questions: [...q("t1", 4), ...q("t2", 4), ...q("t3", 10)], lastSeen: new Map(), count: 7 });
    expect(pick).not.toBeNull();
    expect(pick!.topicIds).toEqual(["t1", "t2"]);
    expect(pick!.questionIds).toHaveLength(7);
    expect(pick!.questionIds.filter((id) => id.startsWith("t1"))).toHaveLength(4);
    expect(pick!.seenUsed).toBe(0);
  });

  it("avoids questions either player saw in the last 7 days while enough others exist", () => {
    const lastSeen = new Map([["t1-0", 1], ["t1-1", 2]]);
    const pick = selectWeakDuelQuestions({ ranked: ranked("t1", "t2"), questions: [...q("t1", 4), ...q("t2", 4)], lastSeen, count: 5 });
    expect(pick!.questionIds).not.toContain("t1-0");
    expect(pick!.questionIds).not.toContain("t1-1");
    expect(pick!.seenUsed).toBe(0);
  });

  it("falls back to seen questions of the weak topics (oldest seen first) before a fourth topic", () => {
    const lastSeen = new Map([["t1-0", 300], ["t1-1", 100], ["t2-0", 200]]);
    const pick = selectWeakDuelQuestions({ ranked: ranked("t1", "t2", "t3", "t4"), questions: [...q("t1", 2), ...q("t2", 2), ...q("t3", 1), ...q("t4", 5)], lastSeen, count: 4 });
    expect(pick!.questionIds.slice(0, 2).sort()).toEqual(["t2-1", "t3-0"]);
    expect(pick!.questionIds.slice(2)).toEqual(["t1-1", "t2-0"]);
    expect(pick!.seenUsed).toBe(2);
    expect(pick!.topicIds).toEqual(["t1", "t2", "t3"]);
  });

  it("widens past MAX_TOPICS when the weak topics cannot fill the duel even with seen questions", () => {
    const pick = selectWeakDuelQuestions({ ranked: ranked("t1", "t2", "t3", "t4"), questions: [...q("t1", 1), ...q("t2", 1), ...q("t3", 1), ...q("t4", 5)], lastSeen: new Map(), count: 5 });
    expect(pick!.topicIds).toEqual(["t1", "t2", "t3", "t4"]);
    expect(pick!.questionIds.filter((id) => id.startsWith("t4"))).toHaveLength(2);
  });

  it("returns null when the bank is smaller than the duel", () => {
    expect(selectWeakDuelQuestions({ ranked: ranked("t1"), questions: q("t1", 3), lastSeen: new Map(), count: 4 })).toBeNull();
  });

  it("a seed varies which questions of a topic are drawn, reproducibly", () => {
    const input = { ranked: ranked("t1"), questions: q("t1", 30), lastSeen: new Map<string, number>(), count: 5 };
    const one = selectWeakDuelQuestions({ ...input, order: seededOrder(1) })!.questionIds;
    expect(selectWeakDuelQuestions({ ...input, order: seededOrder(1) })!.questionIds).toEqual(one);
    expect(selectWeakDuelQuestions({ ...input, order: seededOrder(2) })!.questionIds).not.toEqual(one);
  });
});
