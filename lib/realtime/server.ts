// Attaches Socket.IO to the HTTP server: handshake identity, then one registration
// function per domain. Handlers stay thin; domain logic lives in lib/realtime/engine, and
// the rooms' persistence, ownership and fan-out in lib/realtime/rooms.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient, type RedisClientType } from "redis";
import { Server, type Socket } from "socket.io";
import { authSecret } from "../auth/secret";
import type { Db } from "../db";
import { db as appDb } from "../db";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "./events";
import { createRoomHandlers, registerRoomHandlers } from "./handlers/rooms";
import { registerSystemHandlers } from "./handlers/system";
import { registerWeakDuelHandlers } from "./handlers/weak-duel";
import { registerGhostHandlers } from "./handlers/ghost";
import { weakDuelPlanner } from "./weak-duel/matchmaking";
import { identifySocket, type VerifySessionToken } from "./identity";
import { userChannel } from "./user-sockets";
import { LocalBus, RedisBus, type BusTiming, type ClusterBus } from "./rooms/cluster";
import { DEFAULT_KEY_PREFIX } from "../limits/limiter";
import { RoomLimits } from "./rooms/limits";
import { Matchmaker, MemoryQueueStore, RedisQueueStore } from "./rooms/matchmaking";
import { RoomService, type RoomServiceOptions } from "./rooms/service";
import { registerRoomService } from "./registry";

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

function createIo(httpServer: HttpServer, verifyUser?: VerifySessionToken): IoServer {
  const io: IoServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Payloads are small JSON; a large frame is hostile.
    maxHttpBufferSize: 16 * 1024,
    // No connectionStateRecovery: a reconnecting client sends room:rejoin and gets a fresh view
    // (docs/realtime.md), which works across processes; Socket.IO's recovery kept every packet
    // to every socket for two minutes (memory, GC) and made each personal emit an adapter
    // broadcast, and does not work with the Redis adapter anyway.
  });
  io.use(async (socket, next) => {
    socket.data.identity = await identifySocket(socket.request.headers.cookie, socket.handshake.auth, authSecret(), verifyUser).catch(() => null);
    next();
  });
  (globalThis as unknown as { studyarenaIo?: IoServer }).studyarenaIo = io;
  return io;
}

/** Socket.IO with the system handlers only (no rooms; no database when `verifyUser` is given): the handshake tests. */
export function attachRealtime(httpServer: HttpServer, options: { nodeId: string; verifyUser?: VerifySessionToken }): IoServer {
  const io = createIo(httpServer, options.verifyUser);
  io.on("connection", (socket) => {
    joinUserChannel(socket);
    registerSystemHandlers(io, socket, options);
  });
  return io;
}

/** A signed-in user's sockets share a channel (user-sockets.ts), so revoking their sessions can close them all. */
function joinUserChannel(socket: Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>): void {
  const identity = socket.data.identity;
  if (identity?.kind === "user") void socket.join(userChannel(identity.userId));
}

export type RealtimeOptions = {
  nodeId: string;
  /** Several processes share rooms through Redis: the Socket.IO adapter, owner forwarding, the duel queue. */
  redisUrl?: string;
  db?: Db;
  rooms?: Omit<Partial<RoomServiceOptions>, "db" | "io" | "nodeId" | "bus">;
  limits?: RoomLimits;
  /** Prefix of the room limits' Redis keys: processes with the same one share budgets (tests use their own). */
  limitsKeyPrefix?: string;
  matchmakingTickMs?: number;
  log?: (line: string) => void;
  /** With Redis: each room message that reaches this process over the bus, and how long it took (bench:rooms). */
  onBusTiming?: (timing: BusTiming) => void;
};

export type Realtime = {
  io: IoServer;
  rooms: RoomService;
  matchmaker: Matchmaker;
  weakMatchmaker: Matchmaker;
  /** graceful: finish writes and hand the rooms over; otherwise stop as a crash would (tests). */
  stop: (options?: { graceful: boolean }) => Promise<void>;
};

/** Index of the Socket.IO adapter's subscriber in `redisClients`. */
const ADAPTER_SUB = 1;

/** The full realtime layer: Socket.IO (+ the Redis adapter when configured), rooms, matchmaking. */
export async function startRealtime(httpServer: HttpServer, options: RealtimeOptions): Promise<Realtime> {
  const log = options.log ?? ((line: string) => console.log(`[realtime ${options.nodeId}] ${line}`));
  const io = createIo(httpServer);
  let bus: ClusterBus = new LocalBus();
  const redisClients: RedisClientType[] = [];
  let queueStore: MemoryQueueStore | RedisQueueStore = new MemoryQueueStore();
  if (options.redisUrl) {
    const pub: RedisClientType = createClient({ url: options.redisUrl });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on("error", (error: unknown) => log(`redis: ${String(error)}`));
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients.push(pub, sub); // order: see ADAPTER_SUB
    io.adapter(createAdapter(pub, sub));
    bus = await RedisBus.connect(pub, options.nodeId, log, options.onBusTiming);
    queueStore = new RedisQueueStore(pub);
  }
  const rooms = new RoomService({ ...options.rooms, db: options.db ?? appDb(), io, nodeId: options.nodeId, bus, log: options.rooms?.log ?? log });
  const clock = options.rooms?.clock;
  const matchmaker = new Matchmaker(queueStore, rooms, io, { ...(clock ? { clock } : {}), ...(options.matchmakingTickMs ? { tickMs: options.matchmakingTickMs } : {}), log });
  const limits = options.limits ?? new RoomLimits({ redis: redisClients[0] ?? null, keyPrefix: options.limitsKeyPrefix ?? DEFAULT_KEY_PREFIX });
  const roomHandlers = createRoomHandlers({ rooms, matchmaker, limits, ...(clock ? { clock } : {}), log });
  const db = options.db ?? appDb();
  // The weak-topic duel's own queue (its Redis key apart from the duel queue's); pairs are planned from both players' mastery.
  const weakQueueStore = redisClients[0] ? new RedisQueueStore(redisClients[0], "sa:weakduel:queue") : new MemoryQueueStore();
  const weakMatchmaker = new Matchmaker(weakQueueStore, rooms, io, { ...(clock ? { clock } : {}), ...(options.matchmakingTickMs ? { tickMs: options.matchmakingTickMs } : {}), log, plan: weakDuelPlanner(db, rooms, clock ?? Date.now) });
  io.on("connection", (socket) => {
    // The handshake's HTTP request (socket, parser, buffers) is not needed once the identity is
    // known: dropping it is ~2 KB less per connection (Socket.IO's own memory advice).
    (socket.conn as unknown as { request: unknown }).request = null;
    joinUserChannel(socket);
    registerSystemHandlers(io, socket, { nodeId: options.nodeId });
    registerRoomHandlers(io, socket, roomHandlers);
    registerWeakDuelHandlers(socket, { db, rooms, matchmaker: weakMatchmaker, limits, ...(clock ? { clock } : {}), log });
    registerGhostHandlers(socket, { db, limits, ...(clock ? { clock } : {}), log });
  });
  rooms.start();
  matchmaker.start();
  weakMatchmaker.start();
  registerRoomService(rooms);
  return {
    io,
    rooms,
    matchmaker,
    weakMatchmaker,
    stop: async ({ graceful } = { graceful: true }) => {
      matchmaker.stop();
      weakMatchmaker.stop();
      await rooms.stop({ graceful });
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await bus.close();
      // The adapter's subscriber always quits: io.close() starts its UNSUBSCRIBE commands without
      // awaiting them, and a disconnect would reject them where nobody listens (unhandled rejections).
      // QUIT runs after them. A crash (graceful: false) still drops the publisher's pending commands.
      await Promise.all(redisClients.map((client, i) => (graceful || i === ADAPTER_SUB ? client.quit() : client.disconnect()).catch(() => {})));
    },
  };
}

/** The process's Socket.IO server, for server actions (Next.js bundles them apart from server.ts). */
export function getIo(): IoServer | undefined {
  return (globalThis as unknown as { studyarenaIo?: IoServer }).studyarenaIo;
}
