// Room transitions: applyCommand(state, command, now) → { state, effects }. Pure: no clock,
// no randomness (shuffles use the seed in the state), no I/O, inputs never mutated; a
// refused or no-op command returns the very same state object.
//
//   lobby ──start (host; or autoStart when every seat is taken)──▶ countdown
//   countdown ──timer round:open──▶ question          (countdownMs = 0: straight to question)
//   question ──timer round:close (deadline+grace, or "now" once every connected player answered)
//            ──skip (host)──▶ reveal
//   reveal ──next (host) / timer round:next (autoAdvanceMs)──▶ countdown (next round) │ finished (after the last)
//   any but finished ──end (host)──▶ finished
//   finished ──rematch()──▶ a new room in lobby (same seats and config, new seed)
//
// Every state-changing transition bumps `seq` and emits exactly one room-log effect:
// `persistRoom` (write the whole snapshot) for phase changes, or an O(1) `persistSeat` /
// `persistAnswer` delta for joins, leaves, rejoins and answers (see restore.ts). The round
// lifecycle (open, close + score, advance, finish) lives in rounds.ts.
import { cleanNickname, isValidPlayerId, prepareQuestions, questionInputs, resolveConfig } from "./config";
import { answeredRound, beginRound, canStart, closeRound, finish, advance, limitMs, maybeCloseEarly, openRound, type Step, GRACE_MS } from "./rounds";
import { choiceProblem, clampResponseMs } from "./scoring";
import { emptyShardMap, smGet, smSet, smValues } from "./shard-map";
import type {
  AckResult,
  AnswerAckData,
  AnswerRecord,
  Command,
  Effect,
  PlayerCommand,
  RefusalCode,
  RoomConfigInput,
  RoomPatch,
  RoomQuestionInput,
  RoomState,
  Seat,
  Timer,
  TimerCommand,
  Transition,
} from "./types";
import { ENGINE_VERSION } from "./types";
import { playerView } from "./views";

export { GRACE_MS };

// ---------------------------------------------------------------------------
// Creation

export interface CreateRoomInput {
  roomId: string;
  /** From roomCodeFromBytes (room-code.ts). */
  code: string;
  /** uint32 from a crypto source; drives every shuffle of this room. */
  seed: number;
  config: RoomConfigInput;
  questions: RoomQuestionInput[];
  /** The host (a duel's challenger). `connected` defaults to true. */
  host: { playerId: string; nickname: string; isGuest: boolean; connected?: boolean };
  rematchOf?: string | null;
}

export type CreateResult = ({ ok: true } & Transition) | { ok: false; code: "invalid_config"; message: string };

function isSeed(seed: unknown): seed is number {
  return typeof seed === "number" && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff;
}

function newSeat(p: { playerId: string; nickname: string; isGuest: boolean }, opts: { isHost: boolean; plays: boolean; connected: boolean; now: number }): Seat {
  return {
    playerId: p.playerId,
    nickname: p.nickname,
    isHost: opts.isHost,
    isGuest: p.isGuest,
    plays: opts.plays,
    connected: opts.connected,
    joinedAt: opts.now,
    score: 0,
    streak: 0,
    bestStreak: 0,
    correctCount: 0,
    totalResponseMs: 0,
    rank: null,
    answers: [],
  };
}

export function createRoom(input: CreateRoomInput, now: number): CreateResult {
  const invalid = (message: string): CreateResult => ({ ok: false, code: "invalid_config", message });
  if (typeof input.roomId !== "string" || input.roomId.length === 0) return invalid("roomId is required");
  if (typeof input.code !== "string" || input.code.length === 0) return invalid("code is required");
  if (!isSeed(input.seed)) return invalid("seed must be a uint32");
  const config = resolveConfig(input.config);
  if (!config.ok) return invalid(config.message);
  const questions = prepareQuestions(input.questions, config.value, input.seed);
  if (!questions.ok) return invalid(questions.message);
  if (!isValidPlayerId(input.host.playerId)) return invalid("invalid host playerId");
  const nickname = cleanNickname(input.host.nickname);
  if (nickname === null) return invalid("invalid host nickname");

  const connected = input.host.connected ?? true;
  const plays = config.value.hostPlays;
  const host = newSeat({ ...input.host, nickname }, { isHost: true, plays, connected, now });
  const state: RoomState = {
    v: ENGINE_VERSION,
    roomId: input.roomId,
    code: input.code,
    seq: 1,
    createdAt: now,
    seed: input.seed,
    rematchOf: input.rematchOf ?? null,
    config: config.value,
    questions: questions.value,
    phase: "lobby",
    hostId: host.playerId,
    seats: smSet(emptyShardMap<Seat>(), host.playerId, host),
    counts: { seats: 1, players: plays ? 1 : 0, connected: plays && connected ? 1 : 0 },
    round: null,
    timer: null,
    history: [],
    top: [],
    finishedAt: null,
    finishReason: null,
  };
  return { ok: true, state, effects: [{ kind: "persistRoom", roomId: state.roomId, seq: state.seq }] };
}

export interface RematchInput {
  /** Who asks: must be the finished room's host. */
  byPlayerId: string;
  roomId: string;
  code: string;
  seed: number;
  /** Default: the same questions, reshuffled with the new seed. */
  questions?: RoomQuestionInput[];
}

export type RematchResult = ({ ok: true } & Transition) | { ok: false; code: RefusalCode | "invalid_config"; message?: string };

/**
 * A new room (new id, code and seed) from a finished one: same config, same seats
 * (connected flags kept), scores reset, in the lobby; a room with autoStart and every
 * seat taken starts at once. Effects: `room:rematch` broadcast to the OLD room first,
 * then the new room's effects.
 */
export function rematch(state: RoomState, input: RematchInput, now: number): RematchResult {
  const requester = smGet(state.seats, input.byPlayerId);
  if (!requester) return { ok: false, code: "not_in_room" };
  if (!requester.isHost) return { ok: false, code: "not_host" };
  if (state.phase !== "finished") return { ok: false, code: "wrong_phase" };
  const host = smGet(state.seats, state.hostId);
  if (!host) return { ok: false, code: "not_in_room" };
  const created = createRoom(
    {
      roomId: input.roomId,
      code: input.code,
      seed: input.seed,
      config: state.config,
      questions: input.questions ?? questionInputs(state.questions),
      host: { playerId: host.playerId, nickname: host.nickname, isGuest: host.isGuest, connected: host.connected },
      rematchOf: state.roomId,
    },
    now,
  );
  if (!created.ok) return created;
  let seats = created.state.seats;
  const counts = { ...created.state.counts };
  for (const seat of smValues(state.seats)) {
    if (seat.playerId === host.playerId) continue;
    seats = smSet(seats, seat.playerId, newSeat(seat, { isHost: false, plays: true, connected: seat.connected, now }));
    counts.seats += 1;
    counts.players += 1;
    if (seat.connected) counts.connected += 1;
  }
  let next: RoomState = { ...created.state, seats, counts };
  const effects: Effect[] = [
    { kind: "broadcast", roomId: state.roomId, event: "room:rematch", payload: { roomId: next.roomId, code: next.code } },
  ];
  if (next.config.autoStart && next.counts.seats >= next.config.maxSeats && canStart(next)) {
    const started = beginRound(next, 0, now);
    next = started.state;
    effects.push(...started.effects);
  }
  effects.push({ kind: "persistRoom", roomId: next.roomId, seq: next.seq });
  if (next.timer) effects.push(scheduleEffect(next.roomId, next.timer));
  return { ok: true, state: next, effects: orderEffects(effects) };
}

// ---------------------------------------------------------------------------
// Helpers


type LogSpec = { type: "seat"; playerId: string } | { type: "answer"; playerId: string } | null;

const EFFECT_ORDER: Record<Effect["kind"], number> = {
  persistRoom: 0,
  persistSeat: 0,
  persistAnswer: 0,
  persistResults: 0,
  ack: 1,
  broadcast: 2,
  send: 3,
  progress: 4,
  schedule: 5,
  cancelSchedule: 5,
};

/** Persist first, then the reply, then the fan-out, then timers (stable within a kind). */
function orderEffects(effects: Effect[]): Effect[] {
  return effects
    .map((effect, i) => ({ effect, i }))
    .sort((a, b) => EFFECT_ORDER[a.effect.kind] - EFFECT_ORDER[b.effect.kind] || a.i - b.i)
    .map((x) => x.effect);
}

function sameTimer(a: Timer | null, b: Timer | null): boolean {
  return a === b || (!!a && !!b && a.name === b.name && a.round === b.round && a.at === b.at);
}

function scheduleEffect(roomId: string, timer: Timer): Effect {
  const command: TimerCommand = { type: "timer", timer: { ...timer } };
  return { kind: "schedule", roomId, at: timer.at, command };
}

export function roomPatch(state: RoomState): RoomPatch {
  return { seq: state.seq, round: state.round, timer: state.timer, counts: state.counts };
}

function commit(prev: RoomState, step: Step, log: LogSpec): Transition {
  if (step.state === prev) return { state: prev, effects: orderEffects(step.effects) };
  const state: RoomState = { ...step.state, seq: prev.seq + 1 };
  const effects = step.effects.slice();
  const roomId = state.roomId;
  const seat = log ? smGet(state.seats, log.playerId) : undefined;
  if (step.snapshot || !log || !seat) {
    effects.push({ kind: "persistRoom", roomId, seq: state.seq });
  } else if (log.type === "seat") {
    effects.push({ kind: "persistSeat", roomId, delta: { type: "seat", seq: state.seq, seat, room: roomPatch(state) } });
  } else {
    const answer = seat.answers[seat.answers.length - 1] as AnswerRecord;
    effects.push({
      kind: "persistAnswer",
      roomId,
      delta: { type: "answer", seq: state.seq, playerId: seat.playerId, answer, room: roomPatch(state) },
    });
  }
  if (!sameTimer(prev.timer, state.timer)) {
    effects.push(state.timer ? scheduleEffect(roomId, state.timer) : { kind: "cancelSchedule", roomId });
  }
  return { state, effects: orderEffects(effects) };
}

function ack(state: RoomState, command: PlayerCommand, result: AckResult): Effect {
  return { kind: "ack", roomId: state.roomId, playerId: command.playerId, command: command.type, result };
}

function refuse(state: RoomState, command: PlayerCommand, code: RefusalCode): Transition {
  return { state, effects: [ack(state, command, { ok: false, code })] };
}


// ---------------------------------------------------------------------------
// Commands

function onJoin(state: RoomState, command: Extract<PlayerCommand, { type: "join" }>, now: number): Transition {
  if (smGet(state.seats, command.playerId)) return onRejoin(state, command, now);
  if (state.phase !== "lobby") return refuse(state, command, "wrong_phase");
  const nickname = cleanNickname(command.nickname);
  if (nickname === null || typeof command.isGuest !== "boolean") return refuse(state, command, "invalid_player");
  if (state.counts.seats >= state.config.maxSeats) return refuse(state, command, "room_full");
  const seat = newSeat({ playerId: command.playerId, nickname, isGuest: command.isGuest }, { isHost: false, plays: true, connected: true, now });
  let next: RoomState = {
    ...state,
    seats: smSet(state.seats, seat.playerId, seat),
    counts: { seats: state.counts.seats + 1, players: state.counts.players + 1, connected: state.counts.connected + 1 },
  };
  const effects: Effect[] = [{ kind: "progress", roomId: state.roomId }];
  let snapshot = false;
  if (next.config.autoStart && next.counts.seats >= next.config.maxSeats && canStart(next)) {
    const started = beginRound(next, 0, now);
    next = started.state;
    effects.push(...started.effects);
    snapshot = true;
  }
  effects.push(ack(state, command, { ok: true, data: playerView(next, command.playerId, now) }));
  return commit(state, { state: next, effects, snapshot }, { type: "seat", playerId: command.playerId });
}

function onRejoin(state: RoomState, command: PlayerCommand, now: number): Transition {
  const seat = smGet(state.seats, command.playerId);
  if (!seat) return refuse(state, command, "not_in_room");
  if (seat.connected) return { state, effects: [ack(state, command, { ok: true, data: playerView(state, seat.playerId, now) })] };
  let next: RoomState = { ...state, seats: smSet(state.seats, seat.playerId, { ...seat, connected: true }) };
  if (seat.plays) {
    next = { ...next, counts: { ...next.counts, connected: next.counts.connected + 1 } };
    const round = next.round;
    if (next.phase === "question" && round && !answeredRound(seat, round.index)) {
      next = { ...next, round: { ...round, pendingConnected: round.pendingConnected + 1 } };
      // An early close was pending because everyone connected had answered: not any more.
      if (next.timer && next.timer.name === "round:close" && next.timer.at < round.closesAt) {
        next = { ...next, timer: { name: "round:close", round: round.index, at: round.closesAt } };
      }
    }
  }
  const effects: Effect[] = [
    { kind: "progress", roomId: state.roomId },
    ack(state, command, { ok: true, data: playerView(next, seat.playerId, now) }),
  ];
  return commit(state, { state: next, effects, snapshot: false }, { type: "seat", playerId: seat.playerId });
}

function onLeave(state: RoomState, command: PlayerCommand, now: number): Transition {
  const seat = smGet(state.seats, command.playerId);
  if (!seat) return refuse(state, command, "not_in_room");
  if (!seat.connected) return { state, effects: [ack(state, command, { ok: true, data: null })] };
  let next: RoomState = { ...state, seats: smSet(state.seats, seat.playerId, { ...seat, connected: false }) };
  if (seat.plays) {
    next = { ...next, counts: { ...next.counts, connected: next.counts.connected - 1 } };
    const round = next.round;
    if (next.phase === "question" && round && !answeredRound(seat, round.index)) {
      next = { ...next, round: { ...round, pendingConnected: round.pendingConnected - 1 } };
    }
    next = maybeCloseEarly(next, now);
  }
  const effects: Effect[] = [{ kind: "progress", roomId: state.roomId }, ack(state, command, { ok: true, data: null })];
  return commit(state, { state: next, effects, snapshot: false }, { type: "seat", playerId: seat.playerId });
}

function onAnswer(state: RoomState, command: Extract<PlayerCommand, { type: "answer" }>, now: number): Transition {
  const seat = smGet(state.seats, command.playerId);
  if (!seat) return refuse(state, command, "not_in_room");
  if (!seat.plays) return refuse(state, command, "not_playing");
  const round = state.round;
  if (state.phase === "finished") return refuse(state, command, "too_late");
  if (!round || state.phase === "lobby" || !Number.isInteger(command.round)) return refuse(state, command, "round_not_open");
  if (command.round < round.index) return refuse(state, command, "too_late");
  if (command.round > round.index || state.phase === "countdown" || now < round.startsAt) return refuse(state, command, "round_not_open");
  if (state.phase === "reveal" || now > round.closesAt) return refuse(state, command, "too_late");
  if (answeredRound(seat, round.index)) return refuse(state, command, "duplicate");
  const question = state.questions[round.index];
  if (!question || choiceProblem(question, command.choiceIds) !== null) return refuse(state, command, "invalid_choice");

  const record: AnswerRecord = {
    round: round.index,
    questionId: question.id,
    choiceIds: command.choiceIds.slice(),
    answeredAt: now,
    responseMs: clampResponseMs(now - round.startsAt, limitMs(state)),
    correct: null,
    points: null,
  };
  let next: RoomState = {
    ...state,
    seats: smSet(state.seats, seat.playerId, { ...seat, answers: [...seat.answers, record] }),
    round: {
      ...round,
      answeredCount: round.answeredCount + 1,
      pendingConnected: seat.connected ? round.pendingConnected - 1 : round.pendingConnected,
    },
  };
  next = maybeCloseEarly(next, now);
  const data: AnswerAckData = {
    round: record.round,
    questionId: record.questionId,
    choiceIds: record.choiceIds.slice(),
    answeredAt: record.answeredAt,
    responseMs: record.responseMs,
  };
  const effects: Effect[] = [{ kind: "progress", roomId: state.roomId }, ack(state, command, { ok: true, data })];
  return commit(state, { state: next, effects, snapshot: false }, { type: "answer", playerId: seat.playerId });
}

type HostCommand = Extract<PlayerCommand, { type: "start" | "skip" | "next" | "end" }>;

function onHostCommand(state: RoomState, command: HostCommand, now: number): Transition {
  const seat = smGet(state.seats, command.playerId);
  if (!seat) return refuse(state, command, "not_in_room");
  if (!seat.isHost || seat.playerId !== state.hostId) return refuse(state, command, "not_host");
  let step: Step;
  switch (command.type) {
    case "start":
      if (state.phase !== "lobby") return refuse(state, command, "wrong_phase");
      if (!canStart(state)) return refuse(state, command, "not_enough_players");
      step = beginRound(state, 0, now);
      break;
    case "skip":
      if (state.phase !== "question") return refuse(state, command, "wrong_phase");
      step = closeRound(state, now, "skipped", true);
      break;
    case "next":
      if (state.phase !== "reveal") return refuse(state, command, "wrong_phase");
      step = advance(state, now);
      break;
    case "end":
      if (state.phase === "finished") return refuse(state, command, "wrong_phase");
      step = finish(state, now, "ended");
      break;
  }
  step.effects.push(ack(state, command, { ok: true, data: null }));
  return commit(state, step, null);
}

function onTimer(state: RoomState, command: TimerCommand, now: number): Transition {
  const fired = command.timer;
  const pending = state.timer;
  // Stale (superseded, or from before a takeover) timers are ignored.
  if (!pending || !fired || !sameTimer(pending, fired)) return { state, effects: [] };
  // Early (clock skew between processes): re-arm, change nothing.
  if (now < pending.at) return { state, effects: [scheduleEffect(state.roomId, pending)] };
  const round = state.round;
  let step: Step;
  if (pending.name === "round:open" && state.phase === "countdown") {
    step = openRound(state, now);
  } else if (pending.name === "round:close" && state.phase === "question" && round) {
    step = closeRound(state, now, pending.at < round.closesAt ? "all_answered" : "deadline", true);
  } else if (pending.name === "round:next" && state.phase === "reveal") {
    step = advance(state, now);
  } else {
    return { state, effects: [] };
  }
  return commit(state, step, null);
}

/**
 * The one transition function. `command` comes either from a player (validated by the
 * socket layer; `playerId` from the authenticated socket, never from the payload) or from
 * the room's timer (exactly the `command` of a `schedule` effect).
 */
export function applyCommand(state: RoomState, command: Command, now: number): Transition {
  if (command.type === "timer") return onTimer(state, command, now);
  if (!isValidPlayerId(command.playerId)) return refuse(state, command, "invalid_player");
  switch (command.type) {
    case "join":
      return onJoin(state, command, now);
    case "rejoin":
      return onRejoin(state, command, now);
    case "leave":
      return onLeave(state, command, now);
    case "answer":
      return onAnswer(state, command, now);
    case "start":
    case "skip":
    case "next":
    case "end":
      return onHostCommand(state, command, now);
    default:
      return refuse(state, command, "invalid_player");
  }
}

/** After a takeover: the timer to arm (the `schedule` effect), or null. */
export function pendingSchedule(state: RoomState): Effect | null {
  return state.timer ? scheduleEffect(state.roomId, state.timer) : null;
}
