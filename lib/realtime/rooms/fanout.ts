// Sending: broadcasts go to the room's Socket.IO channel (the Redis adapter carries them to
// every process); personal messages go straight to this process's sockets and, in one bus
// message, to the other processes, which deliver to theirs. Counters go through a throttle.
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
    this.emitLocal(items);
    this.bus.publishDeliveries(items);
  }

  private emitLocal(items: Delivery[]): void {
    const sockets = this.io.of("/").sockets;
    for (const item of items) {
      for (const id of item.socketIds) {
        const socket = sockets.get(id);
        if (socket) (socket.emit as (event: string, payload: unknown) => boolean)(item.event, item.payload);
      }
    }
  }
}
