// Ghost race events (signed-in users only). Thin: validate (zod), take the learner from the
// handshake identity, call lib/ghost/races, ack. The server's clock drives the race: the
// ghost's recorded closes are emitted (`ghost:progress`) at their offsets from the race's
// start, and the learner's open question is closed at its deadline (`ghost:state`), by timers
// on the socket watching the run. The database is the truth: a timer that fires late or on
// another tab changes nothing that a reload would not show the same way.
import type { Socket } from "socket.io";
import { z } from "zod";
import type { Db } from "../../db";
import { answerRace, GHOST_SECONDS, GHOST_SIZES, loadRace, RaceError, startRace, timeoutAt, upcomingGhostEvents, type RaceView } from "../../ghost/races";
import type { Ack, ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../events";
import type { RoomLimits } from "../rooms/limits";
import { commandBudget, onAcked, type AckedEvents } from "./acked-event";

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const oneOf = (values: readonly number[]) => z.number().int().refine((n) => values.includes(n));

export const ghostStartSchema = z.object({
  set: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("topics"), bankSlug: z.string().regex(/^[a-z0-9-]{1,80}$/), topicIds: z.array(id).max(100), size: oneOf(GHOST_SIZES), secondsPerQuestion: oneOf(GHOST_SECONDS) }),
    z.object({ kind: z.literal("last") }),
  ]),
  ghost: z.discriminatedUnion("kind", [z.object({ kind: z.literal("none") }), z.object({ kind: z.literal("self") }), z.object({ kind: z.literal("group"), groupId: id })]),
});
export const ghostRunRefSchema = z.object({ runId: id });
export const ghostAnswerSchema = z.object({ runId: id, questionIndex: z.number().int().min(0).max(100), choiceIds: z.array(z.string().min(1).max(64)).min(1).max(26) });

export type GhostHandlerDeps = { db: Db; limits: RoomLimits; clock?: () => number; log?: (line: string) => void };

type GhostEventName = "ghost:start" | "ghost:resume" | "ghost:answer" | "ghost:leave";

export function registerGhostHandlers(socket: AppSocket, deps: GhostHandlerDeps): void {
  const now = deps.clock ?? Date.now;
  const log = deps.log ?? ((line: string) => console.log(`[ghost] ${line}`));
  const identity = socket.data.identity;
  const userId = identity?.kind === "user" ? identity.userId : null;
  // One watched run per socket: its ghost's pending events and the open question's close.
  let watched: { runId: string; timers: NodeJS.Timeout[]; close: NodeJS.Timeout | null } | null = null;

  function unwatch(): void {
    if (!watched) return;
    for (const timer of watched.timers) clearTimeout(timer);
    if (watched.close) clearTimeout(watched.close);
    watched = null;
  }

  /** Arms the close of the open question at its deadline (grace included); re-armed after each close. */
  function armClose(view: RaceView): void {
    if (!watched || watched.runId !== view.runId) return;
    if (watched.close) clearTimeout(watched.close);
    watched.close = null;
    const at = timeoutAt(view);
    if (at === null) return;
    const runId = view.runId;
    watched.close = setTimeout(() => {
      if (!watched || watched.runId !== runId || !userId) return;
      loadRace(deps.db, userId, runId, new Date(now()))
        .then((next) => {
          if (!watched || watched.runId !== runId) return;
          // Only when the question did close: an answer may have closed it a moment earlier.
          if (next.current?.index !== view.current?.index || next.finished) socket.emit("ghost:state", next);
          armClose(next);
        })
        .catch((error: unknown) => log(`close ${runId}: ${String(error)}`));
    }, Math.max(0, at - now()));
  }

  /** Follows a run on this socket: the ghost's remaining closes at their offsets, and the learner's deadline. */
  async function watch(view: RaceView): Promise<void> {
    unwatch();
    watched = { runId: view.runId, timers: [], close: null };
    const { startedAt, events } = await upcomingGhostEvents(deps.db, userId!, view.runId, new Date(now()));
    if (!watched || watched.runId !== view.runId) return;
    for (const event of events) {
      watched.timers.push(setTimeout(() => socket.emit("ghost:progress", { runId: view.runId, event }), Math.max(0, startedAt + event.offsetMs - now())));
    }
    armClose(view);
  }

  const events: AckedEvents<string> = {
    spend: commandBudget(deps.limits.perSocket.roomCommand, now),
    who: userId,
    log,
    refusal: (error) => (error instanceof RaceError ? { ok: false, code: error.code } : null),
  };
  const on = <S extends z.ZodType>(event: GhostEventName, schema: S, run: (input: z.infer<S>, user: string) => Promise<Ack<unknown>>) => onAcked(socket as never, events, event, schema, run);

  on("ghost:start", ghostStartSchema, async (input, user) => {
    const view = await startRace(deps.db, user, input, new Date(now()));
    await watch(view);
    // The clock as the ack leaves, so the client's offset to it does not include our database work.
    return { ok: true, data: { ...view, serverNow: now() } };
  });

  on("ghost:resume", ghostRunRefSchema, async (input, user) => {
    const view = await loadRace(deps.db, user, input.runId, new Date(now()));
    await watch(view);
    return { ok: true, data: { ...view, serverNow: now() } };
  });

  // Stored (with its mastery update) before the ack; the key of this question only, now that it is closed.
  on("ghost:answer", ghostAnswerSchema, async (input, user) => {
    const outcome = await answerRace(deps.db, user, input, new Date(now()));
    armClose(outcome.view);
    return { ok: true, data: { ...outcome, view: { ...outcome.view, serverNow: now() } } };
  });

  on("ghost:leave", ghostRunRefSchema, async (input) => {
    if (watched?.runId === input.runId) unwatch();
    return { ok: true, data: null };
  });

  socket.on("disconnect", unwatch);
}
