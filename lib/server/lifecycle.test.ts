// A second start on a taken port ends at once, with one sentence and a non-zero exit, before
// it touches any database. The real command (`npm start`), as a person would type it.
import { spawn } from "node:child_process";
import { access, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("npm start on a taken port", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("exits non-zero with a clear message and starts no database", { timeout: 60_000 }, async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "0.0.0.0", resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
    const port = (taken.address() as { port: number }).port;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "studyarena-taken-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn("npm", ["start", "--silent"], {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: "", PORT: String(port), DATABASE_URL: "", STUDYARENA_DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("close", (code) => resolve({ code, output }));
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`cannot start: Port ${port} is already in use`);
    expect(result.output).toContain("set to a free port");
    expect(result.output).not.toMatch(/^\s+at /m);
    await expect(access(path.join(dataDir, "postgres"))).rejects.toThrow();
  });
});
