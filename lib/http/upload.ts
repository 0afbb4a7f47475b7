// Transport checks for route handlers that take an upload: the origin check Next.js applies to
// server actions, and a body size limit enforced before anything is buffered.
import { trustedProxyHops } from "./client-address";

/**
 * Whether a state-changing request comes from one of our own pages. A browser sends `Origin` on
 * every POST; it must name this host (a page on another port of the same site is another
 * origin, though its cookies are sent). No `Origin` at all is not a browser request.
 */
export function isSameOrigin(headers: Headers, trustProxyHops = trustedProxyHops()): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (origin === null) return true;
  const forwardedHost = trustProxyHops > 0 ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || headers.get("host");
  try {
    return !!host && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

export type BodyRead = { ok: true; body: Uint8Array<ArrayBuffer> } | { ok: false; code: "too_large" | "invalid_input" };

/**
 * Reads at most `maxBytes` of the body: refused from Content-Length before reading anything,
 * and while streaming (chunked uploads, or a Content-Length that lies) as soon as it goes over.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<BodyRead> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= maxBytes)) return { ok: false, code: "too_large" };
  if (!request.body) return { ok: false, code: "invalid_input" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Not cancelled: that would destroy the socket before the 413 is sent. The unread rest
        // stays in the kernel's buffers (backpressure) until the client gives up or times out.
        reader.releaseLock();
        return { ok: false, code: "too_large" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, code: "invalid_input" };
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body };
}
