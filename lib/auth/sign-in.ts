import { AppError } from "../errors";
import { rememberDevice, trustedDeviceId } from "./device";
import { burnPasswordCheck, verifyPassword } from "./password";
import { signInSchema } from "./schema";
import { authSecret } from "./secret";
import { signInThrottle, type SignInThrottle } from "./throttle";
import { findUserWithPasswordHash, type Role } from "./users";

export type AuthorizedUser = { id: string; email: string; name: string; role: Role; locale: string; sessionVersion: number };

export type SignInContext = {
  /** The client's address (CLIENT_ADDRESS_HEADER, stamped by server.ts). */
  address: string;
  /** The browser's device cookie, if it sent one. */
  deviceCookie?: string | undefined;
  throttle?: SignInThrottle;
};

/**
 * Checks credentials under the sign-in throttle; throws AppError(invalid_input | throttled | invalid_credentials).
 * On success also returns the device cookie to set, which marks this browser as one the owner uses.
 */
export async function authorizeCredentials(credentials: unknown, context: SignInContext): Promise<{ user: AuthorizedUser; deviceCookie: string }> {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) throw new AppError("invalid_input");
  const { email, password } = parsed.data;
  const user = await findUserWithPasswordHash(email);
  const deviceId = user ? trustedDeviceId(context.deviceCookie, email, user.sessionVersion, authSecret()) : null;
  const reservation = await (context.throttle ?? signInThrottle()).reserve({ email, address: context.address, deviceId });
  // Unknown emails cost the same time as wrong passwords.
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  await reservation.settle(valid);
  if (!user || !valid) throw new AppError("invalid_credentials");
  const { passwordHash: _omitted, ...safe } = user;
  return { user: safe, deviceCookie: rememberDevice(context.deviceCookie, email, user.sessionVersion, authSecret()) };
}
