// Who is asking, for server components, server actions and route handlers.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect, unauthorized } from "next/navigation";
import { AppError } from "../errors";
import { signInPath } from "./callback";
import { authOptions } from "./options";

export type SessionUser = { id: string; name: string; email: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" };

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  return session?.user?.id ? session.user : null;
});

/** The page being rendered, as the proxy saw it (proxy.ts): where sign-in should send the visitor back to. */
export const REQUEST_PATH_HEADER = "x-request-path";

/** For pages: send a signed-out visitor to the sign-in page, which brings them back here afterwards. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(signInPath((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}

/**
 * For actions and route handlers. Signed out (or revoked) is answered with HTTP 401 by Next.js
 * (`unauthorized()`, which renders app/unauthorized.tsx for a page), never a 500 from a thrown error.
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) unauthorized();
  return user;
}

export function canEditBanks(user: SessionUser | null): boolean {
  return user?.role === "INSTRUCTOR" || user?.role === "ADMIN";
}

/** For editor pages: a learner gets a 404. Each page checks, not only the layout, because a
 * client-side navigation can render a page without re-rendering its layout. */
export async function requirePageEditor(): Promise<SessionUser> {
  const user = await requirePageUser();
  if (!canEditBanks(user)) notFound();
  return user;
}

export async function requireEditor(): Promise<SessionUser> {
  const user = await requireUser();
  if (!canEditBanks(user)) throw new AppError("forbidden");
  return user;
}
