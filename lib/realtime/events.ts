// The Socket.IO protocol: event names are `domain:verb`; every acknowledgement is an Ack.
// Types only, shared by the server, the browser client and test clients. docs/realtime.md
// describes the same protocol in prose for third-party clients.
import type { ErrorCode } from "../errors";
import type {
  AnswerAckData,
  CountdownPayload,
  FinishedPayload,
  LeaderboardEntry,
  PlayerView,
  ProgressSnapshot,
  RefusalCode,
  RevealPayload,
  RoomResultPayload,
  RoundResultPayload,
  RoundStartPayload,
} from "./engine";
import type { WeakDuelSummary } from "./weak-duel/store";
import type { AnswerOutcome, GhostChoice, RaceView, SetChoice } from "../ghost/races";
import type { GhostEvent } from "../ghost/timeline";

export type AckCode = ErrorCode | RefusalCode | "room_not_found" | "not_signed_in";
export type Ack<T = undefined> = { ok: true; data: T } | { ok: false; code: AckCode | string; message?: string };
export type AckFn<T = undefined> = (response: Ack<T>) => void;

export type Identity =
  | { kind: "user"; userId: string; name: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" }
  | { kind: "guest"; guestId: string; nickname: string };

export type HealthInfo = { node: string; serverTime: number; identity: Identity | null };

// ── payloads a client sends ──
export type CreateRoomPayload = {
  bankSlug: string;
  topicIds?: string[];
  questionCount: number;
  secondsPerQuestion: number;
  speedScoring: boolean;
  hostPlays: boolean;
};
export type JoinRoomPayload = { code: string };
export type RoomRefPayload = { roomId: string };
export type AnswerPayload = { roomId: string; round: number; choiceIds: string[] };
export type DuelPayload = { bankSlug: string; topicIds?: string[] };

/** What a player gets on join/rejoin: everything needed to draw the room now. */
export type RoomJoinView = PlayerView & { playerId: string };

export type LobbyPayload = { roomId: string; code: string; players: number; nicknames: string[]; hostNickname: string };

/** After the last round: each question with the player's answer, the right one and the explanation. */
export type RoomReviewPayload = {
  roomId: string;
  items: {
    round: number;
    questionId: string;
    stem: string;
    choices: { id: string; text: string; correct: boolean }[];
    yourChoiceIds: string[] | null;
    correct: boolean;
    points: number;
    explanation: string;
    noteHref: string | null;
  }[];
};

export interface ClientToServerEvents {
  "system:health": (payload: unknown, ack: AckFn<HealthInfo>) => void;
  /** Signed-in users only. The creator is the host. */
  "room:create": (payload: CreateRoomPayload, ack: AckFn<{ roomId: string; code: string }>) => void;
  /** Users and guests. In the lobby: takes a seat; later: only restores one's own seat. */
  "room:join": (payload: JoinRoomPayload, ack: AckFn<RoomJoinView>) => void;
  /** After a reconnect: the same seat, score, streak, question and remaining time. */
  "room:rejoin": (payload: RoomRefPayload, ack: AckFn<RoomJoinView>) => void;
  "room:leave": (payload: RoomRefPayload, ack: AckFn) => void;
  /** Host only. */
  "room:start": (payload: RoomRefPayload, ack: AckFn) => void;
  "round:skip": (payload: RoomRefPayload, ack: AckFn) => void;
  "round:next": (payload: RoomRefPayload, ack: AckFn) => void;
  "room:end": (payload: RoomRefPayload, ack: AckFn) => void;
  /** The ack comes only after the answer is stored in PostgreSQL. */
  "round:answer": (payload: AnswerPayload, ack: AckFn<AnswerAckData>) => void;
  /** A new room with the same players and settings; everyone gets `room:rematch`. */
  "room:rematch": (payload: RoomRefPayload, ack: AckFn<{ roomId: string; code: string }>) => void;
  /** Matchmaking: wait for an opponent on the same bank (and overlapping topics); `duel:matched` follows. */
  "duel:queue": (payload: DuelPayload, ack: AckFn<{ queued: true }>) => void;
  "duel:cancel": (payload: unknown, ack: AckFn) => void;
  /** A duel room to share as a link; it starts when the friend joins. */
  "duel:challenge": (payload: DuelPayload, ack: AckFn<{ roomId: string; code: string }>) => void;
  /** Weak-topic duel (signed-in users only; its own queue): paired on the bank, questions from both players' weakest topics; `duel:matched` follows. */
  "weakduel:queue": (payload: { bankSlug: string }, ack: AckFn<{ queued: true }>) => void;
  "weakduel:cancel": (payload: unknown, ack: AckFn) => void;
  /** A seated player's view of a weak-topic duel: its topics, and after the game each player's mastery there, before → after. */
  "weakduel:summary": (payload: RoomRefPayload, ack: AckFn<WeakDuelSummary>) => void;
  /** Ghost race (signed-in users only): a solo timed run of a set against a ghost; `ghost:progress` follows on the server's clock. */
  "ghost:start": (payload: { set: SetChoice; ghost: GhostChoice }, ack: AckFn<RaceView>) => void;
  /** After a reload: the race now (questions whose time ran out are closed), or its result. */
  "ghost:resume": (payload: { runId: string }, ack: AckFn<RaceView>) => void;
  /** The ack comes only after the answer is stored; it carries this question's key, now closed. */
  "ghost:answer": (payload: { runId: string; questionIndex: number; choiceIds: string[] }, ack: AckFn<AnswerOutcome>) => void;
  "ghost:leave": (payload: { runId: string }, ack: AckFn) => void;
}

export interface ServerToClientEvents {
  "system:notice": (payload: { code: string }) => void;
  "room:lobby": (payload: LobbyPayload) => void;
  /** Aggregated counts, at most a few times a second: never one message per answer. */
  "room:progress": (payload: ProgressSnapshot) => void;
  "round:countdown": (payload: CountdownPayload) => void;
  "round:start": (payload: RoundStartPayload) => void;
  "round:reveal": (payload: RevealPayload) => void;
  "round:result": (payload: RoundResultPayload) => void;
  "room:finished": (payload: FinishedPayload) => void;
  "room:result": (payload: RoomResultPayload) => void;
  "room:review": (payload: RoomReviewPayload) => void;
  "room:rematch": (payload: { roomId: string; code: string }) => void;
  "duel:matched": (payload: { roomId: string; code: string }) => void;
  /** The ghost closed a question (never its choices), at the recorded offset from the race's start. */
  "ghost:progress": (payload: { runId: string; event: GhostEvent }) => void;
  /** The learner's open question timed out: the race as it is now. */
  "ghost:state": (payload: RaceView) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

export interface SocketData {
  identity: Identity | null;
}

export type { LeaderboardEntry, WeakDuelSummary };
