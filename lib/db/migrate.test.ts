import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { MIGRATIONS_DIR, migrateDatabase, readMigrations } from "./migrate";
import pg from "pg";
import { diffScript, liveDatabaseTarget, meaningfulSql, migrationsTarget, pgTargetFromUrl, schemaTarget } from "../../scripts/db/schema-engine";

describe("migrations", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("records every migration in _prisma_migrations with Prisma's sha256 checksum", async () => {
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const rows = await database.db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }[]>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(files[index]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is idempotent: running again applies nothing", async () => {
    const result = await migrateDatabase(database.url);
    expect(result.applied).toEqual([]);
  });

  it("leaves a database that matches schema.prisma (no drift)", async () => {
    const sql = await diffScript(pgTargetFromUrl(database.url), await liveDatabaseTarget("prisma/schema.prisma"), await schemaTarget("prisma/schema.prisma"));
    expect(meaningfulSql(sql)).toBe("");
  });

  it("replays the migration files in a shadow database as `npm run db:diff` does, and they match schema.prisma", async () => {
    // Hand-written migrations (and ";" inside their comments) must survive the offline diff tool too.
    const sql = await diffScript(pgTargetFromUrl(database.url), await migrationsTarget(MIGRATIONS_DIR), await schemaTarget("prisma/schema.prisma"));
    expect(meaningfulSql(sql)).toBe("");
  });

  it("notices drift when the database departs from schema.prisma", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`ALTER TABLE "User" DROP COLUMN "locale"`);
    await client.end();
    const sql = await diffScript(pgTargetFromUrl(database.url), await liveDatabaseTarget("prisma/schema.prisma"), await schemaTarget("prisma/schema.prisma"));
    expect(meaningfulSql(sql)).toContain(`ADD COLUMN`);
    expect(meaningfulSql(sql)).toContain(`"locale"`);
  });
});
