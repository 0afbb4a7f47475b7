// Shared by the room integration tests: a real HTTP + Socket.IO server on a random
// loopback port running the full realtime layer, and socket.io-client players that record
// every frame and every event they receive.
import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { issueGuestToken } from "../../auth/guest";
import type { Db } from "../../db";
import type { ClientToServerEvents, ServerToClientEvents } from "../events";
import { startRealtime, type Realtime, type RealtimeOptions } from "../server";

export const TEST_SECRET = "room-test-secret-".padEnd(48, "x");
/** Nodes started by one test file share room limits (in Redis when given), and no other file's. */
const LIMITS_KEY_PREFIX = `studyarena-test:${randomUUID()}`;

export type TestNode = { url: string; realtime: Realtime; http: HttpServer; stop: (graceful?: boolean) => Promise<void> };

export async function startNode(options: { db: Db; nodeId: string; redisUrl?: string; rooms?: RealtimeOptions["rooms"]; matchmakingTickMs?: number; limitsKeyPrefix?: string; onBusTiming?: RealtimeOptions["onBusTiming"] }): Promise<TestNode> {
  process.env.AUTH_SECRET = TEST_SECRET;
  const http = createServer();
  const realtime = await startRealtime(http, {
    nodeId: options.nodeId,
    db: options.db,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    rooms: { leaseMs: 1_500, renewMs: 400, takeoverMs: 250, countdownMs: 0, log: () => {}, ...options.rooms },
    ...(options.matchmakingTickMs ? { matchmakingTickMs: options.matchmakingTickMs } : {}),
    limitsKeyPrefix: options.limitsKeyPrefix ?? LIMITS_KEY_PREFIX,
    ...(options.onBusTiming ? { onBusTiming: options.onBusTiming } : {}),
    log: () => {},
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let stopped = false;
  return {
    url,
    realtime,
    http,
    stop: async (graceful = true) => {
      if (stopped) return;
      stopped = true;
      await realtime.stop({ graceful });
      http.closeAllConnections();
    },
  };
}

export type Received = { event: string; payload: unknown };

export class Player {
  /** Every engine.io frame's raw text, in arrival order (acks included). */
  readonly frames: string[] = [];
  readonly events: Received[] = [];
  private waiters: { event: string; match: (payload: never) => boolean; resolve: (payload: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }[] = [];

  constructor(readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.onAny((event: string, payload: unknown) => {
      this.events.push({ event, payload });
      for (const waiter of this.waiters.slice()) {
        if (waiter.event !== event || !waiter.match(payload as never)) continue;
        clearTimeout(waiter.timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(payload);
      }
    });
  }

  /** The first event of that name (already received or still to come) that matches. */
  next<T = unknown>(event: keyof ServerToClientEvents, match: (payload: T) => boolean = () => true, timeoutMs = 10_000, after = 0): Promise<T> {
    const seen = this.events.slice(after).find((e) => e.event === event && match(e.payload as T));
    if (seen) return Promise.resolve(seen.payload as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`no ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push({ event, match: match as (payload: never) => boolean, resolve: resolve as (payload: unknown) => void, reject, timer });
    });
  }

  /** Emits and waits for the ack (a lost ack is an error, never a hang). */
  async send<T = unknown>(event: string, payload: unknown, timeoutMs = 10_000): Promise<{ ok: true; data: T } | { ok: false; code: string }> {
    return (this.socket.timeout(timeoutMs) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<never> }).emitWithAck(event, payload);
  }

  of<T>(event: keyof ServerToClientEvents): T[] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload as T);
  }

  close(): void {
    for (const waiter of this.waiters) clearTimeout(waiter.timer);
    this.waiters = [];
    this.socket.disconnect();
  }
}

export async function userCookie(user: { id: string; name: string }): Promise<string> {
  const token = await encode({ token: { sub: user.id, name: user.name, role: "LEARNER" }, secret: TEST_SECRET });
  return `next-auth.session-token=${token}`;
}

export function guestToken(nickname: string, guestId?: string): string {
  return issueGuestToken(nickname, TEST_SECRET, guestId);
}

/** Connects and resolves once the socket is connected (handshake identity done). */
export async function connectPlayer(url: string, auth: { cookie?: string; guestToken?: string }): Promise<Player> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth: auth.guestToken ? { guestToken: auth.guestToken } : {},
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
  });
  const player = new Player(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  socket.io.engine.on("packet", (packet: { data?: unknown }) => {
    if (typeof packet.data === "string") player.frames.push(packet.data);
  });
  return player;
}
