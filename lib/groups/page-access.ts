// For pages: who is asking as an Actor, and AppErrors that mean "you cannot see this" turned
// into a 404 (a group the caller may not see looks like a missing one).
import "server-only";
import { notFound } from "next/navigation";
import { requirePageUser } from "../auth/session";
import { AppError } from "../errors";
import type { Actor } from "./access";

export async function pageActor(): Promise<Actor & { kind: "user" }> {
  const user = await requirePageUser();
  return { kind: "user", id: user.id, role: user.role };
}

export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
}
