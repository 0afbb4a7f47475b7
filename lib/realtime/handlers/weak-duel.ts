// Weak-topic duel events: its own matchmaking queue (separate from `duel:queue`) and the
// podium's summary. Thin: validate (zod), take the player from the handshake identity,
// refuse guests (no mastery to pair on), call the matchmaker or the store, ack.
import type { Socket } from "socket.io";
import { z } from "zod";
import type { Db } from "../../db";
import type { Ack, ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../events";
import type { RoomLimits } from "../rooms/limits";
import { commandBudget, onAcked, type AckedEvents } from "./acked-event";
import type { Matchmaker } from "../rooms/matchmaking";
import { playerFromIdentity, type RoomPlayer } from "../rooms/players";
import { noPayloadSchema, roomRefSchema } from "../rooms/schema";
import type { RoomService } from "../rooms/service";
import { weakDuelSummary } from "../weak-duel/store";

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const weakDuelQueueSchema = z.object({ bankSlug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export type WeakDuelHandlerDeps = {
  db: Db;
  rooms: RoomService;
  /** The weak-topic duel's own matchmaker (its queue and pair planning). */
  matchmaker: Matchmaker;
  limits: RoomLimits;
  clock?: () => number;
  log?: (line: string) => void;
};

const GUEST_MESSAGE = "A weak-topic duel pairs players on their mastery: sign in to join it.";

export function registerWeakDuelHandlers(socket: AppSocket, deps: WeakDuelHandlerDeps): void {
  const now = deps.clock ?? Date.now;
  const log = deps.log ?? ((line: string) => console.log(`[weak-duel] ${line}`));
  const player = playerFromIdentity(socket.data.identity);
  let queued = false;

  // The rooms' per-socket command budget.
  const events: AckedEvents<RoomPlayer> = { spend: commandBudget(deps.limits.perSocket.roomCommand, now), who: player, log };
  const on = <S extends z.ZodType>(event: "weakduel:queue" | "weakduel:cancel" | "weakduel:summary", schema: S, run: (input: z.infer<S>, p: RoomPlayer) => Promise<Ack<unknown>>) =>
    onAcked(socket as never, events, event, schema, run);

  on("weakduel:queue", weakDuelQueueSchema, async (input, p) => {
    if (p.isGuest) return { ok: false, code: "weak_duel_needs_account", message: GUEST_MESSAGE };
    if (!(await deps.limits.take(deps.limits.matchmakingByIdentity, p.playerId))) return { ok: false, code: "rate_limited" };
    const problem = await deps.rooms.duelProblem(input.bankSlug, []);
    if (problem) return { ok: false, code: problem };
    queued = true;
    return deps.matchmaker.queue(p, socket.id, { bankSlug: input.bankSlug, topicIds: [] });
  });

  on("weakduel:cancel", noPayloadSchema, async (_input, p) => {
    if (queued) await deps.matchmaker.cancel(p.playerId, socket.id);
    queued = false;
    return { ok: true, data: null };
  });

  on("weakduel:summary", roomRefSchema, async (input, p) => {
    const summary = await weakDuelSummary(deps.db, input.roomId, p.playerId, now());
    if (typeof summary === "string") return { ok: false, code: summary };
    // The last rounds' answers are fed to the mastery model off the game's path: nudge it.
    if (summary.pending) deps.rooms.mastery.kick();
    return { ok: true, data: summary };
  });

  socket.on("disconnecting", () => {
    if (queued && player) void deps.matchmaker.cancel(player.playerId, socket.id).catch(() => {});
  });
}
