// Next.js 16 proxy (formerly middleware): a fresh CSP nonce for every page, which Next.js
// reads from the request's policy and puts on its own scripts; HSTS over HTTPS. API routes are
// not matched (their headers come from next.config.js), so Next.js never buffers an upload for
// the proxy.
import { NextResponse, type NextRequest } from "next/server";
import { HSTS, pageContentSecurityPolicy, servedOverHttps } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const https = servedOverHttps(request.headers.get("x-forwarded-proto"));
  const policy = pageContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV !== "production", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  // Pages that need a signed-in user send a visitor to sign-in with this path to come back to
  // (lib/auth/session.ts); set here so a client cannot supply its own (it is validated there too).
  requestHeaders.set("x-request-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      // Prefetches carry no HTML to protect.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
