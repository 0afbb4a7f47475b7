// Pure rules of groups and assignments: time zones, the open/due window and late policy,
// each member's status, leaderboard points, join codes and the group's weak topics.
// No I/O, no clock: `now` is passed in.

export const MAX_MEMBERS_PER_GROUP = 500;
export const MAX_GROUPS_PER_USER = 20;
/** An answer or submission in flight at the due instant still counts (as the exam clock's grace). */
export const DUE_GRACE_MS = 2_000;
/** A scheduled live game starts by itself this long after its lobby opens, if the host has not started it. */
export const LIVE_AUTO_START_MS = 5 * 60_000;
export const DUE_SOON_MS = 24 * 3600_000;

// ---------------------------------------------------------------------------
// Time zones: dates are entered as wall-clock times in the group's zone, stored as UTC.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(zone: string, instant: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The zone's offset from UTC at that instant, in ms (Seoul: +9 h). */
export function zoneOffsetMs(zone: string, instant: number): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return wallClock(zone, whole) - whole;
}

/** "2026-11-21T09:00" in `zone` → the UTC instant. A time skipped by a DST change moves forward. */
export function zonedLocalToUtc(local: string, zone: string): Date | null {
  const match = LOCAL.exec(local);
  if (!match || !isTimeZone(zone)) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const first = asUtc - zoneOffsetMs(zone, asUtc);
  const second = asUtc - zoneOffsetMs(zone, first);
  return new Date(second);
}

/** The instant as "YYYY-MM-DDTHH:mm" on the zone's wall clock (for datetime-local inputs). */
export function utcToZonedLocal(instant: Date, zone: string): string {
  return new Date(wallClock(zone, instant.getTime())).toISOString().slice(0, 16);
}

// ---------------------------------------------------------------------------
// The window and the late policy.

export type LatePolicy = "REFUSE" | "ACCEPT_LATE";
export type AssignmentTiming = { openAt: Date; dueAt: Date; latePolicy: LatePolicy };
/** not_open: before openAt; open: until dueAt (+ grace); late: after it, late work accepted; closed: after it, refused. */
export type Window = "not_open" | "open" | "late" | "closed";

export function assignmentWindow(a: AssignmentTiming, now: Date): Window {
  if (now.getTime() < a.openAt.getTime()) return "not_open";
  if (now.getTime() <= a.dueAt.getTime() + DUE_GRACE_MS) return "open";
  return a.latePolicy === "ACCEPT_LATE" ? "late" : "closed";
}

/** Why an answer or a start at `now` is refused, or null: the code the exam/practice mutations throw. */
export function assignmentRefusal(a: AssignmentTiming, now: Date): "not_open" | "deadline_passed" | null {
  const window = assignmentWindow(a, now);
  if (window === "not_open") return "not_open";
  if (window === "closed") return "deadline_passed";
  return null;
}

/** A timed attempt's deadline: its own length, cut at the due time when late work is refused. */
export function cappedDeadline(startedAt: Date, minutes: number, a: AssignmentTiming): Date {
  const own = startedAt.getTime() + minutes * 60_000;
  return new Date(a.latePolicy === "REFUSE" ? Math.min(own, a.dueAt.getTime()) : own);
}

export type MemberStatus = "not_started" | "in_progress" | "submitted" | "late" | "missed";
export type AttemptSummary = { status: "IN_PROGRESS" | "SUBMITTED"; submittedAt: Date | null } | null;

export function isLate(a: AssignmentTiming, submittedAt: Date): boolean {
  return submittedAt.getTime() > a.dueAt.getTime() + DUE_GRACE_MS;
}

export function memberStatus(a: AssignmentTiming, attempt: AttemptSummary, now: Date): MemberStatus {
  return memberStatusOf(a, attempt ? attempt.status : null, attempt?.submittedAt?.getTime() ?? null, now);
}

/** memberStatus from plain values (no attempt: null; submittedAt in epoch ms): reports compute 15,000 of these. */
export function memberStatusOf(a: AssignmentTiming, attemptStatus: "IN_PROGRESS" | "SUBMITTED" | null, submittedAtMs: number | null, now: Date): MemberStatus {
  // Under REFUSE nothing after the due time was accepted, so a submission is never late.
  if (attemptStatus === "SUBMITTED") return a.latePolicy === "ACCEPT_LATE" && submittedAtMs !== null && submittedAtMs > a.dueAt.getTime() + DUE_GRACE_MS ? "late" : "submitted";
  const window = assignmentWindow(a, now);
  if (window === "closed" || window === "late") return "missed";
  return attemptStatus ? "in_progress" : "not_started";
}

/** A live game: played (a seat with an answer), or missed once the game is over or the due time passed. */
export function liveStatus(played: boolean, gameFinished: boolean, a: AssignmentTiming, now: Date): MemberStatus {
  if (played) return "submitted";
  if (gameFinished || now.getTime() > a.dueAt.getTime() + DUE_GRACE_MS) return "missed";
  return "not_started";
}

// ---------------------------------------------------------------------------
// Leaderboard points (per season): 100 per correct assignment answer (50 when late), and a
// live game's score divided by 10 (a fast correct answer is worth 1,000 there, so ~50–150).

export function assignmentPoints(correctCount: number, late: boolean): number {
  return Math.max(0, correctCount) * (late ? 50 : 100);
}

export function livePoints(roomScore: number): number {
  return Math.round(Math.max(0, roomScore) / 10);
}

export type LeaderboardEntry = { userId: string; name: string; points: number; rank: number };

/** Ranked by points, then name, then id (a total order); ties share a rank. */
export function rankLeaderboard(rows: readonly { userId: string; name: string; points: number }[]): LeaderboardEntry[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points || a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.points !== sorted[i - 1]!.points) rank = i + 1;
    return { ...row, rank };
  });
}

// ---------------------------------------------------------------------------
// Join codes: 8 characters without look-alikes (31⁸ ≈ 8.5 × 10¹¹).

export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

/** Rejection sampling keeps every character uniform; null when the bytes run out (draw again). */
export function joinCodeFromBytes(bytes: Uint8Array): string | null {
  const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
  let code = "";
  for (const byte of bytes) {
    if (byte >= limit) continue;
    code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
    if (code.length === JOIN_CODE_LENGTH) return code;
  }
  return null;
}

export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

// ---------------------------------------------------------------------------
// The group's weak topics: lowest mean mastery over the members who answered the topic, and
// only topics the group has not mastered (below WEAK_BELOW on average).

export const WEAK_BELOW = 0.7;

export type TopicCell = { topicId: string; mastery: number; answers: number };

export function weakTopics(cells: readonly TopicCell[], limit = 3, minLearners = 1): { topicId: string; mastery: number; learners: number }[] {
  // Topics at or above WEAK_BELOW are left out: a group strong everywhere has no weak topics.
  const byTopic = new Map<string, { sum: number; learners: number }>();
  for (const cell of cells) {
    if (cell.answers <= 0) continue;
    const row = byTopic.get(cell.topicId) ?? { sum: 0, learners: 0 };
    row.sum += cell.mastery;
    row.learners += 1;
    byTopic.set(cell.topicId, row);
  }
  return [...byTopic.entries()]
    .filter(([, row]) => row.learners >= minLearners)
    .map(([topicId, row]) => ({ topicId, mastery: row.sum / row.learners, learners: row.learners }))
    .filter((row) => row.mastery < WEAK_BELOW)
    .sort((a, b) => a.mastery - b.mastery || (a.topicId < b.topicId ? -1 : 1))
    .slice(0, limit);
}
