// Sending: broadcasts go to the room's Socket.IO channel (the Redis adapter carries them to
// every process); personal messages go straight to this process's sockets and, in one bus
// message, those for sockets elsewhere to the other processes, which deliver to theirs. Counters go through a throttle.
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

export class Fanout {
  /** Room id → personal messages held until the end of this turn of the event loop. */
  private readonly held = new Map<string, Delivery[]>();

  constructor(
    private readonly io: IoServer,
    private readonly bus: ClusterBus,
  ) {
    bus.onDeliveries((items) => this.emitLocal(items));
  }

  broadcast(roomId: string, event: string, payload: unknown): void {
    const channel = this.io.to(roomChannel(roomId));
    (channel.emit as unknown as (event: string, payload: unknown) => void)(event, payload);
  }

  personal(items: Delivery[]): void {
    if (items.length === 0) return;
    const elsewhere = this.emitLocal(items, this.bus.clustered);
    // Only what this process could not deliver crosses Redis: with a room split over two
    // processes, half of a reveal's personal results instead of all of them, serialized once.
    if (elsewhere.length > 0) this.bus.publishDeliveries(elsewhere);
  }

  /**
   * Personal messages that follow a broadcast (a reveal's round:result, the podium's
   * room:result) go out at the end of this turn of the event loop (setImmediate): when many
   * rooms close on the same tick, every room's reveal, which carries the leaderboard, reaches
   * its players before any room's personal results, instead of the last room's reveal waiting
   * behind every other room's results. Callers release a room's held messages before sending
   * anything else for it, so each socket still sees its room's order.
   */
  personalAfterBroadcasts(roomId: string, items: Delivery[]): void {
    if (items.length === 0) return;
    if (this.held.size === 0) setImmediate(() => this.releaseAll());
    const already = this.held.get(roomId);
    if (already) already.push(...items);
    else this.held.set(roomId, items);
  }

  releaseHeld(roomId: string): void {
    const items = this.held.get(roomId);
    if (!items) return;
    this.held.delete(roomId);
    this.personal(items);
  }

  private releaseAll(): void {
    if (this.held.size === 0) return;
    // One bus message for every room's cross-process deliveries, not one per room.
    const items: Delivery[] = [];
    for (const list of this.held.values()) for (const item of list) items.push(item);
    this.held.clear();
    this.personal(items);
  }

  /**
   * Emits to this process's sockets; returns (when asked) the items with the socket ids that
   * are not here. Through `io.local`: with connection-state recovery on, a plain
   * `socket.emit` goes through the adapter as a one-socket broadcast, which the Redis adapter
   * also publishes to every other process (one Redis message per player per reveal, decoded
   * and dropped everywhere else).
   */
  private emitLocal(items: Delivery[], collect = false): Delivery[] {
    const sockets = this.io.of("/").sockets;
    const elsewhere: Delivery[] = [];
    for (const item of items) {
      let here: string[] | null = null;
      let missing: string[] | null = null;
      for (const id of item.socketIds) {
        if (sockets.has(id)) (here ??= []).push(id);
        else if (collect) (missing ??= []).push(id);
      }
      if (here) (this.io.local.to(here).emit as unknown as (event: string, payload: unknown) => boolean)(item.event, item.payload);
      if (missing) elsewhere.push(missing.length === item.socketIds.length ? item : { socketIds: missing, event: item.event, payload: item.payload });
    }
    return elsewhere;
  }
}
