// Processes started together all come up: three processes doing the app's start-up database
// work (migrations, then seeding the shipped banks) at the same moment, on a fresh database and
// then on an up-to-date one. Real processes, since the race is between processes.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { loadBank } from "../content/load";
import { CONTENT_DIR } from "../banks/seed";
import { readMigrations } from "./migrate";

const ROOT = path.resolve(import.meta.dirname, "../..");

function startUpProcess(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // What server.ts does before serving, as its own process (npm run db:seed).
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/seed.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("start-up database work", () => {
  const name = `${inject("pgTestDbPrefix")}boot_${randomUUID().replaceAll("-", "").slice(0, 8)}`;
  const server = new URL(inject("pgServerUrl"));
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  const admin = new pg.Client({ connectionString: server.toString() });

  beforeAll(async () => {
    await admin.connect();
    // Fresh: not cloned from the migrated template.
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  async function counts() {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const migrations = await client.query<{ migration_name: string; n: string }>(`SELECT migration_name, count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY migration_name ORDER BY migration_name`);
      const questions = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Question" q JOIN "QuestionBank" b ON b.id = q."bankId" WHERE b.slug = 'soa-c03' AND q.status = 'PUBLISHED'`);
      return { migrations: migrations.rows.map((r) => [r.migration_name, Number(r.n)]), questions: Number(questions.rows[0]?.n) };
    } finally {
      await client.end();
    }
  }

  it("three processes started at once on a fresh database all succeed, and migrate and seed it once", { timeout: 180_000 }, async () => {
    const runs = await Promise.all([startUpProcess(url), startUpProcess(url), startUpProcess(url)]);
    for (const run of runs) expect(run, run.output).toMatchObject({ code: 0 });
    // One of them did the work; the others waited for it, then found nothing to do.
    expect(runs.filter((r) => r.output.includes("migrations applied")).length).toBe(1);
    expect(runs.filter((r) => r.output.includes("bank soa-c03: up to date")).length).toBe(2);

    const shipped = await loadBank(path.join(CONTENT_DIR, "soa-c03"));
    const expected = shipped.topics.reduce((n, topic) => n + topic.questions.length, 0);
    const migrations = (await readMigrations()).map((m) => [m.name, 1]);
    expect(await counts()).toEqual({ migrations, questions: expected });
  });

  it("three processes started at once on an up-to-date database all succeed and change nothing", { timeout: 180_000 }, async () => {
    const before = await counts();
    const runs = await Promise.all([startUpProcess(url), startUpProcess(url), startUpProcess(url)]);
    for (const run of runs) {
      expect(run, run.output).toMatchObject({ code: 0 });
      expect(run.output).toContain("database schema is up to date");
      expect(run.output).toContain("bank soa-c03: up to date");
    }
    expect(await counts()).toEqual(before);
  });
});
