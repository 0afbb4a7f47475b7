// The only module that reads password hashes.
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { hashPassword } from "./password";
import type { SignUpInput } from "./schema";

export type Role = "LEARNER" | "INSTRUCTOR" | "ADMIN";

export async function createUser(input: SignUpInput & { role?: Role; locale?: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().user.create({
      data: { email: input.email, name: input.name, passwordHash, role: input.role ?? "LEARNER", locale: input.locale ?? "ko" },
      select: { id: true, email: true, name: true, role: true, locale: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("email_taken");
    throw error;
  }
}

export function findUserWithPasswordHash(email: string) {
  return db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, locale: true, sessionVersion: true, passwordHash: true },
  });
}

export function findPasswordHashById(id: string) {
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, passwordHash: true } });
}

/** What a session depends on (see session-state.ts); null for a deleted account. */
export function readSessionState(id: string): Promise<{ role: Role; name: string; sessionVersion: number } | null> {
  return db().user.findUnique({ where: { id }, select: { role: true, name: true, sessionVersion: true } });
}

/** A new password ends every session made with the old one. */
export function setPasswordHash(id: string, passwordHash: string) {
  return db().user.update({ where: { id }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { role: true, name: true, sessionVersion: true } });
}

export function raiseSessionVersion(id: string) {
  return db().user.update({ where: { id }, data: { sessionVersion: { increment: 1 } }, select: { role: true, name: true, sessionVersion: true } });
}

export function findUserById(id: string) {
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, locale: true } });
}

export async function setUserLocale(userId: string, locale: string) {
  await db().user.update({ where: { id: userId }, data: { locale } });
}
