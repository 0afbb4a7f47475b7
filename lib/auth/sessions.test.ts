// Sessions end on every device within a minute of a demotion, a password change, "sign out
// everywhere" or a deleted account, with one database read per user and minute. The clock is
// injected; each device's session is asked for through next-auth's own session handler.
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { authOptions } from "./options";
import { canEditBanks, type SessionUser } from "./session";
import { SESSION_RECHECK_MS, SessionStates } from "./session-state";
import { changePassword, signOutEverywhere } from "./sessions";
import { authorizeCredentials } from "./sign-in";
import { createSignInThrottle } from "./throttle";
import { createUser, readSessionState, type Role } from "./users";

const SECRET = "session-test-secret-".padEnd(48, "s");
const PASSWORD = "correct horse battery";
let database: TestDatabase;

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await database.drop();
});

/** One server process: its clock, its cache of session states, and how often it read the database.
 * A session is asked for as the app's pages ask (getServerSession with the app's options). */
function serverProcess(start: number) {
  const clock = { now: start };
  const reads = { count: 0 };
  const states = new SessionStates(
    (userId) => {
      reads.count++;
      return readSessionState(userId);
    },
    () => clock.now,
  );
  const options = authOptions({ sessions: states });
  return {
    clock,
    reads,
    states,
    /** What the browser's next request is told: the session's user, or null when signed out. */
    async session(cookie: string): Promise<SessionUser | null> {
      const request = { headers: { cookie: `next-auth.session-token=${cookie}` }, cookies: { "next-auth.session-token": cookie } };
      const response = { getHeader: () => undefined, setHeader: () => {}, setCookie: () => {} };
      const session = await getServerSession(request as never, response as never, options);
      return (session?.user as SessionUser | undefined) ?? null;
    },
    /** A browser signs in: the credentials check, then next-auth's jwt callback and cookie. */
    async signIn(email: string, password = PASSWORD): Promise<string> {
      const { user } = await authorizeCredentials({ email, password }, { address: "203.0.113.5", throttle: createSignInThrottle({ redis: null, keyPrefix: randomUUID() }) });
      const token = await options.callbacks!.jwt!({ token: { sub: user.id, name: user.name, email: user.email }, user: user as never, account: null });
      return encode({ token, secret: SECRET });
    },
  };
}

async function account(role: Role) {
  return createUser({ name: "Jisoo", email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`, password: PASSWORD, role });
}

const T0 = Date.parse("2026-03-02T09:00:00+09:00");

describe("session revocation", () => {
  let web: ReturnType<typeof serverProcess>;
  beforeEach(() => {
    web = serverProcess(T0);
  });

  it("refuses a demoted instructor within 60 s, reading the account once a minute however many requests come", async () => {
    const instructor = await account("INSTRUCTOR");
    const cookie = await web.signIn(instructor.email);
    expect(canEditBanks(await web.session(cookie))).toBe(true);
    expect(web.reads.count).toBe(1);

    // Demoted by another process (the role script, or an admin elsewhere).
    await database.db.user.update({ where: { id: instructor.id }, data: { role: "LEARNER" } });
    for (let second = 1; second < 60; second++) {
      web.clock.now = T0 + second * 1000;
      await web.session(cookie);
    }
    expect(web.reads.count).toBe(1);

    web.clock.now = T0 + SESSION_RECHECK_MS;
    const after = await web.session(cookie);
    expect(after).toMatchObject({ id: instructor.id, role: "LEARNER" });
    expect(canEditBanks(after)).toBe(false);
    expect(web.reads.count).toBe(2);
  });

  it("refuses every device's session after sign out everywhere: at once here, within 60 s on other processes", async () => {
    const learner = await account("LEARNER");
    const other = serverProcess(T0);
    const laptop = await web.signIn(learner.email);
    const phone = await web.signIn(learner.email);
    expect(await web.session(phone)).toMatchObject({ id: learner.id });
    expect(await other.session(phone)).toMatchObject({ id: learner.id });

    await signOutEverywhere(learner.id, web.states);
    expect(await web.session(laptop)).toBeNull();
    expect(await web.session(phone)).toBeNull();
    other.clock.now = T0 + SESSION_RECHECK_MS;
    expect(await other.session(phone)).toBeNull();
    // Signing in again works, and only the new session is valid.
    const fresh = await web.signIn(learner.email);
    expect(await web.session(fresh)).toMatchObject({ id: learner.id });
    expect(await web.session(laptop)).toBeNull();
  });

  it("ends other devices' sessions on a password change; the device that changed it gets a renewed session", async () => {
    const learner = await account("LEARNER");
    const other = await web.signIn(learner.email);
    const context = { address: "203.0.113.5", throttle: createSignInThrottle({ redis: null, keyPrefix: randomUUID() }), states: web.states };

    expect(await changePassword(learner.id, { currentPassword: "not my password", newPassword: "a brand new passphrase" }, context)).toEqual({
      ok: false,
      code: "invalid_input",
      fieldErrors: { currentPassword: ["password_wrong"] },
    });
    expect(await changePassword(learner.id, { currentPassword: PASSWORD, newPassword: "password1234" }, context)).toEqual({
      ok: false,
      code: "invalid_input",
      fieldErrors: { newPassword: ["password_common"] },
    });
    expect(await web.session(other)).toMatchObject({ id: learner.id });

    const changed = await changePassword(learner.id, { currentPassword: PASSWORD, newPassword: "a brand new passphrase" }, context);
    expect(changed).toEqual({ ok: true, data: { sessionVersion: 1 } });
    expect(await web.session(other)).toBeNull();
    // What changePasswordAction sets on the changing device.
    const renewed = await encode({ token: { sub: learner.id, name: learner.name, sv: 1 }, secret: SECRET });
    expect(await web.session(renewed)).toMatchObject({ id: learner.id });
    await expect(web.signIn(learner.email)).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(await web.session(await web.signIn(learner.email, "a brand new passphrase"))).toMatchObject({ id: learner.id });
  });

  it("refuses a deleted account's sessions within 60 s", async () => {
    const learner = await account("LEARNER");
    const cookie = await web.signIn(learner.email);
    expect(await web.session(cookie)).toMatchObject({ id: learner.id });
    await database.db.user.delete({ where: { id: learner.id } });
    web.clock.now = T0 + SESSION_RECHECK_MS;
    expect(await web.session(cookie)).toBeNull();
  });

  it("accepts tokens issued before session versions existed, until the version is raised", async () => {
    const learner = await account("LEARNER");
    const legacy = await encode({ token: { sub: learner.id, name: learner.name, role: "LEARNER" }, secret: SECRET });
    expect(await web.session(legacy)).toMatchObject({ id: learner.id });
    await signOutEverywhere(learner.id, web.states);
    expect(await web.session(legacy)).toBeNull();
  });
});
