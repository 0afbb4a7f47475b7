import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// A fresh embedded database for every run, so tests start from a clean app.
const dataDir = path.join(os.tmpdir(), `studyarena-e2e-${Date.now()}`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node --import tsx server.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets the app stop its embedded PostgreSQL (a SIGKILL would leave it running).
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      STUDYARENA_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(port + 1000),
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
      // As behind a TLS-terminating proxy (the header tests send X-Forwarded-Proto); the suite signs up
      // far more accounts from 127.0.0.1 than one address may in production.
      TRUST_PROXY: "1",
      SIGNUP_LIMIT_PER_HOUR: "10000",
    },
  },
});
