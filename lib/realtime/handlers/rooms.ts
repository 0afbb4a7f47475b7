// Room, round and duel events. Thin on purpose: rate-limit, validate (zod), take the player
// id from the handshake identity (never from the payload), call the room service, ack.
// Every handler answers even when the service throws; a malformed or hostile event is
// refused for that socket alone.
//
// The handlers are built once per process (createRoomHandlers) and shared by every socket:
// Socket.IO calls them with `this` = the socket, so a connection costs one small state
// object instead of a closure per event (~9 KB per socket at 5,000 players).
import type { Socket } from "socket.io";
import type { z } from "zod";
import { allow, normalizeRoomCode, type BucketConfig, type BucketState, type PlayerCommand } from "../engine";
import type { Ack, ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../events";
import { clientAddress, trustedProxyHops } from "../../http/client-address";
import type { RoomLimits } from "../rooms/limits";
import type { Matchmaker } from "../rooms/matchmaking";
import { playerFromIdentity, roomChannel, type RoomPlayer } from "../rooms/players";
import { answerSchema, createRoomSchema, duelSchema, joinRoomSchema, noPayloadSchema, roomRefSchema } from "../rooms/schema";
import type { RoomService } from "../rooms/service";
import type { IoServer } from "../server";

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type RoomHandlerDeps = {
  rooms: RoomService;
  matchmaker: Matchmaker;
  limits: RoomLimits;
  clock?: () => number;
  log?: (line: string) => void;
};

type Reply = Ack<unknown>;

/** What the room handlers keep per socket. */
type SocketState = { player: RoomPlayer | null; buckets: { command: BucketState | null }; queued: boolean };

type Handler = (socket: AppSocket, state: SocketState, input: never, player: RoomPlayer) => Promise<Reply>;
type Route = { schema: z.ZodType; run: Handler };

const ROOM_PREFIX = "room:";

export type RoomHandlers = { register: (socket: AppSocket) => void };

export function createRoomHandlers(deps: RoomHandlerDeps): RoomHandlers {
  const { rooms, matchmaker, limits } = deps;
  const now = deps.clock ?? Date.now;
  const log = deps.log ?? ((line: string) => console.log(`[rooms] ${line}`));
  const states = new WeakMap<AppSocket, SocketState>();

  const take = (state: SocketState, name: "command", config: BucketConfig) => {
    const decision = allow(state.buckets[name], now(), config);
    state.buckets[name] = decision.state;
    return decision.allowed;
  };

  const inRoom = (socket: AppSocket, roomId: string) => socket.rooms.has(roomChannel(roomId));

  /** Join/rejoin: the socket enters the room's channel first, so no broadcast after the seat is taken is missed. */
  async function seat(socket: AppSocket, roomId: string, command: PlayerCommand): Promise<Reply> {
    const wasIn = inRoom(socket, roomId);
    await socket.join(roomChannel(roomId));
    const reply = await rooms.request(roomId, { kind: "command", command, socketId: socket.id });
    if (!reply.ok && !wasIn) await socket.leave(roomChannel(roomId));
    return reply;
  }

  function command(socket: AppSocket, roomId: string, build: PlayerCommand): Promise<Reply> {
    if (!inRoom(socket, roomId)) return Promise.resolve({ ok: false, code: "not_in_room" });
    return rooms.request(roomId, { kind: "command", command: build, socketId: socket.id });
  }

  const route = <S extends z.ZodType>(schema: S, run: (socket: AppSocket, state: SocketState, input: z.infer<S>, player: RoomPlayer) => Promise<Reply>): Route => ({ schema, run: run as Handler });

  const routes: Partial<Record<keyof ClientToServerEvents, Route>> = {
    "room:create": route(createRoomSchema, async (socket, _state, input, p) => {
      if (socket.data.identity?.kind !== "user") return { ok: false, code: "not_signed_in" };
      if (!(await limits.take(limits.createByIdentity, p.playerId))) return { ok: false, code: "rate_limited" };
      const created = await rooms.createGroupRoom(p, input, socket.id);
      if (created.ok) await socket.join(roomChannel(created.data.roomId));
      return created;
    }),
    "room:join": route(joinRoomSchema, async (socket, _state, input, p) => {
      if (!(await limits.take(limits.joinByIdentity, p.playerId))) return { ok: false, code: "rate_limited" };
      // Checked before the lookup, charged only when the code names no room (a class behind one address joins freely).
      const address = socketAddress(socket);
      if (!(await limits.has(limits.unknownCodeByAddress, address))) return { ok: false, code: "rate_limited" };
      const code = normalizeRoomCode(input.code);
      const roomId = code ? await rooms.roomIdForCode(code) : null;
      if (!roomId) {
        await limits.take(limits.unknownCodeByAddress, address);
        return { ok: false, code: "room_not_found" };
      }
      return seat(socket, roomId, { type: "join", playerId: p.playerId, nickname: p.nickname, isGuest: p.isGuest });
    }),
    "room:rejoin": route(roomRefSchema, async (socket, _state, input, p) => seat(socket, input.roomId, { type: "rejoin", playerId: p.playerId })),
    "room:leave": route(roomRefSchema, async (socket, _state, input, p) => {
      if (!inRoom(socket, input.roomId)) return { ok: true, data: null };
      await socket.leave(roomChannel(input.roomId));
      return rooms.request(input.roomId, { kind: "detach", playerId: p.playerId, socketId: socket.id });
    }),
    "room:start": route(roomRefSchema, async (socket, _state, input, p) => command(socket, input.roomId, { type: "start", playerId: p.playerId })),
    "round:skip": route(roomRefSchema, async (socket, _state, input, p) => command(socket, input.roomId, { type: "skip", playerId: p.playerId })),
    "round:next": route(roomRefSchema, async (socket, _state, input, p) => command(socket, input.roomId, { type: "next", playerId: p.playerId })),
    "room:end": route(roomRefSchema, async (socket, _state, input, p) => command(socket, input.roomId, { type: "end", playerId: p.playerId })),
    "round:answer": route(answerSchema, async (socket, _state, input, p) =>
      command(socket, input.roomId, { type: "answer", playerId: p.playerId, round: input.round, choiceIds: input.choiceIds }),
    ),
    "room:rematch": route(roomRefSchema, async (socket, _state, input, p) => {
      if (!inRoom(socket, input.roomId)) return { ok: false, code: "not_in_room" };
      return rooms.request(input.roomId, { kind: "rematch", playerId: p.playerId });
    }),
    "duel:queue": route(duelSchema, async (socket, state, input, p) => {
      if (!(await limits.take(limits.matchmakingByIdentity, p.playerId))) return { ok: false, code: "rate_limited" };
      const problem = await rooms.duelProblem(input.bankSlug, input.topicIds ?? []);
      if (problem) return { ok: false, code: problem };
      state.queued = true;
      return matchmaker.queue(p, socket.id, { bankSlug: input.bankSlug, topicIds: input.topicIds ?? [] });
    }),
    "duel:cancel": route(noPayloadSchema, async (socket, state, _input, p) => {
      if (state.queued) await matchmaker.cancel(p.playerId, socket.id);
      state.queued = false;
      return { ok: true, data: null };
    }),
    "duel:challenge": route(duelSchema, async (socket, _state, input, p) => {
      if (!(await limits.take(limits.createByIdentity, p.playerId))) return { ok: false, code: "rate_limited" };
      const created = await rooms.createDuelRoom(p, { bankSlug: input.bankSlug, topicIds: input.topicIds ?? [] }, socket.id);
      if (created.ok) await socket.join(roomChannel(created.data.roomId));
      return created;
    }),
  };

  async function dispatch(socket: AppSocket, state: SocketState, event: string, route: Route, payload: unknown, reply: (response: Reply) => void): Promise<void> {
    try {
      if (!take(state, "command", limits.perSocket.roomCommand)) return reply({ ok: false, code: "rate_limited" });
      const parsed = route.schema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, code: "invalid_input" });
      if (!state.player) return reply({ ok: false, code: "not_signed_in" });
      reply(await route.run(socket, state, parsed.data as never, state.player));
    } catch (error) {
      log(`${event}: ${String(error)}`);
      reply({ ok: false, code: "internal" });
    }
  }

  /** Every incoming event of every socket: `this` is the socket (Socket.IO's onAny). */
  function onEvent(this: AppSocket, event: unknown, ...args: unknown[]): void {
    if (typeof event !== "string" || !Object.hasOwn(routes, event)) return;
    const state = states.get(this);
    const route = routes[event as keyof ClientToServerEvents];
    if (!state || !route) return;
    const last = args[args.length - 1];
    const hasAck = typeof last === "function";
    const reply = hasAck ? (last as (response: Reply) => void) : () => {};
    void dispatch(this, state, event, route, hasAck && args.length < 2 ? undefined : args[0], reply);
  }

  function onDisconnecting(this: AppSocket): void {
    const state = states.get(this);
    const player = state?.player;
    if (!state || !player) return;
    if (state.queued) void matchmaker.cancel(player.playerId, this.id).catch(() => {});
    for (const channel of this.rooms) {
      if (!channel.startsWith(ROOM_PREFIX)) continue;
      const roomId = channel.slice(ROOM_PREFIX.length);
      void rooms.request(roomId, { kind: "detach", playerId: player.playerId, socketId: this.id }).catch((error: unknown) => log(`detach ${roomId}: ${String(error)}`));
    }
  }

  return {
    register(socket) {
      const player = playerFromIdentity(socket.data.identity);
      states.set(socket, { player, buckets: { command: null }, queued: false });
      socket.onAny(onEvent);
      socket.on("disconnecting", onDisconnecting);
    },
  };
}

/** The client's address for per-address limits (X-Forwarded-For only with TRUST_PROXY: lib/http/client-address.ts). */
function socketAddress(socket: AppSocket): string {
  return clientAddress({ remoteAddress: socket.handshake.address, forwardedFor: socket.handshake.headers["x-forwarded-for"], trustProxyHops: trustedProxyHops() });
}

/** One registration function per domain (the convention of handlers/). */
export function registerRoomHandlers(_io: IoServer, socket: AppSocket, handlers: RoomHandlers): void {
  handlers.register(socket);
}
