// The exam clock. Pure: the caller passes `now` (server time), so tests need no fake timers.
//
// The server's deadline is the only one that counts; the browser only displays
// remainingMs(). An answer the learner clicked just before 0:00 still needs a network
// round trip (and maybe a retry) to reach the server, so answers are accepted for a short
// grace period after the deadline (DEFAULT_GRACE_MS). The attempt is finalized (auto-
// submitted) once acceptsAnswer() turns false, i.e. after deadline + grace.

export const DEFAULT_GRACE_MS = 2_000;

type Instant = Date | string | number;

function ms(t: Instant): number {
  const v = t instanceof Date ? t.getTime() : typeof t === "number" ? t : Date.parse(t);
  if (!Number.isFinite(v)) throw new RangeError(`invalid time: ${String(t)}`);
  return v;
}

/** Deadline of an attempt started at `startedAt` that lasts `minutes`. */
export function deadlineFor(startedAt: Instant, minutes: number): Date {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError(`invalid exam length: ${minutes} minutes`);
  return new Date(ms(startedAt) + Math.round(minutes * 60_000));
}

/** Milliseconds left on the clock; 0 at and after the deadline. */
export function remainingMs(deadlineAt: Instant, now: Instant): number {
  return Math.max(0, ms(deadlineAt) - ms(now));
}

/** The clock has run out (true from the deadline instant on). The UI stops taking input. */
export function isExpired(deadlineAt: Instant, now: Instant): boolean {
  return ms(now) >= ms(deadlineAt);
}

/**
 * Whether the server still records an answer received at `now`: up to and including
 * deadline + graceMs. Negative grace is treated as 0.
 */
export function acceptsAnswer(deadlineAt: Instant, now: Instant, graceMs = DEFAULT_GRACE_MS): boolean {
  return ms(now) <= ms(deadlineAt) + Math.max(0, graceMs);
}

/** AWS grants non-native English speakers 30 extra minutes on the real exam ("ESL +30"). */
export const ESL_EXTRA_MINUTES = 30;

/**
 * How long a mock exam lasts. A full exam takes the bank's minutes; a short one keeps the
 * full exam's pace (minutes per question), at least one minute. The ESL accommodation adds
 * its 30 minutes to a full exam only, as AWS adds it to the real one.
 */
export function examMinutes(
  shape: { questionCount: number; minutes: number },
  exam: { format: "full" | "short"; questionCount: number; eslExtraTime: boolean },
): { minutes: number; extraMinutes: number } {
  if (exam.format === "short") {
    return { minutes: Math.max(1, Math.round((shape.minutes * exam.questionCount) / shape.questionCount)), extraMinutes: 0 };
  }
  const extraMinutes = exam.eslExtraTime ? ESL_EXTRA_MINUTES : 0;
  return { minutes: shape.minutes + extraMinutes, extraMinutes };
}
