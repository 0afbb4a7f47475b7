// A pure token bucket: `capacity` tokens, refilled continuously at `refillPerSec`; each
// call costs `cost` (default 1). The state is two numbers, so it can live in Redis (one
// hash per key) or in a Map of the socket layer; `null` means "never seen": a full bucket.
// Time only moves forward here: a clock that steps back refills nothing.

export interface BucketState {
  tokens: number;
  updatedAt: number;
}

export interface BucketConfig {
  capacity: number;
  refillPerSec: number;
}

export interface RateDecision {
  allowed: boolean;
  state: BucketState;
  /** 0 when allowed; else how long until `cost` tokens are available (Infinity if never). */
  retryAfterMs: number;
}

export function allow(bucket: BucketState | null | undefined, now: number, config: BucketConfig, cost = 1): RateDecision {
  const { capacity, refillPerSec } = config;
  const updatedAt = bucket ? Math.max(bucket.updatedAt, now) : now;
  const elapsedMs = bucket ? Math.max(0, now - bucket.updatedAt) : 0;
  const tokens = bucket ? Math.min(capacity, Math.max(0, bucket.tokens) + (elapsedMs / 1000) * refillPerSec) : capacity;
  if (tokens >= cost) return { allowed: true, state: { tokens: tokens - cost, updatedAt }, retryAfterMs: 0 };
  const missing = cost - tokens;
  const retryAfterMs = refillPerSec > 0 && cost <= capacity ? Math.ceil((missing / refillPerSec) * 1000) : Number.POSITIVE_INFINITY;
  return { allowed: false, state: { tokens, updatedAt }, retryAfterMs };
}

/**
 * Suggested limits for the socket layer (per key noted). The failed-lookup limit is what
 * keeps room codes unguessable (see room-code.ts); it is charged only for codes that do
 * not exist, so a classroom of 30 behind one school IP joining a real room is not throttled.
 */
export const RATE_LIMITS = {
  /** per IP: a join with a code that matches no live room. 10, then one per 30 s. */
  joinUnknownCode: { capacity: 10, refillPerSec: 1 / 30 },
  /** per identity (user or guest): any join by code. */
  joinByCode: { capacity: 10, refillPerSec: 1 / 6 },
  /** per socket: every room command (answers are one per round anyway). */
  roomCommand: { capacity: 20, refillPerSec: 5 },
  /** per identity: creating rooms. */
  createRoom: { capacity: 5, refillPerSec: 1 / 60 },
  /** per identity: entering the matchmaking queue. */
  matchmaking: { capacity: 5, refillPerSec: 1 / 10 },
} as const satisfies Record<string, BucketConfig>;
