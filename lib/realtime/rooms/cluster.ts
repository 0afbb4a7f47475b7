// Process-to-process messages over Redis pub/sub (when REDIS_URL is set), beside the
// Socket.IO Redis adapter:
//   - request/reply to the process that owns a room: `sa:rooms:req:<node>` carries a room
//     request, `sa:rooms:res:<node>` its reply. PUBLISH returns how many subscribers got the
//     message, so "nobody listens on that node's channel" (the owner is gone, the command
//     was not applied) is told apart from "no reply in time" (it may have been applied).
//   - requests (and replies) to one node in the same turn of the event loop travel as one
//     message (a JSON array of envelopes): the answers of thousands of players on another
//     process near a deadline cost a few PUBLISHes, not one each way per answer.
//   - personal messages of a reveal in one batch (`sa:rooms:deliver`): one PUBLISH per
//     reveal instead of one per player; each process delivers to its own sockets.
import { randomUUID } from "node:crypto";
import type { RedisClientType } from "redis";

type RedisClient = RedisClientType;

export type BusReply<T> = { status: "ok"; reply: T } | { status: "gone" } | { status: "timeout" };

/** One message to some sockets (on whichever process they are). */
export type Delivery = { socketIds: string[]; event: string; payload: unknown };

export interface ClusterBus {
  readonly clustered: boolean;
  request<T>(node: string, body: unknown, timeoutMs: number): Promise<BusReply<T>>;
  onRequest(handler: (body: unknown) => Promise<unknown>): void;
  publishDeliveries(items: Delivery[]): void;
  onDeliveries(handler: (items: Delivery[]) => void): void;
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
  async close(): Promise<void> {}
}

type Envelope = { id: string; from: string; body: unknown };

export class RedisBus implements ClusterBus {
  readonly clustered = true;
  private readonly waiting = new Map<string, { resolve: (reply: BusReply<unknown>) => void; timer: NodeJS.Timeout }>();
  private requestHandler: ((body: unknown) => Promise<unknown>) | null = null;
  private deliveryHandler: ((items: Delivery[]) => void) | null = null;
  private closed = false;
  /** Channel → envelopes waiting for this turn's flush (requests to an owner, replies to a requester). */
  private readonly outbox = new Map<string, { envelopes: Envelope[]; sent: Promise<number>; resolveSent: (receivers: number) => void }>();

  private constructor(
    private readonly pub: RedisClient,
    private readonly sub: RedisClient,
    private readonly nodeId: string,
    private readonly log: (line: string) => void,
  ) {}

  static async connect(pub: RedisClient, nodeId: string, log: (line: string) => void): Promise<RedisBus> {
    const sub = pub.duplicate();
    sub.on("error", (error: unknown) => log(`redis (bus): ${String(error)}`));
    await sub.connect();
    const bus = new RedisBus(pub, sub, nodeId, log);
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
    const receivers = await this.send(`sa:rooms:req:${node}`, { id, from: this.nodeId, body });
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

  /** Queues an envelope for its channel; the turn's envelopes go in one PUBLISH. Resolves to its receiver count. */
  private send(channel: string, envelope: Envelope): Promise<number> {
    let box = this.outbox.get(channel);
    if (!box) {
      let resolveSent: (receivers: number) => void = () => {};
      const sent = new Promise<number>((resolve) => (resolveSent = resolve));
      box = { envelopes: [], sent, resolveSent };
      this.outbox.set(channel, box);
      const flushing = box;
      setImmediate(() => {
        this.outbox.delete(channel);
        this.pub.publish(channel, JSON.stringify(flushing.envelopes)).catch(() => 0).then(flushing.resolveSent, () => flushing.resolveSent(0));
      });
    }
    box.envelopes.push(envelope);
    return box.sent;
  }

  onRequest(handler: (body: unknown) => Promise<unknown>): void {
    this.requestHandler = handler;
  }

  publishDeliveries(items: Delivery[]): void {
    if (this.closed || items.length === 0) return;
    this.pub.publish("sa:rooms:deliver", JSON.stringify({ from: this.nodeId, items })).catch((error: unknown) => this.log(`deliveries: ${String(error)}`));
  }

  onDeliveries(handler: (items: Delivery[]) => void): void {
    this.deliveryHandler = handler;
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

  /** A message is an array of envelopes (one per request or reply queued in the sender's turn). */
  private static envelopes(message: string): Envelope[] {
    try {
      const parsed = JSON.parse(message) as unknown;
      return (Array.isArray(parsed) ? parsed : [parsed]).filter(
        (e): e is Envelope => typeof e === "object" && e !== null && typeof (e as Envelope).id === "string" && typeof (e as Envelope).from === "string",
      );
    } catch {
      return [];
    }
  }

  private onRequestMessage(message: string): void {
    if (!this.requestHandler) return;
    for (const envelope of RedisBus.envelopes(message)) void this.answer(envelope, this.requestHandler);
  }

  private async answer(envelope: Envelope, handler: (body: unknown) => Promise<unknown>): Promise<void> {
    const reply = await handler(envelope.body).catch((error: unknown) => {
      this.log(`forwarded request: ${String(error)}`);
      return { ok: false, code: "internal" };
    });
    if (this.closed) return;
    await this.send(`sa:rooms:res:${envelope.from}`, { id: envelope.id, from: this.nodeId, body: reply });
  }

  private onReplyMessage(message: string): void {
    for (const envelope of RedisBus.envelopes(message)) {
      const entry = this.waiting.get(envelope.id);
      if (!entry) continue;
      clearTimeout(entry.timer);
      this.waiting.delete(envelope.id);
      entry.resolve({ status: "ok", reply: envelope.body });
    }
  }

  private onDeliveryMessage(message: string): void {
    let parsed: { from?: unknown; items?: unknown };
    try {
      parsed = JSON.parse(message) as { from?: unknown; items?: unknown };
    } catch {
      return;
    }
    if (parsed.from === this.nodeId || !Array.isArray(parsed.items)) return;
    this.deliveryHandler?.(parsed.items as Delivery[]);
  }
}
