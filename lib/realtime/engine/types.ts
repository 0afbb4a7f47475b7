// The room engine's data: state, commands and effects. Everything here is plain JSON
// (no Date, Map, Set, class or undefined-valued field), so a room can be written to
// Redis/Postgres and continued by another process from JSON.parse(JSON.stringify(state)).
// Times are epoch milliseconds chosen by the caller (`now`); the engine never reads a clock.
import type { ShardMap } from "./shard-map";

export const ENGINE_VERSION = 1;

export type RoomMode = "duel" | "group";
export type QuestionType = "single" | "multiple" | "truefalse";
export type Phase = "lobby" | "countdown" | "question" | "reveal" | "finished";

// ---------------------------------------------------------------------------
// Configuration and questions (inputs)

export interface RoomConfigInput {
  mode: RoomMode;
  /** How many questions are played (the question list may hold more; a seeded shuffle picks). */
  questionCount: number;
  /** 5..120, whole seconds. */
  secondsPerQuestion: number;
  speedScoring: boolean;
  /** false: the host presents (does not answer, not ranked). A duel's host always plays. */
  hostPlays: boolean;
  /** "Get ready" before each question, 0..10000 ms. Default 3000; 0 opens the question at once. */
  countdownMs?: number;
  /** Reveal → next question automatically after this many ms; null: the host sends `next`. Default: duel 5000, group null. */
  autoAdvanceMs?: number | null;
  /** Seats including the host. Duel: always 2. Group: default 5000. */
  maxSeats?: number;
  /** Start as soon as every seat is taken (matchmade duels). Default false. */
  autoStart?: boolean;
  /** Seeded shuffles (default true). True/false choices are never shuffled. */
  shuffleQuestions?: boolean;
  shuffleChoices?: boolean;
}

/** The config as stored: every default applied. */
export interface RoomConfig {
  mode: RoomMode;
  questionCount: number;
  secondsPerQuestion: number;
  speedScoring: boolean;
  hostPlays: boolean;
  countdownMs: number;
  autoAdvanceMs: number | null;
  maxSeats: number;
  autoStart: boolean;
  shuffleQuestions: boolean;
  shuffleChoices: boolean;
}

/** Display text for a question; never carries correctness. Optional: the socket layer may attach text by question id instead. */
export interface QuestionContent {
  stem: string;
  choices: { id: string; text: string }[];
}

export interface RoomQuestionInput {
  id: string;
  type: QuestionType;
  choiceIds: string[];
  correctChoiceIds: string[];
  /** `multiple` only: how many choices an answer must have. Absent: any count from 1 to all. */
  choose?: number;
  content?: QuestionContent;
}

/** Server-only. Never sent as is: see views.ts `publicQuestion`. */
export interface RoomQuestion {
  id: string;
  type: QuestionType;
  /** Display order (after the seeded shuffle). */
  choiceIds: string[];
  correctChoiceIds: string[];
  choose: number | null;
  /** Choices in `choiceIds` order. */
  content: QuestionContent | null;
}

// ---------------------------------------------------------------------------
// State

export interface AnswerRecord {
  round: number;
  questionId: string;
  choiceIds: string[];
  answeredAt: number;
  /** Server-measured from the round's startsAt, clamped to [0, T]. */
  responseMs: number;
  /** null until the round is revealed. */
  correct: boolean | null;
  points: number | null;
}

export interface Seat {
  playerId: string;
  nickname: string;
  isHost: boolean;
  isGuest: boolean;
  /** false only for a presenting host (hostPlays = false). */
  plays: boolean;
  connected: boolean;
  joinedAt: number;
  score: number;
  streak: number;
  bestStreak: number;
  correctCount: number;
  /** Tie-break: sum over closed rounds of the response time, a missed round counting as the full T. */
  totalResponseMs: number;
  /** Rank (1-based) as of the last reveal/finish; null before the first one or for a presenter. */
  rank: number | null;
  /** One record per answered round, in round order. */
  answers: AnswerRecord[];
}

export type CloseReason = "deadline" | "all_answered" | "skipped" | "ended";

export interface RoundState {
  /** 0-based. */
  index: number;
  questionId: string;
  /** Countdown: the planned opening time. Question and later: when the question was actually released. */
  startsAt: number;
  /** startsAt + secondsPerQuestion × 1000: what clients count down to. */
  deadlineAt: number;
  /** deadlineAt + GRACE_MS: the last instant an answer is accepted. */
  closesAt: number;
  answeredCount: number;
  /** Connected playing seats that have not answered this round (early close at 0). */
  pendingConnected: number;
  closedAt: number | null;
  closeReason: CloseReason | null;
}

export interface DistributionEntry {
  choiceId: string;
  count: number;
}

export interface RoundSummary {
  index: number;
  questionId: string;
  startsAt: number;
  deadlineAt: number;
  closedAt: number;
  closeReason: CloseReason;
  answered: number;
  /** Playing seats that did not answer. */
  noAnswer: number;
  /** One entry per choice in display order: how many answers included it. */
  distribution: DistributionEntry[];
}

export interface LeaderboardEntry {
  rank: number;
  playerId: string;
  nickname: string;
  score: number;
  streak: number;
  correctCount: number;
  totalResponseMs: number;
}

export type TimerName = "round:open" | "round:close" | "round:next";

/** The one pending timer of a room. Fed back verbatim as a `timer` command. */
export interface Timer {
  name: TimerName;
  round: number;
  at: number;
}

export interface RoomCounts {
  seats: number;
  /** Seats that play (everyone but a presenting host). */
  players: number;
  /** Playing seats that are connected. */
  connected: number;
}

export type FinishReason = "completed" | "ended";

export interface RoomState {
  v: typeof ENGINE_VERSION;
  roomId: string;
  code: string;
  /** Bumped by every state-changing transition; persistence is ordered by it. */
  seq: number;
  createdAt: number;
  seed: number;
  rematchOf: string | null;
  config: RoomConfig;
  /** Play order. Server-only. */
  questions: RoomQuestion[];
  phase: Phase;
  hostId: string;
  seats: ShardMap<Seat>;
  counts: RoomCounts;
  round: RoundState | null;
  timer: Timer | null;
  history: RoundSummary[];
  /** Top 10 as of the last reveal/finish. */
  top: LeaderboardEntry[];
  finishedAt: number | null;
  finishReason: FinishReason | null;
}

// ---------------------------------------------------------------------------
// Commands

export type PlayerCommand =
  /** Take a seat (lobby only), or restore one's own seat in any phase (then it is a rejoin). */
  | { type: "join"; playerId: string; nickname: string; isGuest: boolean }
  /** Reconnect to an existing seat in any phase. */
  | { type: "rejoin"; playerId: string }
  /** Socket gone or the player left: the seat stays, marked disconnected. */
  | { type: "leave"; playerId: string }
  /** `round` is the 0-based round the client is answering (protects against answering the wrong question). */
  | { type: "answer"; playerId: string; round: number; choiceIds: string[] }
  | { type: "start"; playerId: string }
  /** Close the open round now. */
  | { type: "skip"; playerId: string }
  /** From reveal: next question (or the podium after the last). */
  | { type: "next"; playerId: string }
  | { type: "end"; playerId: string };

/** Issued only by the socket layer's timer, exactly as received in a `schedule` effect. Never from a client. */
export interface TimerCommand {
  type: "timer";
  timer: Timer;
}

export type Command = PlayerCommand | TimerCommand;
export type PlayerCommandType = PlayerCommand["type"];

export type RefusalCode =
  | "not_in_room"
  | "not_host"
  | "not_playing"
  | "wrong_phase"
  | "room_full"
  | "not_enough_players"
  | "invalid_player"
  | "round_not_open"
  | "too_late"
  | "duplicate"
  | "invalid_choice";

// ---------------------------------------------------------------------------
// Client-facing payloads (never contain correctness before the reveal)

export interface PublicQuestion {
  id: string;
  type: QuestionType;
  choiceIds: string[];
  /** multiple only, when fixed. */
  choose: number | null;
  content: QuestionContent | null;
}

export interface CountdownPayload {
  round: number;
  total: number;
  startsAt: number;
  serverNow: number;
}

export interface RoundStartPayload {
  round: number;
  total: number;
  question: PublicQuestion;
  startsAt: number;
  deadlineAt: number;
  serverNow: number;
}

export interface RevealPayload {
  round: number;
  total: number;
  questionId: string;
  correctChoiceIds: string[];
  distribution: DistributionEntry[];
  answered: number;
  noAnswer: number;
  closeReason: CloseReason;
  /** Top 10. */
  leaderboard: LeaderboardEntry[];
  isLast: boolean;
}

export interface FinishedPayload {
  reason: FinishReason;
  roundsPlayed: number;
  podium: LeaderboardEntry[];
  leaderboard: LeaderboardEntry[];
}

export interface RoundResultPayload {
  round: number;
  answered: boolean;
  correct: boolean;
  points: number;
  score: number;
  streak: number;
  rank: number;
  players: number;
}

export interface RoomResultPayload {
  rank: number;
  players: number;
  score: number;
  correctCount: number;
  bestStreak: number;
  roundsPlayed: number;
}

export interface AnswerAckData {
  round: number;
  questionId: string;
  choiceIds: string[];
  answeredAt: number;
  responseMs: number;
}

export interface ProgressSnapshot {
  roomId: string;
  phase: Phase;
  round: number | null;
  total: number;
  seats: number;
  players: number;
  connected: number;
  answered: number;
}

export type Broadcast =
  | { event: "round:countdown"; payload: CountdownPayload }
  | { event: "round:start"; payload: RoundStartPayload }
  | { event: "round:reveal"; payload: RevealPayload }
  | { event: "room:finished"; payload: FinishedPayload }
  | { event: "room:rematch"; payload: { roomId: string; code: string } };

export type PersonalMessage =
  | { event: "round:result"; payload: RoundResultPayload }
  | { event: "room:result"; payload: RoomResultPayload };

export type AckResult = { ok: true; data: unknown } | { ok: false; code: RefusalCode };

// ---------------------------------------------------------------------------
// Persistence log (room durability between snapshots)

/** The small, per-transition room fields a delta carries (O(1) in the room size). */
export type RoomPatch = Pick<RoomState, "seq" | "round" | "timer" | "counts">;

export type RoomDelta =
  | { type: "seat"; seq: number; seat: Seat; room: RoomPatch }
  | { type: "answer"; seq: number; playerId: string; answer: AnswerRecord; room: RoomPatch };

/** One line per playing seat for a closed round: the durable answer record (mastery, history). */
export interface RoundResult {
  playerId: string;
  choiceIds: string[] | null;
  answeredAt: number | null;
  responseMs: number | null;
  correct: boolean;
  points: number;
}

// ---------------------------------------------------------------------------
// Effects: what the socket layer must do, in array order.

export type Effect =
  /** Write result.state as the room snapshot (idempotent by seq; later deltas build on it). */
  | { kind: "persistRoom"; roomId: string; seq: number }
  /** Append to the room log (seat joined/left/rejoined). */
  | { kind: "persistSeat"; roomId: string; delta: Extract<RoomDelta, { type: "seat" }> }
  /** Append to the room log (an accepted answer). */
  | { kind: "persistAnswer"; roomId: string; delta: Extract<RoomDelta, { type: "answer" }> }
  /** Scored answers of a closed round, for the answers table / mastery. */
  | { kind: "persistResults"; roomId: string; round: number; questionId: string; results: RoundResult[] }
  /** Reply to the command's sender (the socket.io ack callback). */
  | { kind: "ack"; roomId: string; playerId: string; command: PlayerCommandType; result: AckResult }
  /** One message to the whole room. */
  | ({ kind: "broadcast"; roomId: string } & Broadcast)
  /** One message to one player's sockets. */
  | ({ kind: "send"; roomId: string; playerId: string } & PersonalMessage)
  /** Aggregated counters changed: emit `room:progress` with progressSnapshot(state), throttled. */
  | { kind: "progress"; roomId: string }
  /** Replace the room's pending timer: at `at`, apply `command`. */
  | { kind: "schedule"; roomId: string; at: number; command: TimerCommand }
  /** The room has no pending timer any more. */
  | { kind: "cancelSchedule"; roomId: string };

export interface Transition {
  state: RoomState;
  effects: Effect[];
}
