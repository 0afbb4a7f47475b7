import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": fileURLToPath(new URL("./test/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    // Integration tests share one Postgres server; each file gets its own database.
    globalSetup: ["./test/global-setup.ts"],
    env: { TZ: "Asia/Seoul" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
