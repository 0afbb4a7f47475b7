import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "../errors";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from "./device";
import { authSecret } from "./secret";
import type { SessionStates } from "./session-state";
import { sessionStates } from "./sessions";
import { authorizeCredentials } from "./sign-in";
import { Throttled } from "./throttle";

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** Thrown by the jwt callback for a revoked session: next-auth then answers "no session" and clears the cookie. */
class SessionRevoked extends Error {
  constructor() {
    super("session revoked");
    this.name = "SessionRevoked";
  }
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === "string" ? value : undefined;
}

function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of cookieHeader?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

async function setDeviceCookie(value: string): Promise<void> {
  // Only inside Next.js (the sign-in route handler): next/headers is loaded there and nowhere else.
  const { cookies } = await import("next/headers");
  (await cookies()).set(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
}

/** `sessions` is injectable so tests can move the clock; the app uses the process's one. */
export function authOptions(options: { sessions?: SessionStates } = {}): NextAuthOptions {
  const sessions = () => options.sessions ?? sessionStates();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin" },
    logger: {
      error(code, metadata) {
        // next-auth passes the error flattened to { name, message, stack }, or under `error`.
        const flat = metadata as { name?: string; error?: { name?: string } } | undefined;
        if (flat?.name === "SessionRevoked" || flat?.error?.name === "SessionRevoked") return;
        // A cookie we cannot decode (forged, or signed with an old secret) is the client's problem: one line.
        if (code === "JWT_SESSION_ERROR") return console.warn(`[next-auth] ${code}: ${(metadata as { message?: string } | undefined)?.message ?? ""}`);
        console.error(`[next-auth] ${code}`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        name: "email",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        // Errors thrown here reach the sign-in form as `error` codes (auth.errors.*); "throttled:<seconds>" says how long to wait.
        async authorize(credentials, req) {
          const headers = req?.headers as Record<string, unknown> | undefined;
          try {
            const { user, deviceCookie } = await authorizeCredentials(credentials, {
              address: header(headers, CLIENT_ADDRESS_HEADER) ?? "unknown",
              deviceCookie: readCookie(header(headers, "cookie"), DEVICE_COOKIE),
            });
            await setDeviceCookie(deviceCookie);
            // This process now knows the account's current role and version (a role just changed shows at once).
            sessions().remember(user.id, { role: user.role, name: user.name, sessionVersion: user.sessionVersion });
            return user;
          } catch (error) {
            if (error instanceof Throttled) throw new Error(`throttled:${Math.ceil(error.retryAfterMs / 1000)}`);
            throw new Error(error instanceof AppError ? error.code : "internal");
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as { id: string; role: string; locale: string; sessionVersion: number };
          token.sub = u.id;
          token.role = u.role;
          token.locale = u.locale;
          token.sv = u.sessionVersion;
          return token;
        }
        if (!token.sub) throw new SessionRevoked();
        // At most one database read per user and minute per process (session-state.ts).
        const verdict = await sessions().verdict(token.sub, token.sv);
        if (verdict.kind === "revoked") throw new SessionRevoked();
        if (verdict.kind === "valid") {
          token.role = verdict.role;
          token.name = verdict.name;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          id: token.sub ?? "",
          name: token.name ?? "",
          email: token.email ?? "",
          role: (token.role as "LEARNER" | "INSTRUCTOR" | "ADMIN") ?? "LEARNER",
        };
        return session;
      },
    },
  };
}
