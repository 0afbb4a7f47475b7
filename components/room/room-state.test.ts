import { describe, expect, it } from "vitest";
import type { RoomJoinView } from "@/lib/realtime/events";
import { roomReducer, screenFromJoin } from "./room-state";

const question = { id: "q1", type: "single" as const, choiceIds: ["a", "b", "c", "d"], choose: null, content: { stem: "질문", choices: ["a", "b", "c", "d"].map((id) => ({ id, text: `보기 ${id}` })) } };

function joinView(overrides: Partial<RoomJoinView> = {}): RoomJoinView {
  return {
    roomId: "r1", code: "ABCDEF", mode: "duel", phase: "question", serverNow: 10_000,
    config: { questionCount: 5, secondsPerQuestion: 20, speedScoring: true, hostPlays: true },
    round: { status: "open", round: 2, total: 5, question, startsAt: 5_000, deadlineAt: 25_000 },
    remainingMs: 15_000,
    me: { playerId: "g:1", nickname: "민지", isHost: false, isGuest: true, plays: true, connected: true, score: 1800, streak: 2, rank: 1, answer: { round: 2, choiceIds: ["b"], answeredAt: 9_000, responseMs: 4_000 } },
    players: 2, top: [], podium: null, finishReason: null, playerId: "g:1",
    ...overrides,
  };
}

describe("the play screen's state", () => {
  it("restores a rejoining player mid-question: score, streak, own answer and the server's deadline", () => {
    const screen = screenFromJoin(joinView(), 9_000);
    expect(screen).toMatchObject({ phase: "question", round: 2, score: 1800, streak: 2, deadlineAt: 25_000, myAnswer: { round: 2, choiceIds: ["b"] } });
    // Server clock is 1 s ahead of this browser: the countdown uses the server's time.
    expect(screen.clockOffset).toBe(1_000);
  });

  it("clears the previous answer when the next question starts, and takes score and rank from the round result", () => {
    let screen = roomReducer(screenFromJoin(joinView(), 9_000), { type: "result", payload: { round: 2, answered: true, correct: true, points: 900, score: 2700, streak: 3, rank: 1, players: 2 } });
    expect(screen).toMatchObject({ score: 2700, streak: 3 });
    screen = roomReducer(screen, { type: "start", payload: { round: 3, total: 5, question: { ...question, id: "q2" }, startsAt: 30_000, deadlineAt: 50_000, serverNow: 30_000 }, now: 30_500 });
    expect(screen).toMatchObject({ phase: "question", round: 3, myAnswer: null, result: null, reveal: null, clockOffset: -500 });
  });

  it("shows the reveal's leaderboard and then the podium", () => {
    const leaderboard = [{ rank: 1, playerId: "g:1", nickname: "민지", score: 2700, streak: 3, correctCount: 3, totalResponseMs: 9000 }];
    let screen = roomReducer(screenFromJoin(joinView(), 9_000), {
      type: "reveal",
      payload: { round: 2, total: 5, questionId: "q1", correctChoiceIds: ["b"], distribution: [], answered: 2, noAnswer: 0, closeReason: "all_answered", leaderboard, isLast: false },
    });
    expect(screen?.phase).toBe("reveal");
    expect(screen?.top).toEqual(leaderboard);
    screen = roomReducer(screen, { type: "finished", payload: { reason: "completed", roundsPlayed: 5, podium: leaderboard, leaderboard } });
    expect(screen?.phase).toBe("finished");
    expect(screen?.finished?.podium).toHaveLength(1);
  });
});
