// Token buckets by key (IP, identity), around the engine's pure `allow`. Per-process: a
// deployment of N processes allows up to N times the rate per key (documented).
import { allow, RATE_LIMITS, type BucketConfig, type BucketState } from "../engine";

export class KeyedLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly config: BucketConfig,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes a token; false when the key is out of tokens. */
  take(key: string, now: number): boolean {
    const decision = allow(this.buckets.get(key), now, this.config);
    if (decision.allowed) this.store(key, decision.state, now);
    return decision.allowed;
  }

  /** Whether a token is available, without taking it (charge later with `take`, e.g. only on failure). */
  has(key: string, now: number): boolean {
    return allow(this.buckets.get(key), now, this.config).allowed;
  }

  private store(key: string, state: BucketState, now: number): void {
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) this.sweep(now);
    this.buckets.set(key, state);
  }

  /** Forgets buckets that have refilled (they equal "never seen"); bounds the map's size. */
  private sweep(now: number): void {
    const { capacity, refillPerSec } = this.config;
    for (const [key, state] of this.buckets) {
      if (state.tokens + ((now - state.updatedAt) / 1000) * refillPerSec >= capacity) this.buckets.delete(key);
    }
    // Still full of active keys (an attack from very many IPs): start over rather than grow.
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}

/** One per process, shared by every socket. */
export class RoomLimits {
  /** Joins with a code that matches no room, per IP: what makes codes impractical to enumerate. */
  readonly unknownCodeByIp = new KeyedLimiter(RATE_LIMITS.joinUnknownCode);
  readonly createByIdentity = new KeyedLimiter(RATE_LIMITS.createRoom);
  readonly matchmakingByIdentity = new KeyedLimiter(RATE_LIMITS.matchmaking);

  constructor(readonly perSocket: { roomCommand: BucketConfig; joinByCode: BucketConfig } = { roomCommand: RATE_LIMITS.roomCommand, joinByCode: RATE_LIMITS.joinByCode }) {}
}
