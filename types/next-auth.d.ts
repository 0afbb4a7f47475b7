import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: string;
    locale?: string;
    /** The account's session version when the token was issued (lib/auth/session-state.ts). */
    sv?: number;
  }
}
