// Read-only projections of the state for clients. The single rule: nothing that tells a
// correct choice from a wrong one (correctChoiceIds, correct, points) for a round that is
// not revealed yet. Views are O(1) in the room size (ranks and the top 10 are stored at
// each reveal), so thousands of reconnects cost thousands of small views.
import { PODIUM_SIZE, TOP_N } from "./leaderboard";
import { smGet, smValues } from "./shard-map";
import type {
  AnswerRecord,
  CloseReason,
  DistributionEntry,
  LeaderboardEntry,
  Phase,
  ProgressSnapshot,
  PublicQuestion,
  QuestionType,
  QuestionContent,
  RoomMode,
  RoomQuestion,
  RoomState,
  Seat,
} from "./types";

/** A seat by player id (O(1)), or null. */
export function seatOf(state: RoomState, playerId: string): Seat | null {
  return smGet(state.seats, playerId) ?? null;
}

/** Every seat, in a stable order. O(n): for exports and admin views, not per request. */
export function allSeats(state: RoomState): Seat[] {
  return [...smValues(state.seats)];
}

export function publicQuestion(q: RoomQuestion): PublicQuestion {
  return {
    id: q.id,
    type: q.type,
    choiceIds: q.choiceIds.slice(),
    choose: q.choose,
    content: q.content ? { stem: q.content.stem, choices: q.content.choices.map((c) => ({ id: c.id, text: c.text })) } : null,
  };
}

export type PublicRoundView =
  | { status: "countdown"; round: number; total: number; startsAt: number }
  | { status: "open"; round: number; total: number; question: PublicQuestion; startsAt: number; deadlineAt: number }
  | {
      status: "revealed";
      round: number;
      total: number;
      question: PublicQuestion;
      startsAt: number;
      deadlineAt: number;
      correctChoiceIds: string[];
      distribution: DistributionEntry[];
      answered: number;
      noAnswer: number;
      closeReason: CloseReason;
    };

/** The current round as everyone may see it; null in the lobby and once finished. */
export function publicRoundView(state: RoomState): PublicRoundView | null {
  const round = state.round;
  if (!round) return null;
  const total = state.questions.length;
  const question = state.questions[round.index];
  if (!question) return null;
  switch (state.phase) {
    case "countdown":
      return { status: "countdown", round: round.index, total, startsAt: round.startsAt };
    case "question":
      return { status: "open", round: round.index, total, question: publicQuestion(question), startsAt: round.startsAt, deadlineAt: round.deadlineAt };
    case "reveal": {
      const summary = state.history[round.index];
      if (!summary) return null;
      return {
        status: "revealed",
        round: round.index,
        total,
        question: publicQuestion(question),
        startsAt: round.startsAt,
        deadlineAt: round.deadlineAt,
        correctChoiceIds: question.correctChoiceIds.slice(),
        distribution: summary.distribution.map((d) => ({ ...d })),
        answered: summary.answered,
        noAnswer: summary.noAnswer,
        closeReason: summary.closeReason,
      };
    }
    default:
      return null;
  }
}

export function progressSnapshot(state: RoomState): ProgressSnapshot {
  const open = state.phase === "question" || state.phase === "reveal";
  return {
    roomId: state.roomId,
    phase: state.phase,
    round: state.round ? state.round.index : null,
    total: state.questions.length,
    seats: state.counts.seats,
    players: state.counts.players,
    connected: state.counts.connected,
    answered: open && state.round ? state.round.answeredCount : 0,
  };
}

export interface OwnAnswerView {
  round: number;
  choiceIds: string[];
  answeredAt: number;
  responseMs: number;
  /** Only once the round is revealed. */
  correct?: boolean;
  points?: number;
}

export interface PlayerView {
  roomId: string;
  code: string;
  mode: RoomMode;
  phase: Phase;
  serverNow: number;
  config: { questionCount: number; secondsPerQuestion: number; speedScoring: boolean; hostPlays: boolean };
  round: PublicRoundView | null;
  /** countdown: until the question opens; question: until deadlineAt (the grace is not shown); else null. */
  remainingMs: number | null;
  me: {
    playerId: string;
    nickname: string;
    isHost: boolean;
    isGuest: boolean;
    plays: boolean;
    connected: boolean;
    score: number;
    streak: number;
    rank: number | null;
    answer: OwnAnswerView | null;
  };
  players: number;
  /** Top 10 as of the last reveal. */
  top: LeaderboardEntry[];
  podium: LeaderboardEntry[] | null;
  finishReason: RoomState["finishReason"];
}

function ownAnswer(record: AnswerRecord, revealed: boolean): OwnAnswerView {
  const view: OwnAnswerView = {
    round: record.round,
    choiceIds: record.choiceIds.slice(),
    answeredAt: record.answeredAt,
    responseMs: record.responseMs,
  };
  if (revealed && record.correct !== null && record.points !== null) {
    view.correct = record.correct;
    view.points = record.points;
  }
  return view;
}

/** What a (re)connecting player needs to draw the room; null when they have no seat. */
export function playerView(state: RoomState, playerId: string, now: number): PlayerView | null {
  const seat = smGet(state.seats, playerId);
  if (!seat) return null;
  const round = state.round;
  let remainingMs: number | null = null;
  if (round && state.phase === "countdown") remainingMs = Math.max(0, round.startsAt - now);
  if (round && state.phase === "question") remainingMs = Math.max(0, round.deadlineAt - now);
  const inRound = round && (state.phase === "question" || state.phase === "reveal");
  const last = seat.answers[seat.answers.length - 1];
  const answer = inRound && last && last.round === round.index ? ownAnswer(last, state.phase === "reveal") : null;
  return {
    roomId: state.roomId,
    code: state.code,
    mode: state.config.mode,
    phase: state.phase,
    serverNow: now,
    config: {
      questionCount: state.config.questionCount,
      secondsPerQuestion: state.config.secondsPerQuestion,
      speedScoring: state.config.speedScoring,
      hostPlays: state.config.hostPlays,
    },
    round: publicRoundView(state),
    remainingMs,
    me: {
      playerId: seat.playerId,
      nickname: seat.nickname,
      isHost: seat.isHost,
      isGuest: seat.isGuest,
      plays: seat.plays,
      connected: seat.connected,
      score: seat.score,
      streak: seat.streak,
      rank: seat.rank,
      answer,
    },
    players: state.counts.players,
    top: state.top.slice(0, TOP_N),
    podium: state.phase === "finished" ? state.top.slice(0, PODIUM_SIZE) : null,
    finishReason: state.finishReason,
  };
}

export interface ReviewItem {
  round: number;
  questionId: string;
  type: QuestionType;
  choiceIds: string[];
  content: QuestionContent | null;
  yourChoiceIds: string[] | null;
  correctChoiceIds: string[];
  correct: boolean;
  points: number;
  responseMs: number | null;
}

/** Each revealed round with the player's answer and the correct one (never the open round). */
export function reviewFor(state: RoomState, playerId: string): ReviewItem[] | null {
  const seat = smGet(state.seats, playerId);
  if (!seat) return null;
  const items: ReviewItem[] = [];
  for (const summary of state.history) {
    const q = state.questions[summary.index];
    if (!q) continue;
    const answer = seat.answers.find((a) => a.round === summary.index) ?? null;
    items.push({
      round: summary.index,
      questionId: q.id,
      type: q.type,
      choiceIds: q.choiceIds.slice(),
      content: publicQuestion(q).content,
      yourChoiceIds: answer ? answer.choiceIds.slice() : null,
      correctChoiceIds: q.correctChoiceIds.slice(),
      correct: answer?.correct ?? false,
      points: answer?.points ?? 0,
      responseMs: answer ? answer.responseMs : null,
    });
  }
  return items;
}
