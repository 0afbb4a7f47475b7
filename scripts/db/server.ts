// A Postgres server for tooling: the one DATABASE_URL names, else a throwaway embedded one.
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/db/embedded";

export async function withDatabaseServer<T>(run: (serverUrl: string) => Promise<T>): Promise<T> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const url = new URL(configured);
    url.pathname = "/postgres";
    return run(url.toString());
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `studyarena-pg-${process.pid}-${Date.now()}`),
    persistent: false,
    log: (line) => console.error(line),
  });
  try {
    return await run(server.url("postgres"));
  } finally {
    await server.stop();
  }
}
