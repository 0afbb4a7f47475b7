// Sign-in throttling, after OWASP's Authentication Cheat Sheet: progressive delays instead of
// a lockout, and device cookies (device.ts) so a stranger's failures never lock the owner out.
// Each attempt is reserved atomically before its password is checked, so however many arrive
// at once, no more checks run than the budgets below allow. Three budgets:
// - per client address: PER_ADDRESS checks per window (a successful sign-in gives its check back);
// - per account, for browsers that have not signed in to it before: FREE_FAILURES checks per
//   window, then one check per delay that doubles with each further failure (30 s, 1 min, … 15 min);
// - per account and trusted device: PER_DEVICE checks per window, untouched by anyone else's failures.
// With REDIS_URL the counters live in Redis and every process shares them; otherwise per process.
import { AppError } from "../errors";
import { consume, createLimiter, sharedLimitStore, type LimitStore } from "../limits/limiter";

export const SIGN_IN_LIMITS = {
  windowSec: 15 * 60,
  perAddress: 30,
  freeFailures: 5,
  perDevice: 10,
  firstDelaySec: 30,
  maxDelaySec: 15 * 60,
  /** How long failures count toward the delays. */
  failureMemorySec: 24 * 60 * 60,
};

export type SignInLimits = typeof SIGN_IN_LIMITS;

/** Refused before the password was checked; `retryAfterMs` says when the next try may run. */
export class Throttled extends AppError {
  constructor(readonly retryAfterMs: number) {
    super("throttled");
  }
}

/** The wait after `failures` failures from untrusted browsers (none while within the free ones). */
export function progressiveDelaySec(failures: number, limits: SignInLimits = SIGN_IN_LIMITS): number {
  if (failures < limits.freeFailures) return 0;
  return Math.min(limits.maxDelaySec, limits.firstDelaySec * 2 ** (failures - limits.freeFailures));
}

export type SignInKeys = { email: string; address: string; deviceId: string | null };

export type SignInReservation = { settle: (success: boolean) => Promise<void> };

export type SignInThrottle = { reserve: (keys: SignInKeys) => Promise<SignInReservation> };

export function createSignInThrottle(store: LimitStore, limits: SignInLimits = SIGN_IN_LIMITS): SignInThrottle {
  const window = limits.windowSec;
  const byAddress = createLimiter("signin-address", { points: limits.perAddress, durationSec: window }, store);
  const freeByEmail = createLimiter("signin-email", { points: limits.freeFailures, durationSec: window }, store);
  // After the free ones: closed for the current delay after each failure, then one check at a time.
  const delayedByEmail = createLimiter("signin-email-delayed", { points: 1, durationSec: limits.firstDelaySec }, store);
  const failuresByEmail = createLimiter("signin-email-failures", { points: Number.MAX_SAFE_INTEGER, durationSec: limits.failureMemorySec }, store);
  const byDevice = createLimiter("signin-device", { points: limits.perDevice, durationSec: window }, store);

  async function reserveAccount(keys: SignInKeys) {
    if (keys.deviceId) return consume(byDevice, `${keys.deviceId}:${keys.email}`);
    const failures = (await failuresByEmail.get(keys.email))?.consumedPoints ?? 0;
    if (failures < limits.freeFailures) return consume(freeByEmail, keys.email);
    return consume(delayedByEmail, keys.email, 1, { customDuration: progressiveDelaySec(failures, limits) });
  }

  return {
    async reserve(keys) {
      const address = await consume(byAddress, keys.address);
      if (!address.allowed) throw new Throttled(address.retryAfterMs);
      const account = await reserveAccount(keys);
      if (!account.allowed) {
        await byAddress.reward(keys.address).catch(() => {});
        throw new Throttled(account.retryAfterMs);
      }
      return {
        async settle(success) {
          if (!success) {
            if (keys.deviceId) return;
            const failures = (await failuresByEmail.penalty(keys.email)).consumedPoints;
            const delaySec = progressiveDelaySec(failures, limits);
            if (delaySec > 0) await delayedByEmail.block(keys.email, delaySec);
            return;
          }
          await byAddress.reward(keys.address);
          if (keys.deviceId) {
            await byDevice.delete(`${keys.deviceId}:${keys.email}`);
          } else {
            // The password was known: the failures before it were the owner's own.
            await Promise.all([freeByEmail.delete(keys.email), delayedByEmail.delete(keys.email), failuresByEmail.delete(keys.email)]);
          }
        },
      };
    },
  };
}

const SHARED = Symbol.for("studyarena.signInThrottle");

/** The process's throttle (memory limiters must be one per process, whichever bundle asks). */
export function signInThrottle(): SignInThrottle {
  const shared = globalThis as { [SHARED]?: SignInThrottle };
  return (shared[SHARED] ??= createSignInThrottle(sharedLimitStore()));
}
