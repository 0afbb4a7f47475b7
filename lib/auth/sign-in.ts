import { AppError } from "../errors";
import { burnPasswordCheck, verifyPassword } from "./password";
import { signInSchema } from "./schema";
import { isThrottled, recordLoginAttempt } from "./throttle";
import { findUserWithPasswordHash } from "./users";

export type AuthorizedUser = { id: string; email: string; name: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN"; locale: string };

/** Checks credentials with throttling; throws AppError(invalid_input | throttled | invalid_credentials). */
export async function authorizeCredentials(credentials: unknown, ip: string): Promise<AuthorizedUser> {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) throw new AppError("invalid_input");
  const keys = { email: parsed.data.email, ip };
  if (await isThrottled(keys)) throw new AppError("throttled");
  const user = await findUserWithPasswordHash(parsed.data.email);
  // Unknown emails cost the same time as wrong passwords.
  const valid = user ? await verifyPassword(user.passwordHash, parsed.data.password) : (await burnPasswordCheck(parsed.data.password), false);
  await recordLoginAttempt(keys, valid);
  if (!user || !valid) throw new AppError("invalid_credentials");
  const { passwordHash: _omitted, ...safe } = user;
  return safe;
}
