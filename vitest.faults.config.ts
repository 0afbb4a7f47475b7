// npm run test:faults: the fault suite (test/faults/*.fault.ts). Real app processes against
// the suite's own PostgreSQL and Redis on loopback, one file at a time; needs `next build`.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./test/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["test/faults/**/*.fault.ts"],
    fileParallelism: false,
    env: { TZ: "Asia/Seoul" },
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
