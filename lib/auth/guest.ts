// A guest is a nickname with a stable id, carried in an HMAC-signed token so a
// refreshed page rejoins the same seat without an account.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export type GuestIdentity = { guestId: string; nickname: string };

const PREFIX = "g1";

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function issueGuestToken(nickname: string, secret: string, guestId: string = randomUUID()): string {
  const payload = Buffer.from(JSON.stringify({ guestId, nickname })).toString("base64url");
  return `${PREFIX}.${payload}.${sign(payload, secret)}`;
}

export function verifyGuestToken(token: unknown, secret: string): GuestIdentity | null {
  if (typeof token !== "string" || token.length > 512) return null;
  const [prefix, payload, signature] = token.split(".");
  if (prefix !== PREFIX || !payload || !signature) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<GuestIdentity>;
    if (typeof parsed.guestId !== "string" || typeof parsed.nickname !== "string") return null;
    return { guestId: parsed.guestId, nickname: parsed.nickname };
  } catch {
    return null;
  }
}
