"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "./config";
import type { ActionResult } from "../errors";

const localeSchema = z.enum(LOCALES);

export async function setLocaleAction(locale: unknown): Promise<ActionResult> {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  revalidatePath("/", "layout");
  return { ok: true, data: undefined };
}
