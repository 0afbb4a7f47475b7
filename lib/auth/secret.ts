// AUTH_SECRET signs sessions and guest tokens. In development without one, a random
// secret is kept in the data folder so sessions survive restarts.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

let cached: string | null = null;

export function authSecret(): string {
  if (cached) return cached;
  const configured = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (configured) return (cached = configured);
  if (process.env.NODE_ENV === "production" && !process.env.STUDYARENA_EMBEDDED) {
    throw new Error("AUTH_SECRET must be set in production (32+ random characters).");
  }
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.STUDYARENA_DATA_DIR ?? ".data");
  const file = path.join(dir, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    cached = randomBytes(32).toString("base64url");
    writeFileSync(file, cached, { mode: 0o600 });
  }
  process.env.AUTH_SECRET = cached;
  return cached;
}
