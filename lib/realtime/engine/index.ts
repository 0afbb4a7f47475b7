// The room engine's public surface, for the socket layer. See README.md.
export * from "./types";
export { GRACE_MS, applyCommand, createRoom, rematch, pendingSchedule, roomPatch } from "./state";
export type { CreateRoomInput, CreateResult, RematchInput, RematchResult } from "./state";
export { restoreRoom, RoomRestoreError } from "./restore";
export { publicQuestion, publicRoundView, playerView, progressSnapshot, reviewFor, seatOf, allSeats } from "./views";
export type { PublicRoundView, PlayerView, OwnAnswerView, ReviewItem } from "./views";
export { leaderboard, podium, compareSeats, TOP_N, PODIUM_SIZE } from "./leaderboard";
export { MAX_POINTS, STREAK_STEP, STREAK_BONUS_CAP, basePoints, streakBonus, isCorrect, scoreAnswer, choiceProblem } from "./scoring";
export { roomConfigSchema, roomQuestionSchema, isValidPlayerId, cleanNickname } from "./config";
export { allow, RATE_LIMITS } from "./rate-limit";
export type { BucketState, BucketConfig, RateDecision } from "./rate-limit";
export { roomCodeFromBytes, normalizeRoomCode, isRoomCode, ROOM_CODE_ALPHABET, ROOM_CODE_BYTES, ROOM_CODE_SPACE } from "./room-code";
export { enqueue, dequeue, match, topicsOverlap, FALLBACK_AFTER_MS, MAX_WAIT_MS } from "./matchmaking";
export type { QueueEntry, MatchQueue, MatchPair, MatchResult } from "./matchmaking";
