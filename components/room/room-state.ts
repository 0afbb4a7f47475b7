// What the play screen shows, folded from the join view and the server's events. Pure,
// so the screen's logic is testable without a browser.
import type { FinishedPayload, LeaderboardEntry, Phase, PublicQuestion, RevealPayload, RoomResultPayload, RoundResultPayload } from "@/lib/realtime/engine";
import type { LobbyPayload, RoomJoinView, RoomReviewPayload } from "@/lib/realtime/events";
import type { CountdownPayload, ProgressSnapshot, RoundStartPayload } from "@/lib/realtime/engine";

export type RoomScreen = {
  roomId: string;
  code: string;
  mode: "duel" | "group";
  playerId: string;
  nickname: string;
  isHost: boolean;
  plays: boolean;
  phase: Phase;
  /** serverNow − Date.now() at the last message that carried the server's clock. */
  clockOffset: number;
  players: number;
  lobbyNames: string[];
  total: number;
  round: number | null;
  countdownTo: number | null;
  question: PublicQuestion | null;
  deadlineAt: number | null;
  answered: number;
  myAnswer: { round: number; choiceIds: string[] } | null;
  reveal: RevealPayload | null;
  result: RoundResultPayload | null;
  score: number;
  streak: number;
  rank: number | null;
  top: LeaderboardEntry[];
  finished: FinishedPayload | null;
  roomResult: RoomResultPayload | null;
  review: RoomReviewPayload | null;
};

export type RoomEvent =
  | { type: "joined"; view: RoomJoinView; now: number }
  | { type: "lobby"; payload: LobbyPayload }
  | { type: "progress"; payload: ProgressSnapshot }
  | { type: "countdown"; payload: CountdownPayload; now: number }
  | { type: "start"; payload: RoundStartPayload; now: number }
  | { type: "answered"; round: number; choiceIds: string[] }
  | { type: "reveal"; payload: RevealPayload }
  | { type: "result"; payload: RoundResultPayload }
  | { type: "finished"; payload: FinishedPayload }
  | { type: "roomResult"; payload: RoomResultPayload }
  | { type: "review"; payload: RoomReviewPayload };

export function screenFromJoin(view: RoomJoinView, now: number): RoomScreen {
  const round = view.round;
  return {
    roomId: view.roomId,
    code: view.code,
    mode: view.mode,
    playerId: view.playerId,
    nickname: view.me.nickname,
    isHost: view.me.isHost,
    plays: view.me.plays,
    phase: view.phase,
    clockOffset: view.serverNow - now,
    players: view.players,
    lobbyNames: [],
    total: round?.total ?? view.config.questionCount,
    round: round?.round ?? null,
    countdownTo: round?.status === "countdown" ? round.startsAt : null,
    question: round && round.status !== "countdown" ? round.question : null,
    deadlineAt: round && round.status !== "countdown" ? round.deadlineAt : null,
    answered: 0,
    myAnswer: view.me.answer ? { round: view.me.answer.round, choiceIds: view.me.answer.choiceIds } : null,
    reveal:
      round?.status === "revealed"
        ? { round: round.round, total: round.total, questionId: round.question.id, correctChoiceIds: round.correctChoiceIds, distribution: round.distribution, answered: round.answered, noAnswer: round.noAnswer, closeReason: round.closeReason, leaderboard: view.top, isLast: round.round + 1 >= round.total }
        : null,
    result: null,
    score: view.me.score,
    streak: view.me.streak,
    rank: view.me.rank,
    top: view.top,
    finished: view.podium ? { reason: view.finishReason ?? "completed", roundsPlayed: view.round?.total ?? 0, podium: view.podium, leaderboard: view.top } as FinishedPayload : null,
    roomResult: null,
    review: null,
  };
}

export function roomReducer(screen: RoomScreen | null, event: RoomEvent): RoomScreen | null {
  if (event.type === "joined") return screenFromJoin(event.view, event.now);
  if (!screen) return screen;
  switch (event.type) {
    case "lobby":
      return { ...screen, players: event.payload.players, lobbyNames: event.payload.nicknames };
    case "progress":
      return { ...screen, players: event.payload.players, answered: event.payload.answered };
    case "countdown":
      return { ...screen, phase: "countdown", round: event.payload.round, total: event.payload.total, countdownTo: event.payload.startsAt, clockOffset: event.payload.serverNow - event.now, question: null, reveal: null, result: null, answered: 0 };
    case "start":
      return {
        ...screen, phase: "question", round: event.payload.round, total: event.payload.total, question: event.payload.question,
        deadlineAt: event.payload.deadlineAt, clockOffset: event.payload.serverNow - event.now, countdownTo: null, reveal: null, result: null, answered: 0,
        myAnswer: screen.myAnswer?.round === event.payload.round ? screen.myAnswer : null,
      };
    case "answered":
      return { ...screen, myAnswer: { round: event.round, choiceIds: event.choiceIds } };
    case "reveal":
      return { ...screen, phase: "reveal", reveal: event.payload, top: event.payload.leaderboard };
    case "result":
      return { ...screen, result: event.payload, score: event.payload.score, streak: event.payload.streak, rank: event.payload.rank };
    case "finished":
      return { ...screen, phase: "finished", finished: event.payload, top: event.payload.leaderboard };
    case "roomResult":
      return { ...screen, roomResult: event.payload, score: event.payload.score, rank: event.payload.rank };
    case "review":
      return { ...screen, review: event.payload };
  }
}
