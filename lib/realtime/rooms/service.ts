// The room service: runs the pure engine (lib/realtime/engine) for the rooms this process
// owns, and routes every other room's requests to their owner.
//
//   ownership  Room.ownerNode + leaseUntil (6 s, renewed every 2 s). A request for a room not
//              in memory claims it when nobody holds a live lease (one atomic UPDATE), loads
//              snapshot + log and replays; otherwise it is forwarded to the owner (cluster.ts),
//              whose node id is then reused for a second (REMOTE_ROUTE_MS) or until it refuses.
//   takeover   every second, rooms in play whose lease expired are claimed the same way and
//              their pending timer re-armed (pendingSchedule): a crashed owner's game goes on.
//   effects    persist first (writer.ts: the room log, batched; the ack waits for the commit),
//              then ack, broadcasts (one Socket.IO room per game room, fanned out by the Redis
//              adapter), personal messages (one batch per reveal), throttled progress/lobby
//              counters, and the engine's single timer per room run with setTimeout.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../../db";
import {
  allSeats,
  applyCommand,
  createRoom,
  isRoomCode,
  pendingSchedule,
  progressSnapshot,
  rematch,
  roomCodeFromBytes,
  ROOM_CODE_BYTES,
  seatOf,
  type Command,
  type Effect,
  type PlayerCommand,
  type RoomConfigInput,
  type RoomQuestionInput,
  type RoomState,
  type RoundResult,
  type TimerCommand,
} from "../engine";
import type { Ack, LobbyPayload } from "../events";
import type { IoServer } from "../server";
import { LocalBus, type ClusterBus, type Delivery } from "./cluster";
import { Fanout, newThrottle, stopThrottle, throttle, type Throttle } from "./fanout";
import { answerOp, commandOp, seatOp } from "./log-entries";
import { MasteryFeeder } from "./mastery";
import { reviewPayload, resultsFromState } from "./outcomes";
import { playerFromIdentity, roomChannel, userIdOf, type RoomPlayer } from "./players";
import { loadBankQuestions, loadReviewMaterial, type ReviewMaterial } from "./questions";
import { replayRoom } from "./replay";
import type { CreateRoomInput } from "./schema";
import {
  claimRoom,
  insertRoom,
  isGroupMember,
  loadRoom,
  orphanedRooms,
  releaseRooms,
  renewLeases,
  RoomCodeTaken,
  roomIdByCode,
  writeRoundResults,
  type RoomKind,
  type RoomMeta,
} from "./store";
import { RoomTakenOver, RoomWriter, type WriteOp } from "./writer";
import type { WeakDuelMeta } from "../weak-duel/store";

export type RoomReply = Ack<unknown>;

/** What a socket (or a forwarding process) asks of a room. The player id comes from the handshake. */
export type RoomRequest =
  | { kind: "command"; command: PlayerCommand; socketId: string | null }
  /** The socket left the room or disconnected: the seat goes offline once none of the player's sockets is left. */
  | { kind: "detach"; playerId: string; socketId: string }
  | { kind: "rematch"; playerId: string };

export type DuelSettings = { questionCount: number; secondsPerQuestion: number; countdownMs?: number; autoAdvanceMs?: number };

export type RoomServiceOptions = {
  db: Db;
  io: IoServer;
  nodeId: string;
  bus?: ClusterBus;
  clock?: () => number;
  leaseMs?: number;
  renewMs?: number;
  takeoverMs?: number;
  /** "Get ready" before each question of a new room (the engine's default: 3,000 ms). */
  countdownMs?: number;
  duel?: DuelSettings;
  /** A finished room stays in memory this long (rejoin, review, rematch), then is reloaded on demand. */
  finishedTtlMs?: number;
  /** A room nobody is connected to is unloaded after this long. */
  idleTtlMs?: number;
  forwardTimeoutMs?: number;
  masterySweepMs?: number;
  log?: (line: string) => void;
};

type LiveRoom = {
  id: string;
  state: RoomState;
  kind: RoomKind;
  meta: RoomMeta;
  timer: NodeJS.Timeout | null;
  /** playerId → socket ids (on any process) attached to the seat. */
  sockets: Map<string, string[]>;
  recentNicknames: string[];
  /** Counters to the whole room, and (in large rooms, more often) to the host's screen. */
  progress: { all: Throttle; host: Throttle };
  review: Promise<ReviewMaterial> | null;
  evicted: boolean;
  /** Log entries written since the last snapshot. */
  logSinceSnapshot: number;
  /** Since when no socket is attached (null: someone is). */
  idleSince: number | null;
  finishedSeenAt: number | null;
  /** Our lease surely holds until then (this clock, taken before the statement that granted it). */
  leaseUntil: number;
};

type Route = { kind: "local"; room: LiveRoom } | { kind: "remote"; owner: string } | { kind: "missing" } | { kind: "unavailable" };

const DEFAULT_DUEL: DuelSettings = { questionCount: 7, secondsPerQuestion: 20 };
const LOBBY_NICKNAMES = 8;
const BACKGROUND_CONCURRENCY = 2;
/** A snapshot (between rounds) once the log since the last one has this many entries, and always at the podium. */
const SNAPSHOT_AFTER_ENTRIES = 500;
/**
 * How long a room's owner on another process, once looked up, is used without asking
 * PostgreSQL again. Each forwarded request used to run the claim query (a split room's
 * every answer); the owner's own reply (not_owner) or its absence (gone) drops it sooner.
 */
const REMOTE_ROUTE_MS = 1_000;
/** Up to this many seats, counters go to every player even while a question is open. */
const SMALL_ROOM = 10;
const MAX_CODE_CACHE = 10_000;

const ok = (data: unknown = null): RoomReply => ({ ok: true, data });
const refused = (code: string, message?: string): RoomReply => ({ ok: false, code, ...(message ? { message } : {}) });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function newRoomCode(): string {
  for (let i = 0; i < 10; i++) {
    const code = roomCodeFromBytes(randomBytes(ROOM_CODE_BYTES));
    if (code) return code;
  }
  throw new Error("could not draw a room code");
}

function newSeed(): number {
  return randomBytes(4).readUInt32LE(0);
}

export class RoomService {
  readonly nodeId: string;
  readonly bus: ClusterBus;
  readonly mastery: MasteryFeeder;
  private readonly db: Db;
  private readonly io: IoServer;
  private readonly clock: () => number;
  private readonly writer: RoomWriter;
  private readonly fanout: Fanout;
  private readonly rooms = new Map<string, LiveRoom>();
  private readonly loading = new Map<string, Promise<Route>>();
  /** Rooms another process owns: its node id, and until when to trust it (REMOTE_ROUTE_MS). */
  private readonly remoteRoutes = new Map<string, { owner: string; until: number }>();
  private readonly codes = new Map<string, string>();
  private readonly intervals: NodeJS.Timeout[] = [];
  private readonly pendingWork = new Set<Promise<unknown>>();
  private readonly backgroundQueue: (() => Promise<void>)[] = [];
  private backgroundRunning = 0;
  private readonly log: (line: string) => void;
  private readonly leaseMs: number;
  private readonly renewMs: number;
  private readonly takeoverMs: number;
  private readonly countdownMs: number | undefined;
  private readonly duel: DuelSettings;
  private readonly finishedTtlMs: number;
  private readonly idleTtlMs: number;
  private readonly forwardTimeoutMs: number;
  private stopped = false;

  constructor(options: RoomServiceOptions) {
    this.db = options.db;
    this.io = options.io;
    this.nodeId = options.nodeId;
    this.bus = options.bus ?? new LocalBus();
    this.clock = options.clock ?? Date.now;
    this.log = options.log ?? ((line) => console.log(`[rooms ${options.nodeId}] ${line}`));
    this.leaseMs = options.leaseMs ?? 6_000;
    this.renewMs = options.renewMs ?? 2_000;
    this.takeoverMs = options.takeoverMs ?? 1_000;
    this.countdownMs = options.countdownMs;
    this.duel = options.duel ?? DEFAULT_DUEL;
    this.finishedTtlMs = options.finishedTtlMs ?? 2 * 60_000;
    this.idleTtlMs = options.idleTtlMs ?? 10 * 60_000;
    this.forwardTimeoutMs = options.forwardTimeoutMs ?? 3_000;
    this.writer = new RoomWriter(this.db, this.nodeId, this.log);
    this.mastery = new MasteryFeeder(this.db, this.log, options.masterySweepMs);
    this.fanout = new Fanout(this.io, this.bus);
    this.bus.onRequest((body) => this.onForwarded(body));
  }

  start(): void {
    this.intervals.push(
      setInterval(() => this.track(this.renew()), this.renewMs),
      setInterval(() => this.track(this.takeOver()), this.takeoverMs),
    );
    this.mastery.start();
  }

  /**
   * graceful: wait for pending writes and hand the rooms over (leases released, so another
   * process continues them at once). Not graceful: just stop, as a crash would.
   */
  async stop(options: { graceful: boolean } = { graceful: true }): Promise<void> {
    this.stopped = true;
    for (const interval of this.intervals.splice(0)) clearInterval(interval);
    const ids = [...this.rooms.keys()];
    for (const room of this.rooms.values()) this.unload(room);
    if (!options.graceful) return;
    await this.writer.drain();
    await Promise.allSettled([...this.pendingWork]);
    await this.mastery.stop();
    await releaseRooms(this.db, ids, this.nodeId).catch((error: unknown) => this.log(`release: ${String(error)}`));
  }

  /** Rooms this process runs now (tests, health). */
  ownedRoomIds(): string[] {
    return [...this.rooms.keys()];
  }

  /** Resolves once every write and result of this process is committed (tests). */
  async settled(): Promise<void> {
    await this.writer.drain();
    await Promise.allSettled([...this.pendingWork]);
    await this.mastery.idle();
  }

  // -------------------------------------------------------------------------
  // Creating rooms

  /**
   * `options.groupId`: a study group's or class's room (lib/groups), whose seats only the
   * group's members may take. `autoAdvanceMs`: reveals move on by themselves (no presenter needed).
   */
  async createGroupRoom(
    host: RoomPlayer,
    input: CreateRoomInput,
    socketId: string | null,
    options: { groupId?: string; autoAdvanceMs?: number } = {},
  ): Promise<Ack<{ roomId: string; code: string }>> {
    return this.create({
      host,
      socketId,
      kind: "GROUP",
      bankSlug: input.bankSlug,
      topicIds: input.topicIds ?? [],
      ...(options.groupId ? { groupId: options.groupId } : {}),
      config: {
        ...(options.autoAdvanceMs !== undefined ? { autoAdvanceMs: options.autoAdvanceMs } : {}),
        mode: "group",
        questionCount: input.questionCount,
        secondsPerQuestion: input.secondsPerQuestion,
        speedScoring: input.speedScoring,
        hostPlays: input.hostPlays,
        ...(input.maxSeats !== undefined ? { maxSeats: input.maxSeats } : {}),
        ...(this.countdownMs !== undefined ? { countdownMs: this.countdownMs } : {}),
      },
    });
  }

  /**
   * A duel that starts as soon as both seats are taken (a challenge link, or a matchmade pair).
   * A weak-topic duel passes its chosen `questionIds` and the podium's `weakDuel` data.
   */
  async createDuelRoom(
    host: RoomPlayer,
    input: { bankSlug: string; topicIds: string[]; questionIds?: string[]; weakDuel?: WeakDuelMeta },
    socketId: string | null,
  ): Promise<Ack<{ roomId: string; code: string }>> {
    const d = this.duel;
    return this.create({
      host,
      socketId,
      kind: "DUEL",
      bankSlug: input.bankSlug,
      topicIds: input.topicIds,
      ...(input.questionIds ? { questionIds: input.questionIds } : {}),
      ...(input.weakDuel ? { weakDuel: input.weakDuel } : {}),
      config: {
        mode: "duel",
        questionCount: d.questionCount,
        secondsPerQuestion: d.secondsPerQuestion,
        speedScoring: true,
        hostPlays: true,
        autoStart: true,
        ...(d.countdownMs !== undefined ? { countdownMs: d.countdownMs } : this.countdownMs !== undefined ? { countdownMs: this.countdownMs } : {}),
        ...(d.autoAdvanceMs !== undefined ? { autoAdvanceMs: d.autoAdvanceMs } : {}),
      },
    });
  }

  private async create(input: {
    host: RoomPlayer;
    socketId: string | null;
    kind: RoomKind;
    bankSlug: string;
    topicIds: string[];
    questionIds?: string[];
    weakDuel?: WeakDuelMeta;
    groupId?: string;
    config: RoomConfigInput;
  }): Promise<Ack<{ roomId: string; code: string }>> {
    if (this.stopped) return refused("unavailable") as Ack<never>;
    const bank = await loadBankQuestions(this.db, input.bankSlug, input.topicIds, input.questionIds);
    if (!bank) return { ok: false, code: "not_found", message: "no such bank" };
    if (bank.questions.length < input.config.questionCount) {
      return { ok: false, code: "not_enough_questions", message: `${bank.questions.length} questions available` };
    }
    const meta: RoomMeta = {
      bankId: bank.bankId,
      bankSlug: bank.bankSlug,
      topicIds: input.topicIds,
      ...(input.groupId ? { groupId: input.groupId } : {}),
      ...(input.weakDuel ? { weakDuel: input.weakDuel } : {}),
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      const created = createRoom(
        {
          roomId: randomUUID(),
          code: newRoomCode(),
          seed: newSeed(),
          config: input.config,
          questions: bank.questions,
          host: { ...input.host, connected: input.socketId !== null },
        },
        this.clock(),
      );
      if (!created.ok) return { ok: false, code: "invalid_input", message: created.message };
      const leasedAt = this.clock();
      try {
        await insertRoom(this.db, { state: created.state, kind: input.kind, meta, nodeId: this.nodeId, leaseMs: this.leaseMs });
      } catch (error) {
        if (error instanceof RoomCodeTaken) continue;
        throw error;
      }
      const room = this.adopt(created.state, input.kind, meta, leasedAt);
      if (input.socketId) this.attach(room, input.host.playerId, input.socketId);
      this.rememberCode(created.state.code, created.state.roomId);
      return { ok: true, data: { roomId: created.state.roomId, code: created.state.code } };
    }
    return { ok: false, code: "internal", message: "no free room code" };
  }

  /** Questions in a duel (planning a weak-topic duel's questions). */
  get duelQuestionCount(): number {
    return this.duel.questionCount;
  }

  /** Why a duel on this bank cannot be played (a code), or null. */
  async duelProblem(bankSlug: string, topicIds: string[]): Promise<string | null> {
    const bank = await loadBankQuestions(this.db, bankSlug, topicIds);
    if (!bank) return "not_found";
    return bank.questions.length < this.duel.questionCount ? "not_enough_questions" : null;
  }

  // -------------------------------------------------------------------------
  // Routing

  /** The room a code names, or null. Codes of finished rooms still resolve (rejoin, review). */
  async roomIdForCode(code: string): Promise<string | null> {
    if (!isRoomCode(code)) return null;
    const cached = this.codes.get(code);
    if (cached) return cached;
    const roomId = await roomIdByCode(this.db, code);
    if (roomId) this.rememberCode(code, roomId);
    return roomId;
  }

  /** Runs the request where the room lives: here, or on its owner. */
  async request(roomId: string, request: RoomRequest): Promise<RoomReply> {
    // Waiting out a dead owner's lease is bounded by the lease itself.
    const giveUpAt = Date.now() + this.leaseMs + 2_000;
    for (let attempt = 0; attempt < 100; attempt++) {
      if (this.stopped) return refused("unavailable");
      const route = await this.route(roomId);
      if (route.kind === "missing") return refused("room_not_found");
      if (route.kind === "local") {
        const reply = await this.apply(route.room, request);
        // Unloaded just before (lease lost, write failure): nothing was applied; route again.
        if (!(reply.ok === false && reply.code === "not_owner")) return reply;
      }
      if (route.kind === "remote") {
        const answer = await this.bus.request<RoomReply>(route.owner, { roomId, request }, this.forwardTimeoutMs);
        if (answer.status === "ok" && !(answer.reply.ok === false && answer.reply.code === "not_owner")) return answer.reply;
        // That process no longer runs the room (or did not answer): look the owner up again.
        this.remoteRoutes.delete(roomId);
        // The request may have been applied: do not apply it twice.
        if (answer.status === "timeout") return refused("unavailable");
      }
      // Not the owner any more, gone (lease not expired yet), or a load failed: try again shortly.
      if (Date.now() > giveUpAt) return refused("unavailable");
      await sleep(150);
    }
    return refused("unavailable");
  }

  private route(roomId: string): Promise<Route> {
    const live = this.rooms.get(roomId);
    if (live) return Promise.resolve({ kind: "local", room: live });
    const remote = this.remoteRoutes.get(roomId);
    if (remote && remote.until > Date.now()) return Promise.resolve({ kind: "remote", owner: remote.owner });
    let pending = this.loading.get(roomId);
    if (!pending) {
      pending = this.claimAndLoad(roomId)
        .catch((error: unknown): Route => {
          this.log(`loading ${roomId}: ${String(error)}`);
          return { kind: "unavailable" };
        })
        .finally(() => this.loading.delete(roomId));
      this.loading.set(roomId, pending);
    }
    return pending;
  }

  private async claimAndLoad(roomId: string): Promise<Route> {
    if (this.stopped) return { kind: "unavailable" };
    const leasedAt = this.clock();
    const ownership = await claimRoom(this.db, roomId, this.nodeId, this.leaseMs);
    if (!ownership.exists) return { kind: "missing" };
    if (!ownership.claimed) {
      if (!ownership.ownerNode) return { kind: "unavailable" };
      this.remoteRoutes.set(roomId, { owner: ownership.ownerNode, until: Date.now() + REMOTE_ROUTE_MS });
      return { kind: "remote", owner: ownership.ownerNode };
    }
    this.remoteRoutes.delete(roomId);
    const stored = await loadRoom(this.db, roomId);
    if (!stored) return { kind: "missing" };
    const state = replayRoom(stored.snapshot, stored.entries);
    this.writer.reset(roomId);
    const room = this.newLiveRoom(state, stored.kind, stored.meta, leasedAt);
    room.logSinceSnapshot = stored.entries.length;
    await this.reconcileSockets(room);
    if (this.stopped) return { kind: "unavailable" };
    this.rooms.set(roomId, room);
    this.rememberCode(state.code, roomId);
    // Results of rounds closed just before the previous owner died.
    for (const index of stored.unscoredRounds) {
      const summary = state.history[index];
      if (summary) this.writeResults(room, index, summary.closedAt, resultsFromState(state, index), state);
    }
    const timer = pendingSchedule(room.state);
    if (timer && timer.kind === "schedule") this.arm(room, timer.at, timer.command);
    this.log(`took room ${roomId} at seq ${state.seq} (${state.phase}${state.round ? `, round ${state.round.index}` : ""})`);
    return { kind: "local", room };
  }

  /**
   * After a load: which of the seated players still have a socket in the room (on any
   * process)? Seats whose sockets died with the previous owner go offline, so the round can
   * close early again once everyone still here has answered.
   */
  private async reconcileSockets(room: LiveRoom): Promise<void> {
    const sockets = await this.io.in(roomChannel(room.id)).fetchSockets().catch(() => []);
    for (const socket of sockets) {
      const player = playerFromIdentity(socket.data.identity);
      if (player && seatOf(room.state, player.playerId)) this.attach(room, player.playerId, socket.id);
    }
    for (const seat of allSeats(room.state)) {
      if (seat.connected && !room.sockets.has(seat.playerId)) void this.execute(room, { type: "leave", playerId: seat.playerId });
    }
  }

  private async onForwarded(body: unknown): Promise<RoomReply> {
    const { roomId, request } = (body ?? {}) as { roomId?: unknown; request?: RoomRequest };
    if (typeof roomId !== "string" || !request || this.stopped) return refused("not_owner");
    const route = await this.route(roomId);
    if (route.kind !== "local") return refused(route.kind === "missing" ? "room_not_found" : "not_owner");
    return this.apply(route.room, request);
  }

  // -------------------------------------------------------------------------
  // Applying requests (owner only)

  private async apply(room: LiveRoom, request: RoomRequest): Promise<RoomReply> {
    switch (request.kind) {
      case "command": {
        const command = request.command;
        const seating = command.type === "join" || command.type === "rejoin";
        // A group's room: a new seat only for a signed-in member of the group (guests and others: refused).
        if (command.type === "join" && room.meta.groupId && !seatOf(room.state, command.playerId)) {
          const userId = userIdOf(command.playerId);
          if (!userId || !(await isGroupMember(this.db, room.meta.groupId, userId))) return refused("not_in_group");
          if (room.evicted) return refused("not_owner");
        }
        if (seating && request.socketId) this.attach(room, command.playerId, request.socketId);
        const reply = await this.execute(room, command);
        if (seating && request.socketId && !reply.ok) this.detach(room, command.playerId, request.socketId);
        if (!seating || !reply.ok) return reply;
        if (room.state.phase === "finished") this.sendReviews(room, [command.playerId]);
        return { ok: true, data: { ...(reply.data as object), playerId: command.playerId } };
      }
      case "detach": {
        this.detach(room, request.playerId, request.socketId);
        if (room.sockets.has(request.playerId)) return ok();
        return this.execute(room, { type: "leave", playerId: request.playerId });
      }
      case "rematch":
        return this.rematchRoom(room, request.playerId);
    }
  }

  /** One transition: applied in memory now, its effects run once its log entry is stored. */
  private execute(room: LiveRoom, command: Command): Promise<RoomReply> {
    if (room.evicted) return Promise.resolve(refused("not_owner"));
    const prev = room.state;
    const now = this.clock();
    const transition = applyCommand(prev, command, now);
    room.state = transition.state;
    return this.runEffects(room, prev, transition.effects, command, now);
  }

  private runEffects(room: LiveRoom, prev: RoomState, effects: Effect[], command: Command, now: number): Promise<RoomReply> {
    const next = room.state;
    let reply: RoomReply | null = null;
    let op: WriteOp | null = null;
    const outbound: Effect[] = [];
    const results: Extract<Effect, { kind: "persistResults" }>[] = [];
    for (const effect of effects) {
      switch (effect.kind) {
        case "persistRoom":
          op = commandOp(prev, next, command, now);
          break;
        case "persistSeat":
          op = seatOp(prev, next, effect.delta);
          break;
        case "persistAnswer":
          op = answerOp(effect.roomId, effect.delta);
          break;
        case "persistResults":
          results.push(effect);
          break;
        case "ack":
          reply = effect.result;
          break;
        case "schedule":
          this.arm(room, effect.at, effect.command);
          break;
        case "cancelSchedule":
          this.disarm(room);
          break;
        default:
          outbound.push(effect);
      }
    }
    if (!op) {
      this.deliver(room, outbound);
      return Promise.resolve(reply ?? ok());
    }
    room.logSinceSnapshot += 1;
    if (op.snapshot) {
      // Small rooms keep a few rounds of log rather than rewrite their snapshot every round.
      if (next.phase === "finished" || room.logSinceSnapshot >= SNAPSHOT_AFTER_ENTRIES) room.logSinceSnapshot = 0;
      else delete op.snapshot;
    }
    if (command.type === "join" && !seatOf(prev, command.playerId) && seatOf(next, command.playerId)) this.noteNickname(room, next, command.playerId);
    if (this.revealsEarly(room, command, op, now)) {
      // Everything this reveal shows is already in the log once the room's earlier entries
      // are: it goes out then, not behind this entry's group commit (shared with every other
      // room). Should this entry be lost, a takeover replays the log up to the open round and
      // its timer closes it again with the same answers: the same reveal.
      const earlier = this.writer.stored(room.id);
      const written = this.writer.write(op);
      earlier.then(
        () => {
          if (!room.evicted) this.deliver(room, outbound);
        },
        () => {},
      );
      return written.then(
        () => {
          for (const r of results) this.writeResults(room, r.round, next.history[r.round]?.closedAt ?? now, r.results, next);
          return reply ?? ok();
        },
        (error: unknown) => {
          this.fail(room, error);
          return refused("internal");
        },
      );
    }
    return this.writer.write(op).then(
      () => {
        this.deliver(room, outbound);
        for (const r of results) this.writeResults(room, r.round, next.history[r.round]?.closedAt ?? now, r.results, next);
        if (next.phase === "finished" && prev.phase !== "finished") this.sendReviews(room, null);
        return reply ?? ok();
      },
      (error: unknown) => {
        this.fail(room, error);
        return refused("internal");
      },
    );
  }

  /**
   * A round closed by its timer adds nothing durable beside its own log entry (no seat,
   * round, answer or phase row; the podium's FINISHED does): its reveal and personal results
   * may go out before that entry commits, while our lease surely holds (no other process can
   * be running the room and reveal something else).
   */
  private revealsEarly(room: LiveRoom, command: Command, op: WriteOp, now: number): boolean {
    return (
      command.type === "timer" &&
      command.timer.name === "round:close" &&
      !op.players && !op.round && !op.answer && !op.phase &&
      now < room.leaseUntil
    );
  }

  private fail(room: LiveRoom, error: unknown): void {
    if (room.evicted) return;
    this.log(`room ${room.id}: write failed, unloading it (${error instanceof RoomTakenOver ? "taken over" : String(error)})`);
    this.unload(room);
    // Our own database hiccup: reload (from what was committed) so its timer runs again.
    if (!(error instanceof RoomTakenOver) && !this.stopped) setTimeout(() => void this.route(room.id), 1_000).unref();
  }

  // -------------------------------------------------------------------------
  // Rematch

  private async rematchRoom(room: LiveRoom, playerId: string): Promise<RoomReply> {
    // A rematch of a weak-topic duel replays its topics as a plain duel (its "before" mastery is the old game's).
    const { weakDuel: _weakDuel, ...meta } = room.meta;
    const fresh = await loadBankQuestions(this.db, room.meta.bankSlug, room.meta.topicIds).catch(() => null);
    const questions: RoomQuestionInput[] | undefined = fresh && fresh.questions.length >= room.state.config.questionCount ? fresh.questions : undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const old = room.state;
      const result = rematch(old, { byPlayerId: playerId, roomId: randomUUID(), code: newRoomCode(), seed: newSeed(), ...(questions ? { questions } : {}) }, this.clock());
      if (!result.ok) return refused(result.code, result.message);
      const leasedAt = this.clock();
      try {
        await insertRoom(this.db, { state: result.state, kind: room.kind, meta, nodeId: this.nodeId, leaseMs: this.leaseMs });
      } catch (error) {
        if (error instanceof RoomCodeTaken) continue;
        throw error;
      }
      const next = this.adopt(result.state, room.kind, meta, leasedAt);
      this.rememberCode(next.state.code, next.id);
      // Everyone's sockets follow to the new room, on whichever process they are.
      for (const [pid, socketIds] of room.sockets) {
        if (!seatOf(next.state, pid)) continue;
        for (const socketId of socketIds) this.attach(next, pid, socketId);
        this.io.in(socketIds).socketsJoin(roomChannel(next.id));
      }
      for (const effect of result.effects) {
        if (effect.kind === "schedule") this.arm(next, effect.at, effect.command);
        else if (effect.kind === "broadcast" || effect.kind === "send" || effect.kind === "progress") this.deliver(effect.roomId === room.id ? room : next, [effect]);
      }
      return ok({ roomId: next.id, code: next.state.code });
    }
    return refused("internal", "no free room code");
  }

  // -------------------------------------------------------------------------
  // Rooms in memory

  private newLiveRoom(state: RoomState, kind: RoomKind, meta: RoomMeta, leasedAt: number): LiveRoom {
    return {
      id: state.roomId,
      leaseUntil: leasedAt + this.leaseMs,
      state,
      kind,
      meta,
      timer: null,
      sockets: new Map(),
      recentNicknames: [],
      progress: { all: newThrottle(), host: newThrottle() },
      review: null,
      evicted: false,
      idleSince: this.clock(),
      finishedSeenAt: null,
      logSinceSnapshot: 0,
    };
  }

  private adopt(state: RoomState, kind: RoomKind, meta: RoomMeta, leasedAt: number): LiveRoom {
    const room = this.newLiveRoom(state, kind, meta, leasedAt);
    this.rooms.set(room.id, room);
    return room;
  }

  private unload(room: LiveRoom): void {
    room.evicted = true;
    this.disarm(room);
    stopThrottle(room.progress.all);
    stopThrottle(room.progress.host);
    if (this.rooms.get(room.id) === room) this.rooms.delete(room.id);
  }

  private attach(room: LiveRoom, playerId: string, socketId: string): void {
    const list = room.sockets.get(playerId);
    if (!list) room.sockets.set(playerId, [socketId]);
    else if (!list.includes(socketId)) list.push(socketId);
    room.idleSince = null;
  }

  private detach(room: LiveRoom, playerId: string, socketId: string): void {
    const list = room.sockets.get(playerId);
    if (!list) return;
    const rest = list.filter((id) => id !== socketId);
    if (rest.length > 0) room.sockets.set(playerId, rest);
    else room.sockets.delete(playerId);
    if (room.sockets.size === 0) room.idleSince = this.clock();
  }

  private noteNickname(room: LiveRoom, state: RoomState, playerId: string): void {
    const seat = seatOf(state, playerId);
    if (!seat) return;
    room.recentNicknames.unshift(seat.nickname);
    if (room.recentNicknames.length > LOBBY_NICKNAMES) room.recentNicknames.length = LOBBY_NICKNAMES;
  }

  private rememberCode(code: string, roomId: string): void {
    if (this.codes.size >= MAX_CODE_CACHE) this.codes.clear();
    this.codes.set(code, roomId);
  }

  // -------------------------------------------------------------------------
  // Timers

  private arm(room: LiveRoom, at: number, command: TimerCommand): void {
    this.disarm(room);
    if (room.evicted) return;
    room.timer = setTimeout(() => {
      room.timer = null;
      if (!room.evicted) void this.execute(room, command);
    }, Math.max(0, at - this.clock()));
  }

  private disarm(room: LiveRoom): void {
    if (room.timer) clearTimeout(room.timer);
    room.timer = null;
  }

  // -------------------------------------------------------------------------
  // Fan-out

  private deliver(room: LiveRoom, effects: Effect[]): void {
    // Anything held back from this room's last batch goes first: each socket sees the room's order.
    this.fanout.releaseHeld(room.id);
    const personal: Delivery[] = [];
    let broadcasted = false;
    for (const effect of effects) {
      if (effect.kind === "broadcast") {
        if (personal.length > 0) this.fanout.personal(personal.splice(0));
        this.fanout.broadcast(effect.roomId, effect.event, effect.payload);
        broadcasted = true;
      } else if (effect.kind === "send") {
        const socketIds = room.sockets.get(effect.playerId);
        if (socketIds) personal.push({ socketIds, event: effect.event, payload: effect.payload });
      } else if (effect.kind === "progress") {
        this.scheduleProgress(room);
      }
    }
    // A reveal's personal results go after the broadcasts of this tick, a slice per turn (fanout.ts).
    if (broadcasted) this.fanout.personalAfterBroadcasts(room.id, personal);
    else this.fanout.personal(personal);
  }

  /**
   * Aggregated counters, never one message per join or answer. While a question is open
   * they go to the host's screen only (up to 4 a second; players see their own answer, and
   * the reveal carries the counts), except in rooms of up to 10 seats (duels: "your opponent
   * answered", up to 4 a second); otherwise to the whole room at most once a second, and
   * every `seats` ms above 1,000 seats: a room costs at most ~1,000 counter messages a
   * second whatever its size, and a player at most one.
   */
  private scheduleProgress(room: LiveRoom): void {
    if (room.evicted) return;
    const seats = room.state.counts.seats;
    if (seats <= SMALL_ROOM || room.state.phase !== "question") {
      throttle(room.progress.all, seats <= SMALL_ROOM ? 250 : Math.max(1_000, seats), () => {
        const phase = room.state.phase;
        // Scheduled before a question opened: by now it is the host's alone.
        if (phase === "question" && room.state.counts.seats > SMALL_ROOM) return;
        // In the lobby, room:lobby carries the count: one message, not two.
        if (phase === "lobby") this.fanout.broadcast(room.id, "room:lobby", this.lobbyOf(room));
        else this.fanout.broadcast(room.id, "room:progress", progressSnapshot(room.state));
      });
    }
    if (seats <= SMALL_ROOM) return;
    throttle(room.progress.host, 250, () => {
      const socketIds = room.sockets.get(room.state.hostId);
      if (!socketIds) return;
      const lobby = room.state.phase === "lobby";
      this.fanout.personal([{ socketIds, event: lobby ? "room:lobby" : "room:progress", payload: lobby ? this.lobbyOf(room) : progressSnapshot(room.state) }]);
    });
  }

  private lobbyOf(room: LiveRoom): LobbyPayload {
    const state = room.state;
    return { roomId: room.id, code: state.code, players: state.counts.players, nicknames: room.recentNicknames.slice(), hostNickname: seatOf(state, state.hostId)?.nickname ?? "" };
  }

  private sendReviews(room: LiveRoom, playerIds: string[] | null): void {
    const state = room.state;
    room.review ??= this.background(() => loadReviewMaterial(this.db, state.questions.map((q) => q.id)));
    const work = room.review.then((material) => {
      const items: Delivery[] = [];
      for (const playerId of playerIds ?? allSeats(state).filter((s) => s.connected).map((s) => s.playerId)) {
        const payload = reviewPayload(state, playerId, material);
        const socketIds = room.sockets.get(playerId);
        if (payload && socketIds) items.push({ socketIds, event: "room:review", payload });
      }
      this.fanout.personal(items);
    });
    this.track(work.catch((error: unknown) => this.log(`review of ${room.id}: ${String(error)}`)));
  }

  // -------------------------------------------------------------------------
  // Results (after the reveal is durable, off the reveal's path)

  private writeResults(room: LiveRoom, round: number, closedAt: number, results: RoundResult[], state: RoomState): void {
    const totals = results.map((r) => {
      const seat = seatOf(state, r.playerId);
      return { playerKey: r.playerId, score: seat?.score ?? 0, streak: seat?.streak ?? 0 };
    });
    const work = this.background(() => writeRoundResults(this.db, { roomId: room.id, round, closedAt, results, totals })).then(
      () => this.mastery.kick(),
      // RoomRound.closedAt stays NULL: the next load of the room writes them again.
      (error: unknown) => this.log(`results of ${room.id} round ${round}: ${String(error)}`),
    );
    this.track(work);
  }

  // -------------------------------------------------------------------------
  // Leases and takeover

  private async renew(): Promise<void> {
    if (this.stopped) return;
    const expired = Date.now();
    for (const [roomId, remote] of this.remoteRoutes) if (remote.until <= expired) this.remoteRoutes.delete(roomId);
    const ids = [...this.rooms.keys()];
    const askedAt = this.clock();
    let owned: Set<string>;
    try {
      owned = await renewLeases(this.db, ids, this.nodeId, this.leaseMs);
    } catch (error) {
      this.log(`lease renewal: ${String(error)}`);
      return;
    }
    const now = this.clock();
    const release: string[] = [];
    for (const id of ids) {
      const room = this.rooms.get(id);
      if (!room) continue;
      if (!owned.has(id)) {
        this.log(`lost room ${id} to another process`);
        this.unload(room);
        continue;
      }
      room.leaseUntil = askedAt + this.leaseMs;
      if (room.state.phase === "finished") room.finishedSeenAt ??= now;
      const finishedLong = room.finishedSeenAt !== null && now - room.finishedSeenAt > this.finishedTtlMs;
      const idleLong = room.idleSince !== null && now - room.idleSince > this.idleTtlMs && room.state.phase !== "question" && room.state.phase !== "countdown";
      if (finishedLong || idleLong) {
        this.unload(room);
        release.push(id);
      }
    }
    if (release.length > 0) await releaseRooms(this.db, release, this.nodeId).catch(() => {});
  }

  private async takeOver(): Promise<void> {
    if (this.stopped) return;
    let ids: string[];
    try {
      ids = await orphanedRooms(this.db, 20);
    } catch (error) {
      this.log(`takeover scan: ${String(error)}`);
      return;
    }
    // Their leases expired: an owner remembered from a forwarded request must not delay the claim.
    for (const id of ids) this.remoteRoutes.delete(id);
    await Promise.all(ids.filter((id) => !this.rooms.has(id)).map((id) => this.route(id)));
  }

  /**
   * Database work off the game's path (round results, review material) runs two at a time:
   * 250 rooms closing a round together must not take every pooled connection from the room
   * log, whose commits the reveals and acks wait for.
   */
  private background<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.backgroundQueue.push(() => task().then(resolve, reject));
      this.pumpBackground();
    });
  }

  private pumpBackground(): void {
    while (this.backgroundRunning < BACKGROUND_CONCURRENCY) {
      const next = this.backgroundQueue.shift();
      if (!next) return;
      this.backgroundRunning += 1;
      void next().finally(() => {
        this.backgroundRunning -= 1;
        this.pumpBackground();
      });
    }
  }

  private track(work: Promise<unknown>): void {
    this.pendingWork.add(work);
    void work.finally(() => this.pendingWork.delete(work));
  }
}
