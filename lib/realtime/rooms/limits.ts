// Room limits by key (client address, identity), counted with rate-limiter-flexible: in Redis
// when the realtime layer has it, so every process draws on one budget per key, else in this
// process's memory. The per-socket command bucket stays in the socket's own state
// (handlers/rooms.ts): a socket lives on one process. Windows follow RATE_LIMITS (windowOf).
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { RATE_LIMITS, type BucketConfig } from "../engine";
import { consume, createLimiter, DEFAULT_KEY_PREFIX, windowOf, type LimitStore } from "../../limits/limiter";

export class RoomLimits {
  /** Joins with a code that matches no room, per address: what makes codes impractical to enumerate. */
  readonly unknownCodeByAddress: RateLimiterAbstract;
  /** Any join by code, per identity (user or guest), whichever socket or process it comes through. */
  readonly joinByIdentity: RateLimiterAbstract;
  readonly createByIdentity: RateLimiterAbstract;
  readonly matchmakingByIdentity: RateLimiterAbstract;

  constructor(
    store: LimitStore = { redis: null, keyPrefix: DEFAULT_KEY_PREFIX },
    readonly perSocket: { roomCommand: BucketConfig } = { roomCommand: RATE_LIMITS.roomCommand },
  ) {
    this.unknownCodeByAddress = createLimiter("room-unknown-code", windowOf(RATE_LIMITS.joinUnknownCode), store);
    this.joinByIdentity = createLimiter("room-join", windowOf(RATE_LIMITS.joinByCode), store);
    this.createByIdentity = createLimiter("room-create", windowOf(RATE_LIMITS.createRoom), store);
    this.matchmakingByIdentity = createLimiter("room-matchmaking", windowOf(RATE_LIMITS.matchmaking), store);
  }

  /** Takes one; false when the key's budget is spent. */
  async take(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
    return (await consume(limiter, key)).allowed;
  }

  /** Whether one is left, without taking it (charge later with `take`, e.g. only on failure). */
  async has(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
    return ((await limiter.get(key))?.consumedPoints ?? 0) < limiter.points;
  }
}
