// Duel matchmaking around the engine's pure queue (enqueue / dequeue / match). The queue is
// one JSON array: in this process's memory, or in Redis under a short lock when several
// processes share the players (each process then runs the same 1 s tick; the lock makes
// them take turns). A pair becomes a DUEL room with autoStart, created by whichever process
// found the pair: both players' sockets are put in the room's channels (the Redis adapter
// reaches sockets on other processes), the opponent is seated, the game starts, and both
// get `duel:matched` with the room's id and code.
import { randomUUID } from "node:crypto";
import type { RedisClientType } from "redis";
import { dequeue, enqueue, match, topicsOverlap, type QueueEntry } from "../engine";
import type { Ack } from "../events";
import type { IoServer } from "../server";
import { roomChannel, type RoomPlayer } from "./players";
import type { RoomService } from "./service";
import type { WeakDuelMeta } from "../weak-duel/store";

type RedisClient = RedisClientType;

/** A queue entry plus what is needed to seat and notify the player. `enqueue` and `match` keep extra fields. */
export type Waiting = QueueEntry & { nickname: string; isGuest: boolean; socketId: string; bankSlug: string };

export interface QueueStore {
  update<T>(change: (queue: Waiting[]) => { queue: Waiting[]; result: T }): Promise<T>;
}

export class MemoryQueueStore implements QueueStore {
  private queue: Waiting[] = [];
  async update<T>(change: (queue: Waiting[]) => { queue: Waiting[]; result: T }): Promise<T> {
    const next = change(this.queue);
    this.queue = next.queue;
    return next.result;
  }
}

const UNLOCK = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export class RedisQueueStore implements QueueStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly key = "sa:duel:queue",
  ) {}

  async update<T>(change: (queue: Waiting[]) => { queue: Waiting[]; result: T }): Promise<T> {
    const lockKey = `${this.key}:lock`;
    const token = randomUUID();
    let locked = false;
    for (let attempt = 0; attempt < 40 && !locked; attempt++) {
      locked = (await this.redis.set(lockKey, token, { condition: "NX", expiration: { type: "PX", value: 2_000 } })) === "OK";
      if (!locked) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (!locked) throw new Error("matchmaking queue is busy");
    try {
      const raw = await this.redis.get(this.key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      const next = change(Array.isArray(parsed) ? (parsed as Waiting[]) : []);
      await this.redis.set(this.key, JSON.stringify(next.queue));
      return next.result;
    } finally {
      await this.redis.eval(UNLOCK, { keys: [lockKey], arguments: [token] }).catch(() => 0);
    }
  }
}

type Found = { pairs: { challenger: Waiting; opponent: Waiting }[]; expired: Waiting[] };

/** What a matched pair plays, when a queue decides it (the weak-topic duel); otherwise their topics' overlap. */
export type DuelPlan = { topicIds: string[]; questionIds?: string[]; weakDuel?: WeakDuelMeta };
export type PlanDuel = (challenger: Waiting, opponent: Waiting) => Promise<Ack<DuelPlan>>;

export class Matchmaker {
  private interval: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: QueueStore,
    private readonly rooms: RoomService,
    private readonly io: IoServer,
    private readonly options: { clock?: () => number; tickMs?: number; log?: (line: string) => void; plan?: PlanDuel } = {},
  ) {}

  start(): void {
    this.interval ??= setInterval(() => void this.tick(), this.options.tickMs ?? 1_000);
  }

  stop(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
  }

  async queue(player: RoomPlayer, socketId: string, input: { bankSlug: string; topicIds: string[] }): Promise<Ack<{ queued: true }>> {
    const entry: Waiting = {
      playerId: player.playerId,
      bankId: input.bankSlug,
      bankSlug: input.bankSlug,
      topicIds: input.topicIds,
      joinedAt: this.now(),
      nickname: player.nickname,
      isGuest: player.isGuest,
      socketId,
    };
    const found = await this.store.update((queue) => this.matchIn(enqueue(queue, entry) as Waiting[]));
    await this.settle(found);
    return { ok: true, data: { queued: true } };
  }

  /** Leaves the queue; with `socketId`, only when that socket is the one waiting (another tab may have queued since). */
  async cancel(playerId: string, socketId?: string): Promise<void> {
    await this.store.update((queue) => {
      const waiting = queue.find((w) => w.playerId === playerId);
      if (!waiting || (socketId !== undefined && waiting.socketId !== socketId)) return { queue, result: null };
      return { queue: dequeue(queue, playerId) as Waiting[], result: null };
    });
  }

  async tick(): Promise<void> {
    try {
      const found = await this.store.update((queue) => this.matchIn(queue));
      await this.settle(found);
    } catch (error) {
      this.log(`matchmaking tick: ${String(error)}`);
    }
  }

  private matchIn(queue: Waiting[]): { queue: Waiting[]; result: Found } {
    const result = match(queue, this.now());
    return {
      queue: result.queue as Waiting[],
      result: { pairs: result.pairs.map((p) => ({ challenger: p.challenger as Waiting, opponent: p.opponent as Waiting })), expired: result.expired as Waiting[] },
    };
  }

  private async settle(found: Found): Promise<void> {
    for (const waiting of found.expired) this.io.to(waiting.socketId).emit("system:notice", { code: "duel_no_opponent" });
    await Promise.all(found.pairs.map((pair) => this.startDuel(pair.challenger, pair.opponent)));
  }

  private async startDuel(challenger: Waiting, opponent: Waiting): Promise<void> {
    if (this.options.plan) {
      const plan = await this.options.plan(challenger, opponent).catch((): Ack<DuelPlan> => ({ ok: false, code: "internal" }));
      if (!plan.ok) {
        for (const w of [challenger, opponent]) this.io.to(w.socketId).emit("system:notice", { code: `duel_failed:${plan.code}` });
        return;
      }
      return this.openDuel(challenger, opponent, plan.data);
    }
    const topicIds =
      challenger.topicIds.length > 0 && opponent.topicIds.length > 0 && topicsOverlap(challenger.topicIds, opponent.topicIds)
        ? challenger.topicIds.filter((t) => opponent.topicIds.includes(t))
        : challenger.topicIds.length > 0 && opponent.topicIds.length === 0
          ? challenger.topicIds
          : opponent.topicIds.length > 0 && challenger.topicIds.length === 0
            ? opponent.topicIds
            : [];
    return this.openDuel(challenger, opponent, { topicIds });
  }

  private async openDuel(challenger: Waiting, opponent: Waiting, plan: DuelPlan): Promise<void> {
    const host: RoomPlayer = { playerId: challenger.playerId, nickname: challenger.nickname, isGuest: challenger.isGuest };
    const created = await this.rooms.createDuelRoom(host, { bankSlug: challenger.bankSlug, ...plan }, challenger.socketId).catch(() => null);
    if (!created?.ok) {
      const code = created && !created.ok ? created.code : "internal";
      for (const w of [challenger, opponent]) this.io.to(w.socketId).emit("system:notice", { code: `duel_failed:${code}` });
      return;
    }
    const { roomId, code } = created.data;
    this.io.in([challenger.socketId, opponent.socketId]).socketsJoin(roomChannel(roomId));
    const seated = await this.rooms.request(roomId, {
      kind: "command",
      command: { type: "join", playerId: opponent.playerId, nickname: opponent.nickname, isGuest: opponent.isGuest },
      socketId: opponent.socketId,
    });
    if (!seated.ok) this.log(`duel ${roomId}: seating the opponent failed (${seated.code})`);
    for (const w of [challenger, opponent]) this.io.to(w.socketId).emit("duel:matched", { roomId, code });
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  private log(line: string): void {
    (this.options.log ?? console.log)(line);
  }
}
