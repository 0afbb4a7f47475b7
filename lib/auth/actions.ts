"use server";
import { cookies, headers } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import type { ActionResult } from "../errors";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { disconnectUserSockets } from "../realtime/user-sockets";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "../i18n/config";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, rememberDevice } from "./device";
import { SESSION_MAX_AGE_S } from "./options";
import { authSecret } from "./secret";
import { requireUser } from "./session";
import { changePassword, signOutEverywhere } from "./sessions";
import { signUp } from "./sign-up";
import { Throttled } from "./throttle";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

async function clientAddress(): Promise<string> {
  return (await headers()).get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

/** Creates a learner account; the form then signs in through next-auth. */
export async function signUpAction(input: unknown): Promise<ActionResult<{ id: string; email: string }>> {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  return signUp(input, isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE, { address: await clientAddress() });
}

/** Changes the password; every other device is signed out, this one stays signed in. */
export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  const user = await requireUser();
  let result;
  try {
    result = await changePassword(user.id, input, { address: await clientAddress() });
  } catch (error) {
    if (error instanceof Throttled) return { ok: false, code: "throttled" };
    throw error;
  }
  if (!result.ok) return result;
  // Live-room sockets opened with the old sessions reconnect; only a valid session is a user again.
  disconnectUserSockets(user.id);
  const jar = await cookies();
  const secret = authSecret();
  for (const name of SESSION_COOKIES) {
    const token = jar.get(name)?.value;
    const payload = token ? await decode({ token, secret }).catch(() => null) : null;
    if (!payload) continue;
    const renewed = await encode({ token: { ...payload, sv: result.data.sessionVersion }, secret, maxAge: SESSION_MAX_AGE_S });
    jar.set(name, renewed, { httpOnly: true, sameSite: "lax", path: "/", secure: name.startsWith("__Secure-"), maxAge: SESSION_MAX_AGE_S });
  }
  const device = rememberDevice(jar.get(DEVICE_COOKIE)?.value, user.email, result.data.sessionVersion, secret);
  jar.set(DEVICE_COOKIE, device, { httpOnly: true, sameSite: "lax", path: "/", secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"), maxAge: DEVICE_COOKIE_MAX_AGE_S });
  return { ok: true, data: undefined };
}

/** Ends every session of this account, this device's too. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  const user = await requireUser();
  await signOutEverywhere(user.id);
  disconnectUserSockets(user.id);
  const jar = await cookies();
  for (const name of SESSION_COOKIES) if (jar.get(name)) jar.delete(name);
  return { ok: true, data: undefined };
}
