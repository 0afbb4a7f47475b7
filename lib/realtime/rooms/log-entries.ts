// What one accepted transition writes (pure): its room-log entry and the rows beside it.
// A phase change logs the command itself with its time (replay.ts replays it); a seat or an
// answer logs the engine's delta. New seats become RoomPlayer rows, an opened round a
// RoomRound row, an accepted answer a RoomAnswer row, the start and the end Room.phase.
import { seatOf, type Command, type RoomDelta, type RoomState } from "../engine";
import { shouldSnapshot } from "./replay";
import type { PlayerRow } from "./store";
import type { WriteOp } from "./writer";

function newSeatRow(prev: RoomState, next: RoomState, playerId: string): PlayerRow[] | undefined {
  const seat = seatOf(next, playerId);
  if (!seat || seatOf(prev, playerId)) return undefined;
  return [{ roomId: next.roomId, playerKey: seat.playerId, nickname: seat.nickname, isHost: seat.isHost, joinedAt: seat.joinedAt }];
}

/** For the engine's `persistRoom`. `snapshot` is set when a snapshot may be due (the service decides). */
export function commandOp(prev: RoomState, next: RoomState, command: Command, now: number): WriteOp {
  const roomId = next.roomId;
  const op: WriteOp = { roomId, log: { roomId, seq: next.seq, entry: { kind: "command", seq: next.seq, now, command } } };
  // An autoStart join takes a seat and starts the game in one transition.
  if (command.type === "join") {
    const players = newSeatRow(prev, next, command.playerId);
    if (players) op.players = players;
  }
  const round = next.round;
  if (next.phase === "question" && round && (prev.phase !== "question" || prev.round?.index !== round.index)) {
    op.round = { roomId, index: round.index, questionId: round.questionId, startsAt: round.startsAt, deadlineAt: round.deadlineAt };
  }
  if (prev.phase === "lobby" && next.phase !== "lobby" && next.phase !== "finished") op.phase = { roomId, phase: "PLAYING", finishedAt: null };
  if (next.phase === "finished" && prev.phase !== "finished") op.phase = { roomId, phase: "FINISHED", finishedAt: next.finishedAt ?? now };
  if (shouldSnapshot(prev, next)) op.snapshot = next;
  return op;
}

/** For `persistSeat`. */
export function seatOp(prev: RoomState, next: RoomState, delta: Extract<RoomDelta, { type: "seat" }>): WriteOp {
  const roomId = next.roomId;
  const op: WriteOp = { roomId, log: { roomId, seq: delta.seq, entry: { kind: "delta", seq: delta.seq, delta } } };
  const players = newSeatRow(prev, next, delta.seat.playerId);
  if (players) op.players = players;
  return op;
}

/** For `persistAnswer`: the log entry and the RoomAnswer row (scored when the round closes). */
export function answerOp(roomId: string, delta: Extract<RoomDelta, { type: "answer" }>): WriteOp {
  const a = delta.answer;
  return {
    roomId,
    log: { roomId, seq: delta.seq, entry: { kind: "delta", seq: delta.seq, delta } },
    answer: { roomId, round: a.round, playerKey: delta.playerId, choiceIds: a.choiceIds, responseMs: a.responseMs, answeredAt: a.answeredAt },
  };
}
