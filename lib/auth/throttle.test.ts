// Sign-in under attack: parallel guesses, forged X-Forwarded-For, and a stranger trying to
// lock the owner out. Run against in-memory limits and, when REDIS_URL is set, against Redis.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient, type RedisClientType } from "redis";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { AppError } from "../errors";
import { admitRequest } from "../http/admission";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import type { LimitStore } from "../limits/limiter";
import { createUser } from "./users";
import { authorizeCredentials } from "./sign-in";
import { createSignInThrottle, progressiveDelaySec, SIGN_IN_LIMITS, Throttled, type SignInThrottle } from "./throttle";

// Counts every password check (argon2 verify, or its stand-in for unknown emails).
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("./password", async (importOriginal) => {
  const real = await importOriginal<typeof import("./password")>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => (checks.count++, real.verifyPassword(hash, password)),
    burnPasswordCheck: (password: string) => (checks.count++, real.burnPasswordCheck(password)),
  };
});

const PASSWORD = "correct horse battery";
let database: TestDatabase;
let redis: RedisClientType | null = null;

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  if (process.env.REDIS_URL) {
    redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
  }
});
afterAll(async () => {
  await redis?.quit();
  await database.drop();
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "signed_in";
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

const stores: [string, () => LimitStore | null][] = [
  ["in memory", () => ({ redis: null, keyPrefix: `test:${randomUUID()}` })],
  ["in Redis", () => (redis ? { redis, keyPrefix: `studyarena-test:${randomUUID()}` } : null)],
];

describe.each(stores)("sign-in limits %s", (label, makeStore) => {
  let throttle: SignInThrottle;
  let email: string;

  beforeEach(async (context) => {
    const store = makeStore();
    if (!store) return context.skip(`${label}: needs REDIS_URL (the test script starts a redis-server)`);
    throttle = createSignInThrottle(store);
    email = `owner-${randomUUID().slice(0, 8)}@example.com`;
    await createUser({ name: "Owner", email, password: PASSWORD, role: "ADMIN" });
    checks.count = 0;
  });

  it("checks at most 5 passwords of 40 parallel wrong guesses on one account, the right one among them", async () => {
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? PASSWORD : `wrong guess number ${i}`));
    const outcomes = await Promise.all(guesses.map((password, i) => outcome(authorizeCredentials({ email, password }, { address: `198.51.100.${i}`, throttle }))));
    expect(checks.count).toBeLessThanOrEqual(SIGN_IN_LIMITS.freeFailures);
    expect(tally(outcomes).throttled).toBeGreaterThanOrEqual(40 - SIGN_IN_LIMITS.freeFailures);
    // The next guess waits for the first delay, and is refused without a check.
    checks.count = 0;
    const next = await authorizeCredentials({ email, password: "one more wrong guess" }, { address: "198.51.100.200", throttle }).catch((error: unknown) => error);
    expect(next).toBeInstanceOf(Throttled);
    expect((next as Throttled).retryAfterMs).toBeGreaterThan(0);
    expect((next as Throttled).retryAfterMs).toBeLessThanOrEqual(SIGN_IN_LIMITS.firstDelaySec * 1000);
    expect(checks.count).toBe(0);
  });

  it("lets the owner's browser, known by its device cookie, sign in while a stranger is throttled", async () => {
    const owner = await authorizeCredentials({ email, password: PASSWORD }, { address: "203.0.113.10", throttle });
    const strangerGuesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => outcome(authorizeCredentials({ email, password: `stranger guess ${i}` }, { address: "192.0.2.66", throttle }))),
    );
    expect(tally(strangerGuesses)).toEqual({ invalid_credentials: 5, throttled: 35 });
    // The owner's browser: the right password works, even from the stranger's own address.
    const again = await authorizeCredentials({ email, password: PASSWORD }, { address: "203.0.113.10", deviceCookie: owner.deviceCookie, throttle });
    expect(again.user.email).toBe(email);
    expect(await outcome(authorizeCredentials({ email, password: PASSWORD }, { address: "192.0.2.66", deviceCookie: owner.deviceCookie, throttle }))).toBe("signed_in");
    // A browser that never signed in waits out the stranger's delay; the stranger is still throttled.
    expect(await outcome(authorizeCredentials({ email, password: PASSWORD }, { address: "203.0.113.11", throttle }))).toBe("throttled");
    expect(await outcome(authorizeCredentials({ email, password: "stranger guess 41" }, { address: "192.0.2.66", throttle }))).toBe("throttled");
    // A forged or foreign device cookie earns no trust.
    const forged = `${"A".repeat(16)}~${"B".repeat(22)}`;
    expect(await outcome(authorizeCredentials({ email, password: "stranger guess 42" }, { address: "192.0.2.66", deviceCookie: forged, throttle }))).toBe("throttled");
  });

  it("gives a trusted device its own budget: its failures are limited too", async () => {
    const { deviceCookie } = await authorizeCredentials({ email, password: PASSWORD }, { address: "203.0.113.20", throttle });
    checks.count = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => outcome(authorizeCredentials({ email, password: `typo ${i}` }, { address: "203.0.113.20", deviceCookie, throttle }))),
    );
    expect(checks.count).toBe(SIGN_IN_LIMITS.perDevice);
    expect(tally(outcomes)).toEqual({ invalid_credentials: SIGN_IN_LIMITS.perDevice, throttled: 20 - SIGN_IN_LIMITS.perDevice });
  });

  it("limits one address across accounts, and a correct password gives its check back", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => outcome(authorizeCredentials({ email: `nobody${i}@example.com`, password: "wrong password!!" }, { address: "192.0.2.77", throttle }))),
    );
    expect(tally(outcomes)).toEqual({ invalid_credentials: SIGN_IN_LIMITS.perAddress, throttled: 40 - SIGN_IN_LIMITS.perAddress });
    expect(checks.count).toBe(SIGN_IN_LIMITS.perAddress);
  });

  it("after the free failures, waits a delay that doubles with each further failure", async () => {
    const quick = createSignInThrottle(makeStore()!, { ...SIGN_IN_LIMITS, firstDelaySec: 1, maxDelaySec: 4 });
    const guess = (n: number) => authorizeCredentials({ email, password: `wrong guess ${n}` }, { address: "192.0.2.88", throttle: quick }).catch((error: unknown) => error);
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i++) expect(await guess(i)).toMatchObject({ code: "invalid_credentials" });
    const first = (await guess(10)) as Throttled;
    expect(first).toBeInstanceOf(Throttled);
    expect(first.retryAfterMs).toBeLessThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, first.retryAfterMs + 100));
    expect(await guess(11)).toMatchObject({ code: "invalid_credentials" });
    const second = (await guess(12)) as Throttled;
    expect(second).toBeInstanceOf(Throttled);
    expect(second.retryAfterMs).toBeLessThanOrEqual(2000);
  });
});

describe("progressive delays", () => {
  it("start after the free failures at 30 s and double up to 15 minutes", () => {
    expect([4, 5, 6, 7, 8, 9, 10, 20].map((failures) => progressiveDelaySec(failures))).toEqual([0, 30, 60, 120, 240, 480, 900, 900]);
  });
});

describe("the client's address behind server.ts", () => {
  let server: Server;
  let url: string;
  let throttle: SignInThrottle;

  beforeAll(async () => {
    // server.ts's admission step, then what the sign-in route does with the stamped address.
    server = createServer((req, res) => {
      if (!admitRequest(req, res)) return;
      const address = String(req.headers[CLIENT_ADDRESS_HEADER]);
      const email = String(new URL(req.url ?? "/", "http://x").searchParams.get("email"));
      void outcome(authorizeCredentials({ email, password: "wrong password!!" }, { address, throttle })).then((result) => res.end(JSON.stringify({ result, address })));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    throttle = createSignInThrottle({ redis: null, keyPrefix: `test:${randomUUID()}` });
  });

  async function rotatingGuesses(): Promise<{ result: string; address: string }[]> {
    return Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const response = await fetch(`${url}/?email=victim${i}@example.com`, { headers: { "x-forwarded-for": `10.${i}.0.1` } });
        return (await response.json()) as { result: string; address: string };
      }),
    );
  }

  it("ignores X-Forwarded-For without TRUST_PROXY: rotating it changes nothing", async () => {
    vi.stubEnv("TRUST_PROXY", "");
    const replies = await rotatingGuesses();
    expect(new Set(replies.map((r) => r.address))).toEqual(new Set(["127.0.0.1"]));
    expect(tally(replies.map((r) => r.result))).toEqual({ invalid_credentials: SIGN_IN_LIMITS.perAddress, throttled: 40 - SIGN_IN_LIMITS.perAddress });
    vi.unstubAllEnvs();
  });

  it("uses the address the trusted proxy appended with TRUST_PROXY=1", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const replies = await rotatingGuesses();
    expect(new Set(replies.map((r) => r.address)).size).toBe(40);
    expect(tally(replies.map((r) => r.result))).toEqual({ invalid_credentials: 40 });
    vi.unstubAllEnvs();
  });
});
