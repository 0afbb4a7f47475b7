"use server";
import { cookies } from "next/headers";
import type { ActionResult } from "../errors";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "../i18n/config";
import { signUp } from "./sign-up";

/** Creates a learner account; the form then signs in through next-auth. */
export async function signUpAction(input: unknown): Promise<ActionResult<{ id: string; email: string }>> {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  return signUp(input, isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE);
}
