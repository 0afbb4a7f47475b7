// Attaches Socket.IO to the HTTP server: handshake identity, then one registration
// function per domain. Handlers stay thin; domain logic lives in lib/realtime/engine, and
// the rooms' persistence, ownership and fan-out in lib/realtime/rooms.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient, type RedisClientType } from "redis";
import { Server } from "socket.io";
import { authSecret } from "../auth/secret";
import type { Db } from "../db";
import { db as appDb } from "../db";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "./events";
import { createRoomHandlers, registerRoomHandlers } from "./handlers/rooms";
import { registerSystemHandlers } from "./handlers/system";
import { identifySocket } from "./identity";
import { LocalBus, RedisBus, type ClusterBus } from "./rooms/cluster";
import { RoomLimits } from "./rooms/limits";
import { Matchmaker, MemoryQueueStore, RedisQueueStore } from "./rooms/matchmaking";
import { RoomService, type RoomServiceOptions } from "./rooms/service";
import { registerRoomService } from "./registry";

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

function createIo(httpServer: HttpServer): IoServer {
  const io: IoServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Payloads are small JSON; a large frame is hostile.
    maxHttpBufferSize: 16 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
  });
  io.use(async (socket, next) => {
    socket.data.identity = await identifySocket(socket.request.headers.cookie, socket.handshake.auth, authSecret()).catch(() => null);
    next();
  });
  (globalThis as unknown as { studyarenaIo?: IoServer }).studyarenaIo = io;
  return io;
}

/** Socket.IO with the system handlers only (no rooms, no database): the handshake tests. */
export function attachRealtime(httpServer: HttpServer, options: { nodeId: string }): IoServer {
  const io = createIo(httpServer);
  io.on("connection", (socket) => registerSystemHandlers(io, socket, options));
  return io;
}

export type RealtimeOptions = {
  nodeId: string;
  /** Several processes share rooms through Redis: the Socket.IO adapter, owner forwarding, the duel queue. */
  redisUrl?: string;
  db?: Db;
  rooms?: Omit<Partial<RoomServiceOptions>, "db" | "io" | "nodeId" | "bus">;
  limits?: RoomLimits;
  matchmakingTickMs?: number;
  log?: (line: string) => void;
};

export type Realtime = {
  io: IoServer;
  rooms: RoomService;
  matchmaker: Matchmaker;
  /** graceful: finish writes and hand the rooms over; otherwise stop as a crash would (tests). */
  stop: (options?: { graceful: boolean }) => Promise<void>;
};

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
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub));
    bus = await RedisBus.connect(pub, options.nodeId, log);
    queueStore = new RedisQueueStore(pub);
  }
  const rooms = new RoomService({ ...options.rooms, db: options.db ?? appDb(), io, nodeId: options.nodeId, bus, log: options.rooms?.log ?? log });
  const clock = options.rooms?.clock;
  const matchmaker = new Matchmaker(queueStore, rooms, io, { ...(clock ? { clock } : {}), ...(options.matchmakingTickMs ? { tickMs: options.matchmakingTickMs } : {}), log });
  const roomHandlers = createRoomHandlers({ rooms, matchmaker, limits: options.limits ?? new RoomLimits(), ...(clock ? { clock } : {}), log });
  io.on("connection", (socket) => {
    // The handshake's HTTP request (socket, parser, buffers) is not needed once the identity is
    // known: dropping it is ~2 KB less per connection (Socket.IO's own memory advice).
    (socket.conn as unknown as { request: unknown }).request = null;
    registerSystemHandlers(io, socket, { nodeId: options.nodeId });
    registerRoomHandlers(io, socket, roomHandlers);
  });
  rooms.start();
  matchmaker.start();
  registerRoomService(rooms);
  return {
    io,
    rooms,
    matchmaker,
    stop: async ({ graceful } = { graceful: true }) => {
      matchmaker.stop();
      await rooms.stop({ graceful });
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await bus.close();
      await Promise.all(redisClients.map((client) => (graceful ? client.quit() : client.disconnect()).catch(() => {})));
    },
  };
}

/** The process's Socket.IO server, for server actions (Next.js bundles them apart from server.ts). */
export function getIo(): IoServer | undefined {
  return (globalThis as unknown as { studyarenaIo?: IoServer }).studyarenaIo;
}
