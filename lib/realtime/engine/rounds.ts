// The round lifecycle (pure helpers of state.ts): open a round, close and score it,
// advance, finish. Each returns a Step; state.ts's commit() bumps seq and adds the
// persistence and timer effects.
import { compareSeats, rankSeats, toEntry, TOP_N, PODIUM_SIZE } from "./leaderboard";
import { scoreAnswer } from "./scoring";
import { smMap, smValues } from "./shard-map";
import type { AnswerRecord, CloseReason, Effect, FinishReason, RoomState, RoundResult, RoundState, Seat } from "./types";

/**
 * Answers are accepted until deadlineAt + GRACE_MS. A player who clicks just before the
 * deadline shown on their screen has a message still in flight when the server's deadline
 * passes (one-way latency, typically 20–300 ms on mobile); without a grace, that click
 * would be refused although the player saw time left. The response time is still clamped
 * to T, so the grace never earns points above the deadline rate (500 with speedScoring).
 */
export const GRACE_MS = 500;

export interface Step {
  state: RoomState;
  effects: Effect[];
  /** Something beyond seats/counts/round/timer changed: persist the whole snapshot. */
  snapshot: boolean;
}

export function limitMs(state: RoomState): number {
  return state.config.secondsPerQuestion * 1000;
}

export function answeredRound(seat: Seat, round: number): AnswerRecord | null {
  const last = seat.answers[seat.answers.length - 1];
  return last && last.round === round ? last : null;
}

export function canStart(state: RoomState): boolean {
  return state.config.mode === "duel" ? state.counts.seats === 2 : state.counts.players >= 1;
}

/** Every connected player has answered (and at least one is connected): close now. */
export function maybeCloseEarly(state: RoomState, now: number): RoomState {
  const round = state.round;
  if (state.phase !== "question" || !round) return state;
  if (round.pendingConnected > 0 || state.counts.connected === 0) return state;
  if (state.timer && state.timer.name === "round:close" && state.timer.at <= now) return state;
  return { ...state, timer: { name: "round:close", round: round.index, at: now } };
}

// ---------------------------------------------------------------------------
// Round lifecycle

export function beginRound(state: RoomState, index: number, now: number): Step {
  const question = state.questions[index];
  if (!question) return finish(state, now, "completed");
  const T = limitMs(state);
  const startsAt = now + state.config.countdownMs;
  const round: RoundState = {
    index,
    questionId: question.id,
    startsAt,
    deadlineAt: startsAt + T,
    closesAt: startsAt + T + GRACE_MS,
    answeredCount: 0,
    pendingConnected: state.counts.connected,
    closedAt: null,
    closeReason: null,
  };
  if (state.config.countdownMs === 0) return openRound({ ...state, round }, now);
  const next: RoomState = { ...state, phase: "countdown", round, timer: { name: "round:open", round: index, at: startsAt } };
  return {
    state: next,
    snapshot: true,
    effects: [
      {
        kind: "broadcast",
        roomId: state.roomId,
        event: "round:countdown",
        payload: { round: index, total: state.questions.length, startsAt, serverNow: now },
      },
    ],
  };
}

/** The question is released now: t is measured from this instant. */
export function openRound(state: RoomState, now: number): Step {
  const prev = state.round;
  const question = prev ? state.questions[prev.index] : undefined;
  if (!prev || !question) return { state, effects: [], snapshot: false };
  const T = limitMs(state);
  const round: RoundState = {
    ...prev,
    startsAt: now,
    deadlineAt: now + T,
    closesAt: now + T + GRACE_MS,
    answeredCount: 0,
    pendingConnected: state.counts.connected,
  };
  const next: RoomState = { ...state, phase: "question", round, timer: { name: "round:close", round: round.index, at: round.closesAt } };
  return {
    state: next,
    snapshot: true,
    effects: [
      {
        kind: "broadcast",
        roomId: state.roomId,
        event: "round:start",
        payload: {
          round: round.index,
          total: state.questions.length,
          question: {
            id: question.id,
            type: question.type,
            choiceIds: question.choiceIds.slice(),
            choose: question.choose,
            content: question.content ? { stem: question.content.stem, choices: question.content.choices.map((c) => ({ ...c })) } : null,
          },
          startsAt: round.startsAt,
          deadlineAt: round.deadlineAt,
          serverNow: now,
        },
      },
    ],
  };
}

/** Ranks every playing seat and stores the top N. O(n log n), once per reveal/finish. */
function applyRanks(state: RoomState): RoomState {
  const ranked = rankSeats(smValues(state.seats));
  const ranks = new Map<string, number>();
  ranked.forEach((seat, i) => ranks.set(seat.playerId, i + 1));
  const seats = smMap(state.seats, (seat) => {
    const rank = ranks.get(seat.playerId) ?? null;
    return seat.rank === rank ? seat : { ...seat, rank };
  });
  const top = ranked.slice(0, TOP_N).map((seat, i) => toEntry(seat, i + 1));
  return { ...state, seats, top };
}

/**
 * Scores the open round for every playing seat, ranks, reveals. Each playing seat is copied
 * once: its new rank is set on that fresh copy before the state is published (250 rooms
 * closing together used to copy every seat twice, and the garbage delayed their reveals).
 */
export function closeRound(state: RoomState, now: number, reason: CloseReason, announce: boolean): Step {
  const round = state.round;
  const question = round ? state.questions[round.index] : undefined;
  if (!round || !question) return { state, effects: [], snapshot: false };
  const T = limitMs(state);
  const counts = new Map(question.choiceIds.map((c) => [c, 0]));
  let answered = 0;
  let noAnswer = 0;
  const results: RoundResult[] = [];
  const playing: Seat[] = [];
  const scoredSeats = smMap(state.seats, (seat) => {
    if (!seat.plays) return seat;
    const answer = answeredRound(seat, round.index);
    const scored = scoreAnswer(question, answer ? answer.choiceIds : null, answer ? answer.responseMs : T, {
      limitMs: T,
      speedScoring: state.config.speedScoring,
      previousStreak: seat.streak,
    });
    if (answer) {
      answered += 1;
      for (const c of answer.choiceIds) counts.set(c, (counts.get(c) ?? 0) + 1);
    } else {
      noAnswer += 1;
    }
    results.push({
      playerId: seat.playerId,
      choiceIds: answer ? answer.choiceIds.slice() : null,
      answeredAt: answer ? answer.answeredAt : null,
      responseMs: answer ? answer.responseMs : null,
      correct: scored.correct,
      points: scored.points,
    });
    const next: Seat = {
      playerId: seat.playerId,
      nickname: seat.nickname,
      isHost: seat.isHost,
      isGuest: seat.isGuest,
      plays: seat.plays,
      connected: seat.connected,
      joinedAt: seat.joinedAt,
      score: seat.score + scored.points,
      streak: scored.streak,
      bestStreak: Math.max(seat.bestStreak, scored.streak),
      correctCount: seat.correctCount + (scored.correct ? 1 : 0),
      totalResponseMs: seat.totalResponseMs + (answer ? answer.responseMs : T),
      rank: seat.rank,
      answers: answer ? [...seat.answers.slice(0, -1), { ...answer, correct: scored.correct, points: scored.points }] : seat.answers,
    };
    playing.push(next);
    return next;
  });
  const inSeatOrder = playing.slice();
  // The copies are this function's own until it returns: ranking them in place is safe.
  playing.sort(compareSeats);
  for (let i = 0; i < playing.length; i++) playing[i]!.rank = i + 1;
  const top = playing.slice(0, TOP_N).map((seat, i) => toEntry(seat, i + 1));
  const distribution = question.choiceIds.map((choiceId) => ({ choiceId, count: counts.get(choiceId) ?? 0 }));
  const isLast = round.index + 1 >= state.questions.length;
  const autoNext = state.config.autoAdvanceMs;
  const ranked: RoomState = {
    ...state,
    seats: scoredSeats,
    top,
    phase: "reveal",
    round: { ...round, closedAt: now, closeReason: reason },
    timer: autoNext !== null ? { name: "round:next", round: round.index, at: now + autoNext } : null,
    history: [
      ...state.history,
      {
        index: round.index,
        questionId: question.id,
        startsAt: round.startsAt,
        deadlineAt: round.deadlineAt,
        closedAt: now,
        closeReason: reason,
        answered,
        noAnswer,
        distribution,
      },
    ],
  };
  const effects: Effect[] = [{ kind: "persistResults", roomId: state.roomId, round: round.index, questionId: question.id, results }];
  if (announce) {
    effects.push({
      kind: "broadcast",
      roomId: state.roomId,
      event: "round:reveal",
      payload: {
        round: round.index,
        total: state.questions.length,
        questionId: question.id,
        correctChoiceIds: question.correctChoiceIds.slice(),
        distribution: distribution.map((d) => ({ ...d })),
        answered,
        noAnswer,
        closeReason: reason,
        leaderboard: ranked.top,
        isLast,
      },
    });
    // results[i] is inSeatOrder[i]'s.
    inSeatOrder.forEach((seat, i) => {
      const rank = seat.rank;
      if (!seat.connected || rank === null) return;
      const result = results[i];
      effects.push({
        kind: "send",
        roomId: state.roomId,
        playerId: seat.playerId,
        event: "round:result",
        payload: {
          round: round.index,
          answered: result?.choiceIds != null,
          correct: result?.correct ?? false,
          points: result?.points ?? 0,
          score: seat.score,
          streak: seat.streak,
          rank,
          players: state.counts.players,
        },
      });
    });
  }
  return { state: ranked, effects, snapshot: true };
}

export function advance(state: RoomState, now: number): Step {
  const index = state.round ? state.round.index + 1 : 0;
  return index < state.questions.length ? beginRound(state, index, now) : finish(state, now, "completed");
}

export function finish(state: RoomState, now: number, reason: FinishReason): Step {
  const effects: Effect[] = [];
  let current = state;
  if (current.phase === "question") {
    const closed = closeRound(current, now, "ended", false);
    current = closed.state;
    effects.push(...closed.effects);
  }
  const ranked = applyRanks({ ...current, phase: "finished", timer: null, finishedAt: now, finishReason: reason });
  effects.push({
    kind: "broadcast",
    roomId: state.roomId,
    event: "room:finished",
    payload: { reason, roundsPlayed: ranked.history.length, podium: ranked.top.slice(0, PODIUM_SIZE), leaderboard: ranked.top },
  });
  for (const seat of smValues(ranked.seats)) {
    if (!seat.plays || !seat.connected || seat.rank === null) continue;
    effects.push({
      kind: "send",
      roomId: state.roomId,
      playerId: seat.playerId,
      event: "room:result",
      payload: {
        rank: seat.rank,
        players: ranked.counts.players,
        score: seat.score,
        correctCount: seat.correctCount,
        bestStreak: seat.bestStreak,
        roundsPlayed: ranked.history.length,
      },
    });
  }
  return { state: ranked, effects, snapshot: true };
}
