import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { AppError } from "../errors";
import { DEFAULT_KEY_PREFIX } from "../limits/limiter";
import { createSignUpLimiter, signUp as signUpWith } from "./sign-up";
import { authorizeCredentials as authorizeWith, type SignInContext } from "./sign-in";
import { createSignInThrottle } from "./throttle";
import { verifyPassword } from "./password";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
});
afterAll(async () => {
  await database.drop();
});
// Fresh in-memory limits for every test: these tests are about accounts, throttle.test.ts is about limits.
const memory = { redis: null, keyPrefix: DEFAULT_KEY_PREFIX };
let signUp: (input: unknown, locale: string) => ReturnType<typeof signUpWith>;
let authorizeCredentials: (credentials: unknown, context: Omit<SignInContext, "throttle">) => Promise<unknown>;
beforeEach(async () => {
  await database.db.user.deleteMany();
  const limiter = createSignUpLimiter(memory, 100);
  const throttle = createSignInThrottle(memory);
  signUp = (input, locale) => signUpWith(input, locale, { address: "10.9.9.9", limiter });
  authorizeCredentials = async (credentials, context) => (await authorizeWith(credentials, { ...context, throttle })).user;
});

const good = { name: "김민수", email: "Minsu@Example.com", password: "correct horse battery" };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe("sign-up", () => {
  it("creates a learner with a normalized email and an argon2id hash", async () => {
    const result = await signUp(good, "ko");
    expect(result.ok).toBe(true);
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "minsu@example.com" }, omit: { passwordHash: false } });
    expect(user.role).toBe("LEARNER");
    expect(user.locale).toBe("ko");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(user.passwordHash, good.password)).toBe(true);
  });

  it("never returns the password hash from ordinary queries", async () => {
    await signUp(good, "ko");
    const user = await database.db.user.findFirstOrThrow();
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("refuses a duplicate email, whatever its case", async () => {
    await signUp(good, "ko");
    const again = await signUp({ ...good, email: "MINSU@example.COM" }, "ko");
    expect(again).toEqual({ ok: false, code: "email_taken" });
    expect(await database.db.user.count()).toBe(1);
  });

  const hostile: [string, unknown, string][] = [
    ["empty object", {}, "email"],
    ["empty strings", { name: "", email: "", password: "" }, "password"],
    ["short password", { ...good, password: "short" }, "password"],
    ["too long password", { ...good, password: "x".repeat(129) }, "password"],
    ["too long name", { ...good, name: "가".repeat(51) }, "name"],
    ["HTML in name", { ...good, name: "<script>alert(1)</script>" }, "name"],
    ["SQL in email", { ...good, email: "a' OR '1'='1" }, "email"],
    ["wrong types", { name: 42, email: ["a@b.c"], password: { $gt: "" } }, "name"],
    ["null", null, "form"],
  ];
  for (const [label, input, field] of hostile) {
    it(`rejects ${label} with a field error and writes nothing`, async () => {
      const result = await signUp(input, "ko");
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe("invalid_input");
        expect(Object.keys(result.fieldErrors ?? {})).toContain(field);
      }
      expect(await database.db.user.count()).toBe(0);
    });
  }
});

describe("sign-in", () => {
  beforeEach(async () => {
    await signUp(good, "en");
  });

  it("accepts the right password and returns the user without its hash", async () => {
    const user = await authorizeCredentials({ email: "minsu@example.com", password: good.password }, { address: "1.2.3.4" });
    expect(user).toMatchObject({ email: "minsu@example.com", name: "김민수", role: "LEARNER", locale: "en" });
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("answers a wrong password and an unknown email alike", async () => {
    expect(await codeOf(authorizeCredentials({ email: "minsu@example.com", password: "wrong password!!" }, { address: "ip" }))).toBe("invalid_credentials");
    expect(await codeOf(authorizeCredentials({ email: "nobody@example.com", password: "wrong password!!" }, { address: "ip" }))).toBe("invalid_credentials");
  });

  it("refuses malformed credentials before touching the database", async () => {
    expect(await codeOf(authorizeCredentials({ email: "not-an-email", password: "x" }, { address: "ip" }))).toBe("invalid_input");
    expect(await codeOf(authorizeCredentials({ email: { $ne: null }, password: "x" }, { address: "ip" }))).toBe("invalid_input");
  });
});

describe("passwords and sign-up limits", () => {
  for (const password of ["aaaaaaaaaaaa", "password1234", "qwertyuiop123", "minsu@example.com", "김민수김민수김민수김민수"]) {
    it(`refuses the guessable password ${JSON.stringify(password)} and writes nothing`, async () => {
      const result = await signUp({ ...good, password }, "ko");
      expect(result).toEqual({ ok: false, code: "invalid_input", fieldErrors: { password: ["password_common"] } });
      expect(await database.db.user.count()).toBe(0);
    });
  }

  it("creates at most the hourly allowance of accounts from one address, however fast they come", async () => {
    const limiter = createSignUpLimiter(memory, 10);
    const attempts = await Promise.all(
      Array.from({ length: 15 }, (_, i) => signUpWith({ ...good, email: `bulk${i}@example.com` }, "ko", { address: "203.0.113.7", limiter })),
    );
    expect(attempts.filter((r) => r.ok)).toHaveLength(10);
    expect(attempts.filter((r) => !r.ok && r.code === "rate_limited")).toHaveLength(5);
    expect(await database.db.user.count()).toBe(10);
    // Another address is not affected; invalid input from the spent address is still answered as such.
    expect(await signUpWith({ ...good, email: "other@example.com" }, "ko", { address: "198.51.100.1", limiter })).toMatchObject({ ok: true });
    expect(await signUpWith({ ...good, password: "short" }, "ko", { address: "203.0.113.7", limiter })).toMatchObject({ ok: false, code: "invalid_input" });
  });
});
