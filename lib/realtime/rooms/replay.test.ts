// The room log as the service writes it (deltas for seats and answers, the command itself
// for phase changes, snapshots between rounds) replays to exactly the live state.
import { describe, expect, it } from "vitest";
import { applyCommand, createRoom, RoomRestoreError, type Command, type RoomState } from "../engine";
import { CORRECT, groupConfig, QUESTIONS, T0, WRONG } from "../engine/test-harness";
import { replayRoom, shouldSnapshot, type RoomLogEntry } from "./replay";

type Log = { snapshot: RoomState; entries: RoomLogEntry[]; snapshots: number };

function play(log: Log, state: RoomState, command: Command, now: number): RoomState {
  const { state: next, effects } = applyCommand(state, command, now);
  for (const effect of effects) {
    if (effect.kind === "persistRoom") log.entries.push({ kind: "command", seq: next.seq, now, command });
    if (effect.kind === "persistSeat" || effect.kind === "persistAnswer") log.entries.push({ kind: "delta", seq: effect.delta.seq, delta: effect.delta });
  }
  if (next !== state && shouldSnapshot(state, next)) {
    log.snapshot = JSON.parse(JSON.stringify(next)) as RoomState;
    log.entries = log.entries.filter((e) => e.seq > next.seq);
    log.snapshots += 1;
  }
  return next;
}

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe("replayRoom", () => {
  it("rebuilds the live state after every transition of a whole game, from the last snapshot and the log", () => {
    const created = createRoom(
      { roomId: "r1", code: "ABCDEF", seed: 7, config: groupConfig({ questionCount: 3 }), questions: QUESTIONS, host: { playerId: "u:host", nickname: "Host", isGuest: false } },
      T0,
    );
    if (!created.ok) throw new Error(created.message);
    let state = created.state;
    const log: Log = { snapshot: viaJson(state), entries: [], snapshots: 1 };
    let now = T0;
    const step = (command: Command, dt = 100) => {
      now += dt;
      state = play(log, state, command, now);
      expect(replayRoom(viaJson(log.snapshot), viaJson(log.entries))).toEqual(state);
    };
    for (const p of ["g:a", "g:b", "g:c"]) step({ type: "join", playerId: p, nickname: p, isGuest: true });
    step({ type: "start", playerId: "u:host" });
    for (let round = 0; round < 3; round++) {
      step({ type: "timer", timer: state.timer! }, 3000);
      const q = state.questions[round]!;
      step({ type: "answer", playerId: "g:a", round, choiceIds: CORRECT[q.id]! });
      if (round === 1) step({ type: "leave", playerId: "g:c" });
      if (round === 2) step({ type: "rejoin", playerId: "g:c" });
      step({ type: "answer", playerId: "g:b", round, choiceIds: WRONG[q.id]! });
      if (state.phase === "question") step({ type: "skip", playerId: "u:host" });
      step({ type: "next", playerId: "u:host" });
    }
    expect(state.phase).toBe("finished");
    // Snapshots only between rounds: creation, three countdowns, the podium.
    expect(log.snapshots).toBe(5);
  });

  it("refuses a log with a hole instead of guessing", () => {
    const created = createRoom(
      { roomId: "r2", code: "ABCDEG", seed: 1, config: groupConfig(), questions: QUESTIONS, host: { playerId: "u:host", nickname: "Host", isGuest: false } },
      T0,
    );
    if (!created.ok) throw new Error(created.message);
    const snapshot = created.state;
    const log: Log = { snapshot, entries: [], snapshots: 1 };
    let state = play(log, snapshot, { type: "join", playerId: "g:a", nickname: "A", isGuest: true }, T0 + 1);
    state = play(log, state, { type: "join", playerId: "g:b", nickname: "B", isGuest: true }, T0 + 2);
    expect(replayRoom(snapshot, log.entries)).toEqual(state);
    expect(() => replayRoom(snapshot, log.entries.slice(1))).toThrow(RoomRestoreError);
  });
});
