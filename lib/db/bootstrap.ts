// Gets a database ready before the app serves: the one DATABASE_URL names, or an
// embedded PostgreSQL whose data lives in .data/ and survives restarts. Then migrate and seed.
import path from "node:path";
import pg from "pg";
import { ensureDatabaseExists, portInUse, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
import { migrateDatabase } from "./migrate";

export type PreparedDatabase = { url: string; embedded: EmbeddedServer | null; stop: () => Promise<void> };

export async function prepareDatabase(options: {
  log: (line: string) => void;
  seed: (databaseUrl: string) => Promise<void>;
}): Promise<PreparedDatabase> {
  const { log } = options;
  let embedded: EmbeddedServer | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(process.env.STUDYARENA_DATA_DIR ?? ".data", "postgres");
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const runningUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
    if ((await portInUse(port)) && (await canConnect(runningUrl))) {
      // The app (or another command) already runs the embedded database: share it.
      log(`using the embedded PostgreSQL already running on 127.0.0.1:${port}`);
      url = runningUrl.replace(/\/postgres$/, "/studyarena");
    } else {
      log(`DATABASE_URL is not set: starting the embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
      embedded = await startEmbeddedPostgres({ dataDir, port, persistent: true, log });
      await ensureDatabaseExists(embedded.url("postgres"), "studyarena");
      url = embedded.url("studyarena");
    }
    process.env.DATABASE_URL = url;
    // Lets auth keep a generated secret in development-like embedded runs.
    process.env.STUDYARENA_EMBEDDED = "1";
  }
  const { applied } = await migrateDatabase(url, { log });
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
  await options.seed(url);
  return { url, embedded, stop: async () => { await embedded?.stop(); } };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
