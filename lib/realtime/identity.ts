// Who a socket is, decided once at the handshake: a signed-in user (the next-auth
// session cookie, unless that session was revoked) or a guest (a signed guest token), else nobody.
import { verifyGuestToken } from "../auth/guest";
import { verifySessionToken } from "../auth/sessions";
import type { Identity } from "./events";

export type VerifySessionToken = (token: string, secret: string) => Promise<{ userId: string; name: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" } | null>;

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export async function identifySocket(cookieHeader: string | undefined, auth: unknown, secret: string, verifyUser: VerifySessionToken = verifySessionToken): Promise<Identity | null> {
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookieHeader, name);
    if (!token) continue;
    const user = await verifyUser(token, secret);
    if (user) return { kind: "user", ...user };
  }
  const guestToken = typeof auth === "object" && auth !== null ? (auth as Record<string, unknown>).guestToken : undefined;
  const guest = verifyGuestToken(guestToken, secret);
  return guest ? { kind: "guest", ...guest } : null;
}
