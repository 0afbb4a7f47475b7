// Rate limits kept in Redis when REDIS_URL is set, so every process counts against one budget,
// and in this process's memory otherwise (rate-limiter-flexible: the same counting either way).
// When Redis is unreachable a limiter falls back to its in-memory twin at once: limits then hold
// per process, as without Redis, instead of failing or waiting for the connection.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createClient, type RedisClientType } from "redis";

/** `points` actions per `durationSec`, counted from the first one (a fixed window per key). */
export type LimitConfig = { points: number; durationSec: number };

/** Where the counters live: Redis (shared by processes using the same prefix) or memory (null). */
export type LimitStore = { redis: RedisClientType | null; keyPrefix: string };

export const DEFAULT_KEY_PREFIX = "studyarena:limits";

export function createLimiter(name: string, config: LimitConfig, store: LimitStore): RateLimiterAbstract {
  const options = { points: config.points, duration: config.durationSec, keyPrefix: `${store.keyPrefix}:${name}` };
  const memory = new RateLimiterMemory(options);
  if (!store.redis) return memory;
  return new RateLimiterRedis({ ...options, storeClient: store.redis, useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: memory });
}

export type Consumed = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

/** Takes `points` atomically; a refusal is an answer, not an error (store errors still throw). */
export async function consume(limiter: RateLimiterAbstract, key: string, points = 1, options?: { customDuration: number }): Promise<Consumed> {
  try {
    const result = await limiter.consume(key, points, options);
    return { allowed: true, remaining: result.remainingPoints };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(0, error.msBeforeNext) };
    throw error;
  }
}

/** A token bucket (`capacity`, refilled at `refillPerSec`) as a fixed window: all of it per full refill time. */
export function windowOf(bucket: { capacity: number; refillPerSec: number }): LimitConfig {
  return { points: bucket.capacity, durationSec: Math.max(1, Math.round(bucket.capacity / bucket.refillPerSec)) };
}

const SHARED = Symbol.for("studyarena.limits.redis");
type Shared = { [SHARED]?: { url: string; client: RedisClientType } };

/**
 * The store for limits used inside Next.js (sign-in, sign-up): one Redis connection per process,
 * kept on globalThis because Next.js bundles route handlers and actions apart from server.ts.
 * Commands fail fast while disconnected (no offline queue), so the memory fallback answers.
 */
export function sharedLimitStore(): LimitStore {
  const url = process.env.REDIS_URL;
  if (!url) return { redis: null, keyPrefix: DEFAULT_KEY_PREFIX };
  const shared = globalThis as Shared;
  if (shared[SHARED]?.url !== url) {
    const client: RedisClientType = createClient({ url, disableOfflineQueue: true });
    let reported = false;
    client.on("error", (error: unknown) => {
      if (!reported) console.warn(`[limits] redis unavailable, limits held per process until it is back: ${String(error)}`);
      reported = true;
    });
    client.on("ready", () => (reported = false));
    void client.connect().catch(() => {});
    shared[SHARED] = { url, client };
  }
  return { redis: shared[SHARED]!.client, keyPrefix: DEFAULT_KEY_PREFIX };
}
