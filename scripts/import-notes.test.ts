// The import command from anywhere: typed in another folder, it reads and writes paths from
// there; its mistakes are sentences, not stack traces. Runs the real command as a process.
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
// Any attempt to reach a database fails loudly: these runs must not need one.
const NO_DATABASE = "postgresql://nobody@127.0.0.1:1/none";

type Run = { code: number | null; stdout: string; stderr: string };

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NODE_OPTIONS: "", DATABASE_URL: NO_DATABASE, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** As npm runs it: from the project folder, with INIT_CWD naming where the person typed. */
const importFrom = (userDir: string, args: string[]) => run(process.execPath, ["--import", "tsx", "scripts/import-notes.ts", ...args], ROOT, { INIT_CWD: userDir });

describe("npm run import from another folder", () => {
  let userDir: string;
  beforeAll(async () => {
    userDir = await mkdtemp(path.join(os.tmpdir(), "studyarena-import-"));
    await copyFile(path.join(ROOT, "e2e/fixtures/aws-notes.md"), path.join(userDir, "aws-notes.md"));
  });
  afterAll(async () => {
    await rm(userDir, { recursive: true, force: true });
  });

  it("reads a relative path and writes --json relative to the folder it was typed in", { timeout: 120_000 }, async () => {
    // The real thing: npm, started in the user's folder, pointed at the project.
    const result = await run("npm", ["--prefix", ROOT, "run", "--silent", "import", "--", "aws-notes.md", "--json", "out.json", "--dry-run"], userDir);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const bundle = JSON.parse(await readFile(path.join(userDir, "out.json"), "utf8")) as { bank: string; questions: unknown[] };
    expect(bundle.bank).toBe("aws-notes");
    expect(bundle.questions.length).toBeGreaterThan(0);
  });

  it("--json into a folder that does not exist is a clear error, before any work", { timeout: 60_000 }, async () => {
    const result = await importFrom(userDir, ["aws-notes.md", "--json", "missing/out.json", "--dry-run"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: cannot write missing/out.json: the folder ${path.join(userDir, "missing")} does not exist`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("a missing file says where it looked", { timeout: 60_000 }, async () => {
    const result = await importFrom(userDir, ["nope.md", "--dry-run"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: cannot read nope.md: no such file (looked in ${userDir})`);
  });

  it("a UTF-16 file is named as such, with what to do", { timeout: 60_000 }, async () => {
    const text = "# EC2\n\n## Placement groups\n\n- Cluster: low latency inside one AZ\n";
    await writeFile(path.join(userDir, "utf16.md"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    await writeFile(path.join(userDir, "utf16-no-bom.md"), Buffer.from(text, "utf16le"));
    for (const name of ["utf16.md", "utf16-no-bom.md"]) {
      const result = await importFrom(userDir, [name]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`error: ${name} is UTF-16 (little-endian) text: save it as UTF-8 and import it again`);
    }
  });

  it("a file that yields no question says so, writes nothing and exits non-zero", { timeout: 60_000 }, async () => {
    await writeFile(path.join(userDir, "title-only.md"), "# Just a title\n");
    const result = await importFrom(userDir, ["title-only.md", "--json", "empty.json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: title-only.md yielded no questions");
    expect(result.stderr).toContain("nothing was written");
    await expect(readFile(path.join(userDir, "empty.json"))).rejects.toThrow();
  });
});
