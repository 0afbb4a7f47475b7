// One PostgreSQL server for the whole run: the one TEST_DATABASE_URL (or DATABASE_URL)
// names, else an embedded one in a temporary folder. A template database is migrated
// once; every test file clones it into a fresh database of its own (test/db.ts).
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../lib/db/embedded";
import { migrateDatabase } from "../lib/db/migrate";

export const TEMPLATE_DB = `studyarena_template_${process.pid}`;
// Test databases of this run start with this prefix, so runs sharing one server never drop each other's.
export const TEST_DB_PREFIX = `sa_test_${process.pid}_`;

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplateDb: string;
    pgTestDbPrefix: string;
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | null = null;
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `studyarena-test-pg-${process.pid}`),
      persistent: false,
    });
    serverUrl = embedded.url("postgres");
  }
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await migrateDatabase(withDatabase(serverUrl, TEMPLATE_DB));
  project.provide("pgServerUrl", withDatabase(serverUrl, "postgres"));
  project.provide("pgTemplateDb", TEMPLATE_DB);
  project.provide("pgTestDbPrefix", TEST_DB_PREFIX);

  return async () => {
    // Drop what this run created, then stop the embedded server.
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2`, [TEST_DB_PREFIX, TEMPLATE_DB]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
  };
}
