// The headers proxy.ts adds to pages: the Content-Security-Policy (a fresh nonce per request,
// which Next.js puts on its own scripts) and HSTS. The headers every response gets, API routes
// included, are in next.config.js.
import { trustedProxyHops } from "./client-address";

/** A page's Content-Security-Policy. No inline script runs without the nonce, in production or dev. */
export function pageContentSecurityPolicy(options: { nonce: string; dev: boolean; https: boolean }): string {
  const { nonce, dev, https } = options;
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced bootstrap loads (Next.js chunks) may run; nothing else. React needs eval in dev only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles: Tailwind's stylesheet plus the style attributes React and the charts render (not scripts).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Socket.IO and fetches go to this origin ('self' covers ws: and wss: there); dev adds Turbopack's HMR socket.
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

/** Whether the browser reached us over HTTPS: only a trusted proxy (TRUST_PROXY) can say so; server.ts speaks plain HTTP. */
export function servedOverHttps(forwardedProto: string | null, trustProxyHops = trustedProxyHops()): boolean {
  if (trustProxyHops === 0 || !forwardedProto) return false;
  const protos = forwardedProto.split(",").map((part) => part.trim().toLowerCase());
  return protos[Math.max(0, protos.length - trustProxyHops)] === "https";
}
