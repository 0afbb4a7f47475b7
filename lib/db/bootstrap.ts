// Gets a database ready before the app serves: the one DATABASE_URL names, or an
// embedded PostgreSQL whose data lives in .data/ and survives restarts. Then migrate and seed,
// one process at a time (a PostgreSQL advisory lock), so processes started together all come up.
import path from "node:path";
import pg from "pg";
import { ensureDatabaseExists, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
import { migrateDatabase } from "./migrate";
import type { OwnerRole } from "./pg-owner";

export type PreparedDatabase = { url: string; embedded: EmbeddedServer | null; stop: () => Promise<void> };

// Any constant works (the migration runner's own lock is 72_707_369).
const STARTUP_LOCK_KEY = 72_707_370;

export async function prepareDatabase(options: {
  log: (line: string) => void;
  seed: (databaseUrl: string) => Promise<void>;
  /** "app" (default) owns an embedded database alone; a "tool" borrows a running app's. */
  role?: OwnerRole;
}): Promise<PreparedDatabase> {
  const { log } = options;
  const role = options.role ?? "app";
  let embedded: EmbeddedServer | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(process.env.STUDYARENA_DATA_DIR ?? ".data", "postgres");
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    log(`DATABASE_URL is not set: using the embedded PostgreSQL (data in ${dataDir}, port ${port})`);
    embedded = await startEmbeddedPostgres({ dataDir, port, persistent: true, role, log });
    // A command stops the server it started if interrupted; the app handles its own signals.
    if (role === "tool" && !embedded.borrowed) stopOnSignals(embedded);
    await ensureDatabaseExists(embedded.url("postgres"), "studyarena");
    url = embedded.url("studyarena");
    process.env.DATABASE_URL = url;
    // Lets auth keep a generated secret in development-like embedded runs.
    process.env.STUDYARENA_EMBEDDED = "1";
  }
  const server = embedded;
  try {
    await withStartupLock(url, log, async () => {
      const { applied } = await migrateDatabase(url, { log });
      log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
      await options.seed(url);
    });
  } catch (error) {
    await server?.stop();
    throw error;
  }
  return { url, embedded: server, stop: async () => { await server?.stop(); } };
}

/** Runs start-up work while holding a session-level advisory lock (released if the process dies). */
export async function withStartupLock<T>(databaseUrl: string, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [STARTUP_LOCK_KEY]);
    if (!rows[0]?.locked) {
      log("another process is migrating or seeding this database: waiting for it");
      await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
    }
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}

function stopOnSignals(server: EmbeddedServer): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void server.stop().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }
}
