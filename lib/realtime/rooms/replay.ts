// The room log and its replay. Every accepted transition writes one RoomLog row at its seq:
//   - an engine delta (seat joined/left, answer accepted): O(1), replayed by restoreRoom;
//   - for a phase change (the engine's `persistRoom`), the command itself with the time it
//     was applied at: a few hundred bytes instead of a multi-megabyte snapshot of a
//     5,000-seat room. applyCommand is pure, so replaying it gives the very same state.
// Full snapshots (Room.state) are written only between rounds (shouldSnapshot), once 500
// entries have piled up (every round in a large room, every few rounds in a small one) and
// at the podium; the log before them is dropped, so a takeover replays a few hundred
// entries plus at most one round.
import { applyCommand, restoreRoom, RoomRestoreError, type Command, type RoomDelta, type RoomState } from "../engine";

export type RoomLogEntry =
  | { kind: "delta"; seq: number; delta: RoomDelta }
  | { kind: "command"; seq: number; now: number; command: Command };

export function replayRoom(snapshot: RoomState, entries: readonly RoomLogEntry[]): RoomState {
  let state = snapshot;
  const pending = entries.filter((e) => e.seq > snapshot.seq).sort((a, b) => a.seq - b.seq);
  for (const entry of pending) {
    if (entry.seq <= state.seq) continue;
    if (entry.seq !== state.seq + 1) throw new RoomRestoreError(`room ${state.roomId}: log entry ${state.seq + 1} is missing`);
    if (entry.kind === "delta") {
      state = restoreRoom(state, [entry.delta]);
    } else {
      const next = applyCommand(state, entry.command, entry.now).state;
      if (next.seq !== entry.seq) throw new RoomRestoreError(`room ${state.roomId}: replaying entry ${entry.seq} gave seq ${next.seq}`);
      state = next;
    }
  }
  return state;
}

/**
 * Write a full snapshot when a round is about to begin or the room reaches the lobby or the
 * podium: between questions, when no answer is in flight, so the serialization never delays
 * a question or a reveal.
 */
export function shouldSnapshot(prev: RoomState, next: RoomState): boolean {
  if (prev.phase === next.phase) return false;
  if (next.phase === "countdown" || next.phase === "finished" || next.phase === "lobby") return true;
  // countdownMs = 0: rounds open straight from the reveal.
  return next.phase === "question" && prev.phase !== "countdown";
}
