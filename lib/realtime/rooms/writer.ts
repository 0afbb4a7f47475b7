// Group commit for the room log. Every accepted transition becomes one op; ops queue in a
// lane (one by default; more spread rooms by id) and each lane commits one batch at a time:
// all ops that arrived while the previous batch was in flight go together (usually one
// multi-row statement, see store.ts writeLogBatch), and each op's promise resolves once that
// commits.
// So a player's answer is acked only after it is stored, 5,000 answers cost a few hundred
// statements instead of 10,000, and a room's entries commit strictly in seq order.
//
// A failed batch fails every op in it, and the lane refuses further ops of those rooms
// until the service reloads them (`reset`): a later entry must never commit after a
// missing one (the log would have a hole a takeover cannot replay across).
import type { Db } from "../../db";
import type { RoomState } from "../engine";
import { writeLogBatch, writeSnapshot, type AnswerRow, type LogBatch, type LogRow, type PhaseRow, type PlayerRow, type RoundRow } from "./store";

export type WriteOp = {
  roomId: string;
  log: LogRow;
  players?: PlayerRow[];
  round?: RoundRow;
  answer?: AnswerRow;
  phase?: PhaseRow;
  /** Written after the op's batch commits, in the background: neither the op nor its lane waits for it. */
  snapshot?: RoomState;
};

type Pending = { op: WriteOp; resolve: () => void; reject: (error: unknown) => void };

export class WriteRefused extends Error {
  constructor(roomId: string) {
    super(`room ${roomId}: an earlier write failed; the room must be reloaded`);
  }
}

/** Another process owns the room now: this one must stop running it. */
export class RoomTakenOver extends Error {
  constructor(roomId: string) {
    super(`room ${roomId} is owned by another process`);
  }
}

const MAX_BATCH = 2000;
/**
 * A batch waits this long for company before it is written (ops arriving while a write is
 * in flight wait for it anyway). Each statement costs the server CPU whatever its size, so
 * with 250 busy rooms, back-to-back batches of two or three answers cost more than they save.
 */
const BATCH_WINDOW_MS = 2;

class Lane {
  private queue: Pending[] = [];
  private flushing = false;
  private idle: (() => void)[] = [];

  constructor(private readonly writer: RoomWriter) {}

  push(pending: Pending): void {
    this.queue.push(pending);
    if (!this.flushing) {
      this.flushing = true;
      // Let the ops of the next couple of milliseconds join the batch.
      setTimeout(() => void this.run(), BATCH_WINDOW_MS);
    }
  }

  get busy(): boolean {
    return this.flushing || this.queue.length > 0;
  }

  whenIdle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.idle.push(resolve)) : Promise.resolve();
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const live = batch.filter((p) => {
        if (!this.writer.failed.has(p.op.roomId)) return true;
        p.reject(new WriteRefused(p.op.roomId));
        return false;
      });
      if (live.length === 0) continue;
      let lost: Set<string>;
      try {
        lost = await writeLogBatch(this.writer.db, this.writer.nodeId, toBatch(live.map((p) => p.op)));
      } catch (error) {
        for (const p of live) this.writer.failed.add(p.op.roomId);
        for (const p of live) p.reject(error);
        continue;
      }
      for (const p of live) {
        if (!lost.has(p.op.roomId)) continue;
        this.writer.failed.add(p.op.roomId);
        p.reject(new RoomTakenOver(p.op.roomId));
      }
      const written = lost.size === 0 ? live : live.filter((p) => !lost.has(p.op.roomId));
      for (const p of written) p.resolve();
      for (const { op } of written) if (op.snapshot) this.writer.snapshotLater(op.snapshot);
    }
    this.flushing = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}

function toBatch(ops: WriteOp[]): LogBatch {
  const batch: LogBatch = { logs: [], players: [], rounds: [], answers: [], phases: [] };
  for (const op of ops) {
    batch.logs.push(op.log);
    if (op.players) batch.players.push(...op.players);
    if (op.round) batch.rounds.push(op.round);
    if (op.answer) batch.answers.push(op.answer);
    if (op.phase) batch.phases.push(op.phase);
  }
  return batch;
}

function laneOf(roomId: string, lanes: number): number {
  let h = 0;
  for (let i = 0; i < roomId.length; i++) h = (Math.imul(h, 31) + roomId.charCodeAt(i)) | 0;
  return (h >>> 0) % lanes;
}

export class RoomWriter {
  readonly failed = new Set<string>();
  private readonly lanes: Lane[];
  private readonly snapshots = new Map<string, RoomState>();
  /** Each room's latest op not yet settled: what `stored` waits for. */
  private readonly tails = new Map<string, Promise<void>>();
  private snapshotting: Promise<void> | null = null;

  constructor(
    readonly db: Db,
    readonly nodeId: string,
    readonly log: (line: string) => void,
    laneCount = 1,
  ) {
    this.lanes = Array.from({ length: laneCount }, () => new Lane(this));
  }

  write(op: WriteOp): Promise<void> {
    if (this.failed.has(op.roomId)) return Promise.reject(new WriteRefused(op.roomId));
    const written = new Promise<void>((resolve, reject) => {
      this.lanes[laneOf(op.roomId, this.lanes.length)]!.push({ op, resolve, reject });
    });
    const roomId = op.roomId;
    this.tails.set(roomId, written);
    const forget = () => {
      if (this.tails.get(roomId) === written) this.tails.delete(roomId);
    };
    written.then(forget, forget);
    return written;
  }

  /**
   * Resolves once every op of the room written so far is committed (at once when none is
   * pending); rejects if one of them failed. A lane commits a room's ops in order, so the
   * latest one settling means all earlier ones did.
   */
  stored(roomId: string): Promise<void> {
    if (this.failed.has(roomId)) return Promise.reject(new WriteRefused(roomId));
    return this.tails.get(roomId) ?? Promise.resolve();
  }

  /** The room was reloaded from the database: its next entries may be written again. */
  reset(roomId: string): void {
    this.failed.delete(roomId);
  }

  /**
   * Snapshots of many megabytes (a 5,000-seat room) go one at a time beside the lanes; a
   * newer snapshot of the same room replaces one not yet written. A lost snapshot loses
   * nothing: the log it would have replaced stays.
   */
  snapshotLater(state: RoomState): void {
    this.snapshots.set(state.roomId, state);
    this.snapshotting ??= this.writeSnapshots().finally(() => {
      this.snapshotting = null;
    });
  }

  private async writeSnapshots(): Promise<void> {
    for (let next = this.snapshots.values().next(); !next.done; next = this.snapshots.values().next()) {
      const state = next.value;
      this.snapshots.delete(state.roomId);
      await writeSnapshot(this.db, this.nodeId, state).catch((error: unknown) => this.log(`snapshot of ${state.roomId}: ${String(error)}`));
    }
  }

  async drain(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.whenIdle()));
    while (this.snapshotting) await this.snapshotting;
  }
}
