// The process stops when told: SIGTERM to `npm start` (and SIGINT to `npm run dev`) and the
// app and its embedded PostgreSQL are gone within 10 s; after a kill -9 of the app, the
// PostgreSQL it left running is stopped and started again by the next start, not adopted.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../lib/db/embedded";
import { processAlive } from "../../lib/db/pg-owner";
import { report, ROOT, until } from "./support";

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };
const runs: Run[] = [];
const folders: string[] = [];

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill("SIGTERM");
  await Promise.all(runs.map((run) => Promise.race([run.exited, new Promise((resolve) => setTimeout(resolve, 10_000))])));
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

// One data folder for the three cases (one after the other): only the first start creates and seeds it.
let shared: { dataDir: string; port: number; pgPort: number } | null = null;
async function environment() {
  if (shared) return shared;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "studyarena-lifecycle-"));
  // Open, so that as root the data stays here (a private folder would move it under /var/lib).
  await chmod(dataDir, 0o755);
  folders.push(dataDir);
  shared = { dataDir, port: await freePort(), pgPort: await freePort() };
  return shared;
}

function npm(script: "start" | "dev", env: { dataDir: string; port: number; pgPort: number }): Run {
  const child = spawn("npm", ["run", "--silent", script], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", DATABASE_URL: "", PORT: String(env.port), EMBEDDED_PG_PORT: String(env.pgPort), STUDYARENA_DATA_DIR: env.dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const run: Run = { child, output: () => output, exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
  runs.push(run);
  return run;
}

async function ready(run: Run): Promise<number> {
  return until("the app to be ready", () => {
    if (run.child.exitCode !== null) throw new Error(`exited early:\n${run.output()}`);
    return run.output().includes("ready on");
  }, 180_000, 100);
}

/** The embedded PostgreSQL of that data folder (its pid from postmaster.pid, where the data really lives). */
async function postgresPid(run: Run): Promise<number> {
  const dataDir = /data in (\S+),/.exec(run.output())?.[1];
  const relocated = /keeping this database in (\S+)/.exec(run.output())?.[1];
  const text = await readFile(path.join(relocated ?? dataDir!, "postmaster.pid"), "utf8");
  return Number(text.split("\n")[0]);
}

/** npm's child: with `exec` in the script, the app itself. */
async function childPid(parent: number): Promise<number> {
  const pgrep = spawn("pgrep", ["-P", String(parent)], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  pgrep.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => pgrep.on("close", resolve));
  const pid = Number(out.trim().split("\n")[0]);
  if (!pid) throw new Error(`no child of ${parent}`);
  return pid;
}

describe("process lifecycle", () => {
  it("SIGTERM to `npm start`: the app and its PostgreSQL are gone within 10 s", { timeout: 240_000 }, async () => {
    const run = npm("start", await environment());
    const readyMs = await ready(run);
    const app = await childPid(run.child.pid!);
    const postgres = await postgresPid(run);
    expect(processAlive(postgres)).toBe(true);
    const signalledAt = Date.now();
    run.child.kill("SIGTERM");
    const goneMs = await until("npm, the app and PostgreSQL to exit", () => ![run.child.pid!, app, postgres].some(processAlive), 10_000, 50);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("SIGTERM: shutting down");
    report("SIGTERM to npm start", { readyMs, goneMs: Date.now() - signalledAt, pollMs: goneMs, limitMs: 10_000 });
  });

  it("after a kill -9 of the app, the next start stops the PostgreSQL it left and starts its own", { timeout: 240_000 }, async () => {
    const env = await environment();
    const first = npm("start", env);
    await ready(first);
    const orphan = await postgresPid(first);
    process.kill(await childPid(first.child.pid!), "SIGKILL");
    await first.exited;
    expect(processAlive(orphan)).toBe(true);

    const second = npm("start", env);
    const readyMs = await ready(second);
    expect(second.output()).toContain(`stopping the embedded PostgreSQL (pid ${orphan}) left running by an earlier process`);
    expect(processAlive(orphan)).toBe(false);
    const fresh = await postgresPid(second);
    expect(fresh).not.toBe(orphan);
    expect(processAlive(fresh)).toBe(true);
    second.child.kill("SIGTERM");
    await until("the second run to stop", () => !processAlive(fresh) && second.child.exitCode !== null, 10_000);
    report("restart after kill -9 (orphaned PostgreSQL)", { readyMs });
  });

  it("SIGINT to `npm run dev`: the app and its PostgreSQL are gone within 10 s", { timeout: 240_000 }, async () => {
    const run = npm("dev", await environment());
    const readyMs = await ready(run);
    const app = await childPid(run.child.pid!);
    const postgres = await postgresPid(run);
    const signalledAt = Date.now();
    run.child.kill("SIGINT");
    await until("npm, the app and PostgreSQL to exit", () => ![run.child.pid!, app, postgres].some(processAlive), 10_000, 50);
    expect(run.output()).toContain("SIGINT: shutting down");
    report("SIGINT to npm run dev", { readyMs, goneMs: Date.now() - signalledAt, limitMs: 10_000 });
  });
});
