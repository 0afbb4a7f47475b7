import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "../errors";
import { authSecret } from "./secret";
import { authorizeCredentials } from "./sign-in";

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || "local";
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "email",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        // Errors thrown here reach the sign-in form as `error` codes (auth.errors.*).
        async authorize(credentials, req) {
          try {
            return await authorizeCredentials(credentials, clientIp(req?.headers as Record<string, unknown> | undefined));
          } catch (error) {
            throw new Error(error instanceof AppError ? error.code : "internal");
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as { id: string; role: string; locale: string };
          token.sub = u.id;
          token.role = u.role;
          token.locale = u.locale;
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
