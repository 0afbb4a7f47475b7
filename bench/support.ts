// Shared by the benchmarks: a real PostgreSQL (DATABASE_URL's server, else an embedded
// one), a fresh migrated database, and percentile helpers.
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabaseExists, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDatabase } from "../lib/db/migrate";

export type BenchDatabase = { url: string; stop: () => Promise<void> };

export async function benchDatabase(): Promise<BenchDatabase> {
  const name = `sa_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL);
    server.pathname = "/postgres";
    await ensureDatabaseExists(server.toString(), name);
    const url = new URL(server);
    url.pathname = `/${name}`;
    await migrateDatabase(url.toString());
    return {
      url: url.toString(),
      stop: async () => {
        const admin = new pg.Client({ connectionString: server.toString() });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `studyarena-bench-${process.pid}`), persistent: false });
  await ensureDatabaseExists(embedded.url("postgres"), name);
  await migrateDatabase(embedded.url(name));
  return { url: embedded.url(name), stop: embedded.stop };
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summary(samples: number[]) {
  const round = (n: number) => Math.round(n * 100) / 100;
  return { n: samples.length, p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), max: round(Math.max(...samples)) };
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
