// What the sign-in and sign-up pages do before showing their form: read the page to go back to
// (a group's join link, say: same-origin paths only), and send a signed-in visitor there at once.
import { redirect } from "next/navigation";
import { CALLBACK_PARAM, safeCallbackPath } from "./callback";
import { getSessionUser } from "./session";

export async function authPageCallback(searchParams: Promise<Record<string, string | string[] | undefined>>): Promise<string | null> {
  const callbackPath = safeCallbackPath((await searchParams)[CALLBACK_PARAM]);
  if (await getSessionUser()) redirect(callbackPath ?? "/dashboard");
  return callbackPath;
}
