// Process-to-process messages over Redis pub/sub (when REDIS_URL is set), beside the
// Socket.IO Redis adapter:
//   - request/reply to the process that owns a room: `sa:rooms:req:<node>` carries a room
//     request, `sa:rooms:res:<node>` its reply. PUBLISH returns how many subscribers got the
//     message, so "nobody listens on that node's channel" (the owner is gone, the command
//     was not applied) is told apart from "no reply in time" (it may have been applied).
//   - what a room sends (`sa:rooms:deliver`): its broadcasts, and the personal messages of a
//     reveal in one batch (one PUBLISH per reveal instead of one per player); each process
//     delivers to its own sockets. One channel for both, so every process sees a room's
//     broadcasts and personal messages in the order they were sent (two subscriber connections
//     would not promise that).
import { randomUUID } from "node:crypto";
import type { RedisClientType } from "redis";

type RedisClient = RedisClientType;

export type BusReply<T> = { status: "ok"; reply: T } | { status: "gone" } | { status: "timeout" };

/** One message to some sockets (on whichever process they are). */
export type Delivery = { socketIds: string[]; event: string; payload: unknown };

/**
 * A room message that came over the bus, timed from its PUBLISH on the owner: transitMs until
 * this process parsed it (the hop: what a player here waits for that the owner's own players
 * do not), lagMs until its frames were written to this process's sockets.
 */
export type BusTiming = { kind: "broadcast" | "deliveries"; event: string; count: number; lagMs: number; transitMs: number };

/** Milliseconds since the epoch with sub-millisecond precision: comparable across the processes of one machine. */
const wallClockMs = () => performance.timeOrigin + performance.now();

export interface ClusterBus {
  readonly clustered: boolean;
  request<T>(node: string, body: unknown, timeoutMs: number): Promise<BusReply<T>>;
  onRequest(handler: (body: unknown) => Promise<unknown>): void;
  publishDeliveries(items: Delivery[]): void;
  onDeliveries(handler: (items: Delivery[]) => void): void;
  /** A message to a Socket.IO room's sockets on the other processes. */
  publishBroadcast(channel: string, event: string, payload: unknown): void;
  onBroadcast(handler: (channel: string, event: string, payload: unknown) => void): void;
  close(): Promise<void>;
}

/** One process: no other owner to reach. */
export class LocalBus implements ClusterBus {
  readonly clustered = false;
  async request<T>(): Promise<BusReply<T>> {
    return { status: "gone" };
  }
  onRequest(): void {}
  publishDeliveries(): void {}
  onDeliveries(): void {}
  publishBroadcast(): void {}
  onBroadcast(): void {}
  async close(): Promise<void> {}
}

type Envelope = { id: string; from: string; body: unknown };

export class RedisBus implements ClusterBus {
  readonly clustered = true;
  private readonly waiting = new Map<string, { resolve: (reply: BusReply<unknown>) => void; timer: NodeJS.Timeout }>();
  private requestHandler: ((body: unknown) => Promise<unknown>) | null = null;
  private deliveryHandler: ((items: Delivery[]) => void) | null = null;
  private broadcastHandler: ((channel: string, event: string, payload: unknown) => void) | null = null;
  private closed = false;

  private constructor(
    private readonly pub: RedisClient,
    private readonly sub: RedisClient,
    private readonly nodeId: string,
    private readonly log: (line: string) => void,
    private readonly observe: ((timing: BusTiming) => void) | null,
  ) {}

  static async connect(pub: RedisClient, nodeId: string, log: (line: string) => void, observe?: (timing: BusTiming) => void): Promise<RedisBus> {
    const sub = pub.duplicate();
    sub.on("error", (error: unknown) => log(`redis (bus): ${String(error)}`));
    await sub.connect();
    const bus = new RedisBus(pub, sub, nodeId, log, observe ?? null);
    await sub.subscribe(`sa:rooms:req:${nodeId}`, (message) => void bus.onRequestMessage(message));
    await sub.subscribe(`sa:rooms:res:${nodeId}`, (message) => bus.onReplyMessage(message));
    await sub.subscribe("sa:rooms:deliver", (message) => bus.onDeliveryMessage(message));
    return bus;
  }

  async request<T>(node: string, body: unknown, timeoutMs: number): Promise<BusReply<T>> {
    if (this.closed) return { status: "gone" };
    const id = randomUUID();
    const answer = new Promise<BusReply<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve({ status: "timeout" });
      }, timeoutMs);
      this.waiting.set(id, { resolve, timer });
    });
    const envelope: Envelope = { id, from: this.nodeId, body };
    const receivers = await this.pub.publish(`sa:rooms:req:${node}`, JSON.stringify(envelope)).catch(() => 0);
    if (receivers === 0) {
      const entry = this.waiting.get(id);
      if (entry) {
        clearTimeout(entry.timer);
        this.waiting.delete(id);
      }
      return { status: "gone" };
    }
    return answer as Promise<BusReply<T>>;
  }

  onRequest(handler: (body: unknown) => Promise<unknown>): void {
    this.requestHandler = handler;
  }

  publishDeliveries(items: Delivery[]): void {
    if (this.closed || items.length === 0) return;
    this.pub.publish("sa:rooms:deliver", JSON.stringify({ from: this.nodeId, at: wallClockMs(), items })).catch((error: unknown) => this.log(`deliveries: ${String(error)}`));
  }

  onDeliveries(handler: (items: Delivery[]) => void): void {
    this.deliveryHandler = handler;
  }

  publishBroadcast(channel: string, event: string, payload: unknown): void {
    if (this.closed) return;
    this.pub.publish("sa:rooms:deliver", JSON.stringify({ from: this.nodeId, at: wallClockMs(), broadcast: { channel, event, payload } })).catch((error: unknown) => this.log(`broadcast: ${String(error)}`));
  }

  onBroadcast(handler: (channel: string, event: string, payload: unknown) => void): void {
    this.broadcastHandler = handler;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [id, entry] of this.waiting) {
      clearTimeout(entry.timer);
      entry.resolve({ status: "gone" });
      this.waiting.delete(id);
    }
    await this.sub.quit().catch(() => {});
  }

  private async onRequestMessage(message: string): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      return;
    }
    if (!this.requestHandler || typeof envelope.id !== "string" || typeof envelope.from !== "string") return;
    const reply = await this.requestHandler(envelope.body).catch((error: unknown) => {
      this.log(`forwarded request: ${String(error)}`);
      return { ok: false, code: "internal" };
    });
    if (this.closed) return;
    await this.pub.publish(`sa:rooms:res:${envelope.from}`, JSON.stringify({ id: envelope.id, from: this.nodeId, body: reply })).catch(() => 0);
  }

  private onReplyMessage(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      return;
    }
    const entry = this.waiting.get(envelope.id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.waiting.delete(envelope.id);
    entry.resolve({ status: "ok", reply: envelope.body });
  }

  private onDeliveryMessage(message: string): void {
    const receivedAt = wallClockMs();
    let parsed: { from?: unknown; at?: unknown; items?: unknown; broadcast?: { channel?: unknown; event?: unknown; payload?: unknown } };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.from === this.nodeId) return;
    const items = Array.isArray(parsed.items) ? (parsed.items as Delivery[]) : null;
    if (items) this.deliveryHandler?.(items);
    const b = parsed.broadcast;
    const broadcast = b && typeof b.channel === "string" && typeof b.event === "string" ? { channel: b.channel, event: b.event } : null;
    if (broadcast) this.broadcastHandler?.(broadcast.channel, broadcast.event, b?.payload);
    if (!this.observe || typeof parsed.at !== "number") return;
    // The handlers write synchronously: now the frames are on this process's sockets.
    const timed = { lagMs: wallClockMs() - parsed.at, transitMs: receivedAt - parsed.at };
    if (broadcast) this.observe({ kind: "broadcast", event: broadcast.event, count: 1, ...timed });
    else if (items) this.observe({ kind: "deliveries", event: items[0]?.event ?? "", count: items.length, ...timed });
  }
}
