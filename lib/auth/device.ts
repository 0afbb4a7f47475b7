// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser
// that has signed in to an account carries a signed entry for it, and its sign-in attempts on
// that account are counted apart from everyone else's, so a stranger's failures never lock the
// owner out. An entry names a random device id and is signed for the email and the account's
// session version: a password change or "sign out everywhere" makes old entries worthless.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE = "studyarena.device";
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
const MAX_ENTRIES = 5;
const ENTRY = /^[A-Za-z0-9_-]{16}~[A-Za-z0-9_-]{22}$/;

function signature(deviceId: string, email: string, sessionVersion: number, secret: string): string {
  return createHmac("sha256", `device-cookie:${secret}`).update(`${deviceId}|${email}|${sessionVersion}`).digest("base64url").slice(0, 22);
}

function entries(cookie: string | undefined): string[] {
  if (!cookie || cookie.length > 1024) return [];
  return cookie.split(".").filter((entry) => ENTRY.test(entry)).slice(0, MAX_ENTRIES);
}

/** The device id this cookie holds for the account, or null when it holds none that is valid. */
export function trustedDeviceId(cookie: string | undefined, email: string, sessionVersion: number, secret: string): string | null {
  for (const entry of entries(cookie)) {
    const [deviceId = "", given = ""] = entry.split("~");
    const expected = signature(deviceId, email, sessionVersion, secret);
    if (timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return deviceId;
  }
  return null;
}

/** The cookie after a successful sign-in: this account's entry first, at most five accounts kept. */
export function rememberDevice(cookie: string | undefined, email: string, sessionVersion: number, secret: string): string {
  const known = trustedDeviceId(cookie, email, sessionVersion, secret);
  const deviceId = known ?? randomBytes(12).toString("base64url");
  const mine = `${deviceId}~${signature(deviceId, email, sessionVersion, secret)}`;
  const others = entries(cookie).filter((entry) => entry !== mine);
  return [mine, ...others].slice(0, MAX_ENTRIES).join(".");
}
