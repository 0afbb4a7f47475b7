// Takeover: rebuild a room from its last snapshot (`persistRoom`) plus the log entries
// written after it (`persistSeat` / `persistAnswer` deltas). The result is deep-equal to
// the state the dead process held after its last persisted transition. Then re-arm the
// timer: `pendingSchedule(state)` (state.ts).
import { smGet, smSet } from "./shard-map";
import { ENGINE_VERSION, type RoomDelta, type RoomState } from "./types";

export class RoomRestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RoomRestoreError";
  }
}

export function restoreRoom(snapshot: RoomState, deltas: readonly RoomDelta[]): RoomState {
  if (snapshot.v !== ENGINE_VERSION) throw new RoomRestoreError(`room ${snapshot.roomId}: state version ${String(snapshot.v)} is not ${ENGINE_VERSION}`);
  const pending = deltas.filter((d) => d.seq > snapshot.seq).sort((a, b) => a.seq - b.seq);
  let state = snapshot;
  for (const delta of pending) {
    if (delta.seq <= state.seq) continue; // the same entry written twice (a retried write)
    if (delta.seq !== state.seq + 1) throw new RoomRestoreError(`room ${state.roomId}: log entry ${state.seq + 1} is missing`);
    let seats = state.seats;
    if (delta.type === "seat") {
      seats = smSet(seats, delta.seat.playerId, delta.seat);
    } else {
      const seat = smGet(seats, delta.playerId);
      if (!seat) throw new RoomRestoreError(`room ${state.roomId}: answer from unknown seat ${delta.playerId}`);
      const last = seat.answers[seat.answers.length - 1];
      if (!last || last.round !== delta.answer.round) seats = smSet(seats, seat.playerId, { ...seat, answers: [...seat.answers, delta.answer] });
    }
    state = { ...state, seats, ...delta.room };
  }
  return state;
}
