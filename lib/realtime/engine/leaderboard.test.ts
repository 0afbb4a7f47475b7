import { describe, expect, it } from "vitest";
import { compareSeats, leaderboard, podium } from "./leaderboard";
import { Harness } from "./test-harness";
import type { Seat } from "./types";

function s(playerId: string, score: number, totalResponseMs: number, plays = true): Seat {
  return {
    playerId,
    nickname: playerId,
    isHost: false,
    isGuest: false,
    plays,
    connected: true,
    joinedAt: 0,
    score,
    streak: 0,
    bestStreak: 0,
    correctCount: 0,
    totalResponseMs,
    rank: null,
    answers: [],
  };
}

describe("leaderboard", () => {
  it("orders by score desc, then total response time asc, then playerId", () => {
    const seats = [s("d", 900, 100), s("c", 1000, 5000), s("b", 1000, 3000), s("a", 1000, 3000), s("e", 900, 50)];
    expect(seats.sort(compareSeats).map((x) => x.playerId)).toEqual(["a", "b", "c", "e", "d"]);
  });

  it("through the engine: equal scores are split by speed, then by playerId; a missed round counts as T", () => {
    const h = new Harness({ config: { countdownMs: 0, speedScoring: false, secondsPerQuestion: 10 } });
    for (const id of ["zed", "amy", "bob", "cal"]) h.join(id);
    const startsAt = h.startAndOpen();
    h.at(startsAt + 2000).answer("zed", ["b"]);
    h.at(startsAt + 2000).answer("amy", ["b"]);
    h.at(startsAt + 1000).answer("bob", ["b"]);
    h.at(startsAt + 500).answer("cal", ["a"]);
    h.fire();
    const board = leaderboard(h.state);
    expect(board.map((e) => [e.rank, e.playerId, e.score, e.totalResponseMs])).toEqual([
      [1, "bob", 1000, 1000],
      [2, "amy", 1000, 2000],
      [3, "zed", 1000, 2000],
      [4, "cal", 0, 500],
    ]);
    expect(podium(h.state).map((e) => e.playerId)).toEqual(["bob", "amy", "zed"]);
    // Stored at the reveal: the top list and every seat's own rank.
    expect(h.state.top).toEqual(board);

    h.host("next");
    h.answer("cal", ["a", "c"]); // correct, at once
    h.fire();
    // Everyone has 1000 now; amy, bob and zed missed round 2, which counts as the full T (10 s).
    expect(leaderboard(h.state).map((e) => [e.playerId, e.score, e.totalResponseMs])).toEqual([
      ["cal", 1000, 500],
      ["bob", 1000, 11_000],
      ["amy", 1000, 12_000],
      ["zed", 1000, 12_000],
    ]);
  });

  it("does not rank a presenting host", () => {
    const h = new Harness();
    h.join("p1");
    expect(leaderboard(h.state).map((e) => e.playerId)).toEqual(["p1"]);
  });
});
