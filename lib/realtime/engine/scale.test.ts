// A 5,000-player room: per-join and per-answer work and output stay O(1) in the room size
// (no broadcast per join or answer; a persistence delta instead of a snapshot), and one
// reveal is one broadcast plus one small message per connected player.
import { describe, expect, it } from "vitest";
import { applyCommand, createRoom } from "./state";
import { progressSnapshot } from "./views";
import { groupConfig, QUESTIONS, T0 } from "./test-harness";
import type { Effect, RoomState } from "./types";

const N = 5000;

function kindsOf(effects: Effect[]) {
  return effects.map((e) => e.kind).join(",");
}

describe("a 5,000-player room", () => {
  it("joins and answers cost O(1) effects each; the whole round stays fast", () => {
    const created = createRoom(
      {
        roomId: "big",
        code: "BIGBIG",
        seed: 1,
        config: groupConfig({ countdownMs: 0, maxSeats: N + 1, secondsPerQuestion: 30 }),
        questions: QUESTIONS,
        host: { playerId: "host", nickname: "Host", isGuest: false },
      },
      T0,
    );
    if (!created.ok) throw new Error(created.message);
    let state: RoomState = created.state;
    const started = performance.now();
    let now = T0;

    for (let i = 0; i < N; i++) {
      const r = applyCommand(state, { type: "join", playerId: `p${i}`, nickname: `Player ${i}`, isGuest: true }, now);
      if (i === 0 || i === N - 1) expect(kindsOf(r.effects)).toBe("persistSeat,ack,progress");
      state = r.state;
    }
    expect(progressSnapshot(state)).toMatchObject({ seats: N + 1, players: N, connected: N });

    state = applyCommand(state, { type: "start", playerId: "host" }, now).state;
    expect(state.phase).toBe("question");
    const startsAt = now;
    let lastEffects: Effect[] = [];
    for (let i = 0; i < N; i++) {
      now = startsAt + 1 + Math.floor((i * 20_000) / N);
      const r = applyCommand(state, { type: "answer", playerId: `p${i}`, round: 0, choiceIds: [i % 3 === 0 ? "a" : "b"] }, now);
      if (i === 0) expect(kindsOf(r.effects)).toBe("persistAnswer,ack,progress");
      state = r.state;
      lastEffects = r.effects;
    }
    // The last answer schedules the early close; still nothing broadcast.
    expect(kindsOf(lastEffects)).toBe("persistAnswer,ack,progress,schedule");
    const timer = state.timer;
    if (!timer) throw new Error("no timer");
    const closed = applyCommand(state, { type: "timer", timer }, now);
    const reveal = closed.effects.filter((e) => e.kind === "broadcast");
    expect(reveal).toHaveLength(1);
    expect(closed.effects.filter((e) => e.kind === "send")).toHaveLength(N);
    const payload = reveal[0]?.kind === "broadcast" && reveal[0].event === "round:reveal" ? reveal[0].payload : null;
    expect(payload?.leaderboard).toHaveLength(10);
    expect(payload?.distribution).toEqual([
      { choiceId: "a", count: Math.ceil(N / 3) },
      { choiceId: "b", count: N - Math.ceil(N / 3) },
      { choiceId: "c", count: 0 },
      { choiceId: "d", count: 0 },
    ]);
    // The reveal broadcast does not grow with the room.
    expect(JSON.stringify(payload).length).toBeLessThan(3000);
    const elapsed = performance.now() - started;
    // ~0.3 s here; a quadratic implementation takes 10 s and more.
    expect(elapsed).toBeLessThan(5000);
  });
});
