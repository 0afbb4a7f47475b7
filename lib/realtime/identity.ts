// Who a socket is, decided once at the handshake: a signed-in user (the next-auth
// session cookie) or a guest (a signed guest token), else nobody.
import { decode } from "next-auth/jwt";
import { verifyGuestToken } from "../auth/guest";
import type { Identity } from "./events";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export async function identifySocket(cookieHeader: string | undefined, auth: unknown, secret: string): Promise<Identity | null> {
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookieHeader, name);
    if (!token) continue;
    const payload = await decode({ token, secret }).catch(() => null);
    if (payload?.sub) {
      const role = payload.role === "INSTRUCTOR" || payload.role === "ADMIN" ? payload.role : "LEARNER";
      return { kind: "user", userId: payload.sub, name: String(payload.name ?? ""), role };
    }
  }
  const guestToken = typeof auth === "object" && auth !== null ? (auth as Record<string, unknown>).guestToken : undefined;
  const guest = verifyGuestToken(guestToken, secret);
  return guest ? { kind: "guest", ...guest } : null;
}
