// Ranking: score desc, then total response time asc (faster overall wins a tie; a missed
// round counts as the full T), then playerId (code-unit order) so the order is total and
// identical on every process. Presenting hosts are not ranked.
import { smValues } from "./shard-map";
import type { LeaderboardEntry, RoomState, Seat } from "./types";

export const TOP_N = 10;
export const PODIUM_SIZE = 3;

export function compareSeats(a: Seat, b: Seat): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.totalResponseMs !== b.totalResponseMs) return a.totalResponseMs - b.totalResponseMs;
  return a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0;
}

export function toEntry(seat: Seat, rank: number): LeaderboardEntry {
  return {
    rank,
    playerId: seat.playerId,
    nickname: seat.nickname,
    score: seat.score,
    streak: seat.streak,
    correctCount: seat.correctCount,
    totalResponseMs: seat.totalResponseMs,
  };
}

/** Playing seats in rank order. O(n log n). */
export function rankSeats(seats: Iterable<Seat>): Seat[] {
  const playing: Seat[] = [];
  for (const seat of seats) if (seat.plays) playing.push(seat);
  return playing.sort(compareSeats);
}

/** The full, current ranking, computed from the seats' scores. O(n log n): call per reveal, not per request. */
export function leaderboard(state: RoomState): LeaderboardEntry[] {
  return rankSeats(smValues(state.seats)).map((seat, i) => toEntry(seat, i + 1));
}

export function podium(state: RoomState): LeaderboardEntry[] {
  return leaderboard(state).slice(0, PODIUM_SIZE);
}
