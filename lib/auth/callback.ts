// Where sign-in (or sign-up) sends a user back to: the page that asked them to sign in, e.g. a
// group's join link. Only a same-origin path is accepted, so a crafted link cannot send a user
// who just signed in to another site (open redirect).
export const CALLBACK_PARAM = "callbackUrl";

const ORIGIN = "http://callback.invalid";

/** A same-origin relative path ("/groups/join/AB12"), else null: "//evil.example", "https://…", "/\\evil", "javascript:…" are refused. */
export function safeCallbackPath(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 1000) return null;
  // "//host" and "/\host" are protocol-relative to browsers; backslashes and control characters have no place in our paths.
  if (!raw.startsWith("/") || raw.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  // Back to the sign-in pages would loop; API routes are not pages.
  if (/^\/(signin|signup|api)(\/|$)/.test(url.pathname)) return null;
  url.searchParams.delete("_rsc");
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that returns to `path` afterwards (or the plain page when there is nothing safe to return to). */
export function signInPath(path: unknown, page: "/signin" | "/signup" = "/signin"): string {
  const back = safeCallbackPath(path);
  return back && back !== "/" ? `${page}?${CALLBACK_PARAM}=${encodeURIComponent(back)}` : page;
}
