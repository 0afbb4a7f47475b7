import { AppError, type ActionResult } from "../errors";
import { consume, createLimiter, sharedLimitStore, type LimitStore } from "../limits/limiter";
import { isGuessablePassword } from "./password-policy";
import { fieldErrorsOf, signUpSchema } from "./schema";
import { createUser } from "./users";

/** Accounts one address may create per hour (SIGNUP_LIMIT_PER_HOUR; a school behind one address may need more). */
export function signUpLimitPerHour(env: string | undefined = process.env.SIGNUP_LIMIT_PER_HOUR): number {
  const limit = Number(env ?? 10);
  return Number.isInteger(limit) && limit > 0 ? limit : 10;
}

export type SignUpLimiter = ReturnType<typeof createLimiter>;

export function createSignUpLimiter(store: LimitStore, perHour = signUpLimitPerHour()): SignUpLimiter {
  return createLimiter("signup-address", { points: perHour, durationSec: 60 * 60 }, store);
}

const SHARED = Symbol.for("studyarena.signUpLimiter");

function signUpLimiter(): SignUpLimiter {
  const shared = globalThis as { [SHARED]?: SignUpLimiter };
  return (shared[SHARED] ??= createSignUpLimiter(sharedLimitStore()));
}

/**
 * Validates and creates a learner account. Bad input and guessable passwords write nothing and
 * cost nothing; every other attempt counts against the address's hourly allowance.
 */
export async function signUp(input: unknown, locale: string, context: { address: string; limiter?: SignUpLimiter }): Promise<ActionResult<{ id: string; email: string }>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
  if (await isGuessablePassword(parsed.data.password, [parsed.data.email, parsed.data.name])) {
    return { ok: false, code: "invalid_input", fieldErrors: { password: ["password_common"] } };
  }
  const allowance = await consume(context.limiter ?? signUpLimiter(), context.address);
  if (!allowance.allowed) return { ok: false, code: "rate_limited" };
  try {
    const user = await createUser({ ...parsed.data, locale });
    return { ok: true, data: { id: user.id, email: user.email } };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}
