// Which process owns an embedded database: `<data dir>.owner.json` names it. The owner started
// the PostgreSQL server and stops it when it exits. An app owns its database alone; a command
// (import, migrate, user:role) borrows a running app's database and never stops it. A record
// whose process is gone (kill -9) is stale: the next start stops what it left and takes over.
import { readFileSync, unlinkSync } from "node:fs";
import { mkdir, readFile, rmdir, stat, writeFile } from "node:fs/promises";

export type OwnerRole = "app" | "tool";
export type OwnerRecord = { pid: number; processStart: string | null; role: OwnerRole; port: number; since: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The kernel's start time of a process (Linux): tells a live owner from a reused pid. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] === "Z" ? "zombie" : (fields[19] ?? null);
  } catch {
    return null;
  }
}

/** Alive and not a zombie (a dead child whose parent has not reaped it yet). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return processStart(pid) !== "zombie";
}

export function ownerAlive(record: OwnerRecord): boolean {
  if (record.pid === process.pid) return true;
  if (!processAlive(record.pid)) return false;
  const start = processStart(record.pid);
  return record.processStart === null || start === null || start === record.processStart;
}

export async function readOwner(file: string): Promise<OwnerRecord | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as OwnerRecord;
  } catch {
    return null;
  }
}

/** A tiny lock around reading and writing the record: mkdir is atomic. */
async function withClaimLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const giveUpAt = Date.now() + 20_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A process that died between mkdir and rmdir leaves it; the work inside takes milliseconds.
      const info = await stat(lock).catch(() => null);
      if (info && Date.now() - info.mtimeMs > 15_000) await rmdir(lock).catch(() => {});
      if (Date.now() > giveUpAt) throw new Error(`could not lock ${file}`);
      await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(lock).catch(() => {});
  }
}

/** Becomes the owner unless a live process already is (then returns that owner). */
export async function claimOwnership(file: string, me: { role: OwnerRole; port: number }): Promise<{ claimed: true; stale: OwnerRecord | null } | { claimed: false; owner: OwnerRecord }> {
  return withClaimLock(file, async () => {
    const current = await readOwner(file);
    // This very process counts too: a second start on one folder is a mistake wherever it comes from.
    if (current && ownerAlive(current)) return { claimed: false, owner: current };
    const record: OwnerRecord = { pid: process.pid, processStart: processStart(process.pid), role: me.role, port: me.port, since: new Date().toISOString() };
    await writeFile(file, JSON.stringify(record) + "\n");
    return { claimed: true, stale: current };
  });
}

/** Synchronous, for the exit hook: removes the record if it is still ours. */
export function releaseOwnershipSync(file: string): void {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as OwnerRecord;
    if (record.pid === process.pid) unlinkSync(file);
  } catch {
    // Already gone.
  }
}
