// Sending: a room's broadcasts and personal messages go to this process's sockets directly and,
// on one process-to-process channel (cluster.ts), to the other processes, which deliver to
// theirs. With other processes, this process's own writes wait until the end of the turn, after
// the bus messages of that turn have left (see afterBusFlush). Counters go through a throttle.
import type { IoServer } from "../server";
import type { ClusterBus, Delivery } from "./cluster";
import { roomChannel } from "./players";

export type Throttle = { at: number; timer: NodeJS.Timeout | null };

export function newThrottle(): Throttle {
  return { at: 0, timer: null };
}

/** Runs `emit` at most once per `interval` ms: at once if the last run is old enough, else once at the end of the interval. */
export function throttle(t: Throttle, interval: number, emit: () => void): void {
  if (t.timer) return;
  t.timer = setTimeout(() => {
    t.timer = null;
    t.at = Date.now();
    emit();
  }, Math.max(0, t.at + interval - Date.now()));
}

export function stopThrottle(t: Throttle): void {
  if (t.timer) clearTimeout(t.timer);
  t.timer = null;
}

/**
 * Held personal messages are written this many per turn of the event loop (~25 ms of socket
 * writes here). 250 rooms closing within half a second hold ~10,000 results; written in one
 * turn, they kept the close timers of the rooms still to close waiting, and those rooms'
 * reveals (the leaderboard) came up to 0.5 s late. Between slices, due timers run.
 */
export const RELEASE_SLICE = 500;

export class Fanout {
  /** Room id → personal messages held back until the broadcasts of this turn have gone, in order. */
  private readonly held = new Map<string, Delivery[]>();
  private releaseScheduled = false;
  /** With other processes: this process's socket writes of the current turn, in call order. */
  private localWrites: Array<() => void> | null = null;

  constructor(
    private readonly io: IoServer,
    private readonly bus: ClusterBus,
  ) {
    bus.onDeliveries((items) => this.emitLocal(items));
    bus.onBroadcast((channel, event, payload) => this.emitToChannel(channel, event, payload));
  }

  broadcast(roomId: string, event: string, payload: unknown): void {
    const channel = roomChannel(roomId);
    if (!this.bus.clustered) {
      this.emitToChannel(channel, event, payload);
      return;
    }
    this.bus.publishBroadcast(channel, event, payload);
    this.afterBusFlush(() => this.emitToChannel(channel, event, payload));
  }

  personal(items: Delivery[]): void {
    if (items.length === 0) return;
    if (!this.bus.clustered) {
      this.emitLocal(items);
      return;
    }
    const { here, elsewhere } = this.split(items);
    // Only what this process cannot deliver crosses Redis: with a room split over two
    // processes, half of a reveal's personal results instead of all of them, serialized once.
    if (elsewhere.length > 0) this.bus.publishDeliveries(elsewhere);
    if (here.length === 0) return;
    if (elsewhere.length === 0 && this.localWrites === null) this.emitLocal(here);
    else this.afterBusFlush(() => this.emitLocal(here));
  }

  /**
   * Personal messages that follow a broadcast (a reveal's round:result, the podium's
   * room:result) go out from the end of this turn of the event loop (setImmediate), a slice
   * per turn: when many rooms close together, every room's reveal, which carries the
   * leaderboard, reaches its players before the personal results queued ahead of it, instead
   * of the last room's reveal waiting behind every other room's results. Callers release a
   * room's held messages before sending anything else for it, so each socket still sees its
   * room's order.
   */
  personalAfterBroadcasts(roomId: string, items: Delivery[]): void {
    if (items.length === 0) return;
    const already = this.held.get(roomId);
    if (already) already.push(...items);
    else this.held.set(roomId, items.slice());
    this.scheduleRelease();
  }

  releaseHeld(roomId: string): void {
    const items = this.held.get(roomId);
    if (!items) return;
    this.held.delete(roomId);
    this.personal(items);
  }

  private scheduleRelease(): void {
    if (this.releaseScheduled) return;
    this.releaseScheduled = true;
    setImmediate(() => {
      this.releaseScheduled = false;
      this.releaseSlice();
    });
  }

  /** Up to RELEASE_SLICE held messages, oldest rooms first; the rest on the next turn. */
  private releaseSlice(): void {
    // One bus message for the slice's cross-process deliveries, not one per room.
    const items: Delivery[] = [];
    for (const [roomId, list] of this.held) {
      const taken = list.length <= RELEASE_SLICE - items.length ? list : list.splice(0, RELEASE_SLICE - items.length);
      for (const item of taken) items.push(item);
      if (taken === list) this.held.delete(roomId);
      if (items.length >= RELEASE_SLICE) break;
    }
    this.personal(items);
    if (this.held.size > 0) this.scheduleRelease();
  }

  /**
   * node-redis writes the commands of a turn on an immediate it schedules with the first of
   * them; ours, scheduled after the PUBLISH, runs after it. Without this, a room split over
   * two processes had its other half wait for every write to this process's sockets (a
   * reveal to 2,000 players: tens of ms) before its copy even left. The writes keep their
   * call order, and personal messages sent meanwhile queue behind them.
   */
  private afterBusFlush(write: () => void): void {
    if (this.localWrites) {
      this.localWrites.push(write);
      return;
    }
    this.localWrites = [write];
    setImmediate(() => {
      const writes = this.localWrites ?? [];
      this.localWrites = null;
      for (const w of writes) w();
    });
  }

  private emitToChannel(channel: string, event: string, payload: unknown): void {
    // Through `io.local` when clustered: the other processes got their copy on the bus.
    const target = this.bus.clustered ? this.io.local.to(channel) : this.io.to(channel);
    (target.emit as unknown as (event: string, payload: unknown) => boolean)(event, payload);
  }

  /** The items split by where their sockets are: here, or on another process. */
  private split(items: Delivery[]): { here: Delivery[]; elsewhere: Delivery[] } {
    const sockets = this.io.of("/").sockets;
    const here: Delivery[] = [];
    const elsewhere: Delivery[] = [];
    for (const item of items) {
      let local: string[] | null = null;
      let missing: string[] | null = null;
      for (const id of item.socketIds) {
        if (sockets.has(id)) (local ??= []).push(id);
        else (missing ??= []).push(id);
      }
      if (local) here.push(local.length === item.socketIds.length ? item : { socketIds: local, event: item.event, payload: item.payload });
      if (missing) elsewhere.push(missing.length === item.socketIds.length ? item : { socketIds: missing, event: item.event, payload: item.payload });
    }
    return { here, elsewhere };
  }

  /**
   * Emits to this process's sockets (ids not here are skipped). Through `io.local`: with
   * connection-state recovery on, a plain `socket.emit` goes through the adapter as a
   * one-socket broadcast, which the Redis adapter also publishes to every other process.
   */
  private emitLocal(items: Delivery[]): void {
    const sockets = this.io.of("/").sockets;
    for (const item of items) {
      const here = item.socketIds.length === 1 ? (sockets.has(item.socketIds[0]!) ? item.socketIds : null) : item.socketIds.filter((id) => sockets.has(id));
      if (here && here.length > 0) (this.io.local.to(here).emit as unknown as (event: string, payload: unknown) => boolean)(item.event, item.payload);
    }
  }
}
