// What the fault suite breaks, on loopback only: the app as real processes (`server.ts`, the
// production build), the suite's own embedded PostgreSQL and redis-server, each stopped and
// started by the cases. Every wait is bounded; every figure is printed as one JSON line.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { createDb, type Db } from "../../lib/db";
import { ensureDatabaseExists, freePort, startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";
import { processAlive } from "../../lib/db/pg-owner";
import { TEST_SECRET } from "../../lib/realtime/rooms/testing";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for `done()`; throws naming `what` after `timeoutMs`. Returns the milliseconds it took. */
export async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<number> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
  return Date.now() - started;
}

/** One line of figures per case, for the report (and the CI log). */
export function report(fault: string, figures: Record<string, unknown>): void {
  console.log(`[faults] ${JSON.stringify({ fault, ...figures })}`);
}

// ---------------------------------------------------------------------------
// PostgreSQL: the suite's own, persistent so it can be stopped and started mid-game.

export type FaultDatabase = { url: string; db: Db; stopServer: () => Promise<void>; startServer: () => Promise<void>; close: () => Promise<void> };

export async function startFaultDatabase(): Promise<FaultDatabase> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "studyarena-faults-"));
  // mkdtemp makes it private; open it so that, as root, the data stays here rather than under /var/lib.
  await chmod(folder, 0o755);
  const dataDir = path.join(folder, "postgres");
  const port = await freePort();
  let server: EmbeddedServer = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  await ensureDatabaseExists(server.url("postgres"), "studyarena");
  const url = server.url("studyarena");
  const db = createDb(url);
  return {
    url,
    db,
    stopServer: () => server.stop(),
    startServer: async () => {
      server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    },
    close: async () => {
      await db.$disconnect().catch(() => {});
      await server.stop();
      await rm(folder, { recursive: true, force: true });
      await rm(server.dataDir, { recursive: true, force: true });
      await rm(`${server.dataDir}.log`, { force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// Redis: a throwaway redis-server that can be stopped and started on the same port.

export type FaultRedis = { url: string; stop: () => Promise<void>; start: () => Promise<void> };

function redisBinary(): string {
  const found = spawnSync("bash", [path.join(ROOT, "scripts/ensure-redis.sh")], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("the fault suite needs redis-server (Debian's redis-server package)");
  return found;
}

export async function startFaultRedis(): Promise<FaultRedis> {
  const binary = redisBinary();
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"], { stdio: "ignore" });
    await until("redis-server to listen", () => canConnect(port), 10_000);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running?.pid) return;
    running.kill("SIGKILL");
    await until("redis-server to exit", () => !processAlive(running.pid!), 10_000);
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

// ---------------------------------------------------------------------------
// The app: `node --import tsx server.ts` in production mode, as `npm start` runs it.

export type AppProcess = {
  url: string;
  port: number;
  pid: number;
  nodeId: string;
  /** From spawn to "ready on". */
  readyMs: number;
  output: () => string;
  exited: Promise<number | null>;
  /** A crash: no clean-up, no lease released. */
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startApp(options: { databaseUrl: string; nodeId: string; redisUrl?: string; port?: number; env?: Record<string, string>; nodeArgs?: string[] }): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl ?? "",
      AUTH_SECRET: TEST_SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NODE_ID: options.nodeId,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  await until(`${options.nodeId} to be ready`, () => {
    if (done) throw new Error(`${options.nodeId} exited before it was ready:\n${output}`);
    return output.includes("ready on");
  }, 120_000, 100);
  const readyMs = Date.now() - spawnedAt;
  return {
    readyMs,
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    nodeId: options.nodeId,
    output: () => output,
    exited,
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (done) return;
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(15_000).then(() => child.kill("SIGKILL"))]);
    },
  };
}

/** CPU time a process has used so far (Linux /proc), in milliseconds; null elsewhere. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Math.round((ticks * 1000) / 100);
  } catch {
    return null;
  }
}
