// The process's view of every signed-in user's session state (see session-state.ts), and the
// account changes that end sessions: a password change and "sign out everywhere".
import { decode } from "next-auth/jwt";
import { AppError, type ActionResult } from "../errors";
import { hashPassword, verifyPassword } from "./password";
import { isGuessablePassword } from "./password-policy";
import { changePasswordSchema, fieldErrorsOf } from "./schema";
import { SessionStates, type SessionVerdict } from "./session-state";
import { signInThrottle, type SignInThrottle } from "./throttle";
import { findPasswordHashById, raiseSessionVersion, readSessionState, setPasswordHash } from "./users";

const SHARED = Symbol.for("studyarena.sessionStates");

/** One per process, on globalThis: Next.js bundles route handlers, pages and server.ts apart. */
export function sessionStates(): SessionStates {
  const shared = globalThis as { [SHARED]?: SessionStates };
  return (shared[SHARED] ??= new SessionStates(readSessionState));
}

/** Checks a raw session token (the Socket.IO handshake reads the cookie itself). */
export async function verifySessionToken(token: string, secret: string, states: SessionStates = sessionStates()): Promise<{ userId: string; name: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" } | null> {
  const payload = await decode({ token, secret }).catch(() => null);
  if (!payload?.sub) return null;
  const verdict: SessionVerdict = await states.verdict(payload.sub, typeof payload.sv === "number" ? payload.sv : undefined);
  if (verdict.kind === "revoked") return null;
  if (verdict.kind === "valid") return { userId: payload.sub, name: verdict.name, role: verdict.role };
  const role = payload.role === "INSTRUCTOR" || payload.role === "ADMIN" ? payload.role : "LEARNER";
  return { userId: payload.sub, name: String(payload.name ?? ""), role };
}

/** Ends every session of the user, on every device, within a minute (at once on this process). */
export async function signOutEverywhere(userId: string, states: SessionStates = sessionStates()): Promise<number> {
  const state = await raiseSessionVersion(userId);
  states.remember(userId, state);
  return state.sessionVersion;
}

/**
 * Checks the current password, refuses a guessable new one, stores its hash and ends every
 * other session. Returns the new session version, for the device that made the change.
 */
export async function changePassword(
  userId: string,
  input: unknown,
  context: { address: string; throttle?: SignInThrottle; states?: SessionStates },
): Promise<ActionResult<{ sessionVersion: number }>> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
  const user = await findPasswordHashById(userId);
  if (!user) throw new AppError("unauthenticated");
  // Checking the current password is a guess like any other: a borrowed session gets the budget of one device.
  const reservation = await (context.throttle ?? signInThrottle()).reserve({ email: user.email, address: context.address, deviceId: `session-${userId}` });
  const currentValid = await verifyPassword(user.passwordHash, parsed.data.currentPassword);
  await reservation.settle(currentValid);
  if (!currentValid) {
    return { ok: false, code: "invalid_input", fieldErrors: { currentPassword: ["password_wrong"] } };
  }
  if (await isGuessablePassword(parsed.data.newPassword, [user.email, user.name])) {
    return { ok: false, code: "invalid_input", fieldErrors: { newPassword: ["password_common"] } };
  }
  const state = await setPasswordHash(userId, await hashPassword(parsed.data.newPassword));
  (context.states ?? sessionStates()).remember(userId, state);
  return { ok: true, data: { sessionVersion: state.sessionVersion } };
}
