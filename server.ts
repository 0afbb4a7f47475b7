// One process serves Next.js and Socket.IO on one port. Small on purpose: it wires
// the database, the app and the realtime layer together; lib/server/lifecycle.ts decides how
// the process starts, fails and stops.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import next from "next";
import { prepareDatabase } from "./lib/db/bootstrap";
import { seedShippedBanks } from "./lib/banks/seed";
import { startRealtime } from "./lib/realtime/server";
import { authSecret } from "./lib/auth/secret";
import { submitExpiredExams } from "./lib/exams/mutations";
import { admitRequest } from "./lib/http/admission";
import { runGroupScheduler } from "./lib/groups/scheduler";
import { ensurePortFree, explainNextError, listen, ProcessLifecycle } from "./lib/server/lifecycle";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const nodeId = process.env.NODE_ID ?? `node-${randomUUID().slice(0, 8)}`;
const log = (line: string) => console.log(`[studyarena] ${line}`);
const startedAt = Date.now();
const lifecycle = new ProcessLifecycle(log);

try {
  await ensurePortFree(port, hostname);
  const database = await prepareDatabase({ log, seed: (url) => seedShippedBanks(url, { log }) });
  lifecycle.add("the database", database.stop);
  authSecret();
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  const app = next({ dev, hostname, port });
  await app.prepare().catch((error: unknown) => { throw explainNextError(error); });
  lifecycle.add("Next.js", () => app.close());
  const handle = app.getRequestHandler();
  // Malformed URLs are refused here (Next.js would answer 500); the client's address is stamped for limits.
  const httpServer = createServer((req, res) => {
    if (admitRequest(req, res)) void handle(req, res);
  });
  // Rooms: lease renewal, takeover of rooms whose owner died, matchmaking; Redis when several processes share rooms.
  const realtime = await startRealtime(httpServer, { nodeId, redisUrl: process.env.REDIS_URL || undefined, log });
  lifecycle.add("the HTTP server", async () => {
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  });
  // Pending answers are written and the rooms' leases released, so another process takes them over at once.
  lifecycle.add("live rooms", () => realtime.stop({ graceful: true }));

  // Exams left open are submitted at their deadline even when no browser is there.
  const sweeper = setInterval(() => {
    submitExpiredExams(new Date()).then(
      (count) => count && log(`auto-submitted ${count} exam(s) at their deadline`),
      (error: unknown) => log(`exam sweeper: ${String(error)}`),
    );
  }, 5_000);
  sweeper.unref();
  lifecycle.add("the exam sweeper", async () => clearInterval(sweeper));

  // Groups: scheduled live games open (and start) on time, due-soon and results notices go out.
  const groupTicker = setInterval(() => {
    runGroupScheduler(new Date(), { rooms: realtime.rooms, nodeId, log }).then(
      (done) => done.opened + done.started > 0 && log(`groups: opened ${done.opened}, started ${done.started} live game(s)`),
      (error: unknown) => log(`groups scheduler: ${String(error)}`),
    );
  }, 5_000);
  groupTicker.unref();
  lifecycle.add("the groups scheduler", async () => clearInterval(groupTicker));

  await listen(httpServer, port, hostname);
  log(`ready on http://localhost:${port} (${dev ? "development" : "production"}, ${nodeId}) in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
} catch (error) {
  await lifecycle.fail(error);
}
