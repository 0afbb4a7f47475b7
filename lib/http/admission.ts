// What server.ts does with every HTTP request before Next.js sees it: refuse a URL that
// cannot be decoded (Next.js would answer 500), and stamp the client's address where route
// handlers and actions can read it but a client cannot forge it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedProxyHops } from "./client-address";

/** A reason to refuse the request's URL, or null when it is fine. */
export function malformedUrl(url: string | undefined): string | null {
  if (!url) return null;
  if (url.includes("\0") || /%00/i.test(url)) return "the URL contains a NUL character";
  try {
    decodeURIComponent(url);
  } catch {
    return "the URL has a malformed %-encoding";
  }
  return null;
}

/** True when the request may go on to Next.js; otherwise it has been answered with a 400. */
export function admitRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const problem = malformedUrl(req.url);
  if (problem) {
    const body = JSON.stringify({ ok: false, code: "invalid_input", message: problem });
    res.writeHead(400, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "x-content-type-options": "nosniff" });
    res.end(body);
    return false;
  }
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress({
    remoteAddress: req.socket.remoteAddress,
    forwardedFor: req.headers["x-forwarded-for"],
    trustProxyHops: trustedProxyHops(),
  });
  return true;
}
