// Who runs the embedded PostgreSQL and what it can reach. PostgreSQL refuses to run as root,
// so as root it runs as the `postgres` system user (created when missing), which needs search
// permission on every folder above its programs and its data.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

/** A start-up problem the person can fix: its message is one sentence saying what to do. */
export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

export const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

export type RunAs = { uid: number; gid: number } | null;

const run = promisify(execFile);

/** Every existing folder above `target` lets others through (o+x). */
export async function reachableByOthers(target: string): Promise<boolean> {
  let current = path.resolve(target);
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
    const info = await stat(current).catch(() => null);
    if (info && (info.mode & 0o001) === 0) return false;
  }
}

/** As root: the postgres user's ids (creating the user if needed). Otherwise null: run as ourselves. */
export async function postgresUser(): Promise<RunAs> {
  if (!isRoot()) return null;
  const ids = async () => {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
  };
  try {
    return await ids();
  } catch {
    try {
      await run("groupadd", ["--system", "postgres"]).catch(() => {});
      await run("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
      return await ids();
    } catch {
      throw new EmbeddedDatabaseError("Running as root, the embedded PostgreSQL needs a `postgres` system user and could not create one: create it (useradd --system postgres), run as a normal user, or set DATABASE_URL.");
    }
  }
}

/** Makes the folder (and any missing parents); the ones made here are opened to the postgres user. */
export async function makeReachableDir(dir: string, mode = 0o755): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (!first || !isRoot()) return;
  // A root umask of 077 would otherwise close the folders just made.
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    await chmod(current, mode).catch(() => {});
    if (current === path.resolve(first) || current === path.dirname(current)) break;
  }
}

/**
 * Where a data folder really lives: the one asked for, or, as root when the postgres user
 * cannot reach it, a folder of its own under the system folder (one per asked-for path).
 */
export async function resolveDataDir(preferred: string, systemDir: string): Promise<string> {
  const resolved = path.resolve(preferred);
  if (!isRoot()) return resolved;
  await makeReachableDir(path.dirname(resolved));
  if (await reachableByOthers(resolved)) return resolved;
  const hash = createHash("sha256").update(resolved).digest("hex").slice(0, 12);
  return path.join(systemDir, `data-${hash}`);
}
