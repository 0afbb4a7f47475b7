// Prisma's schema engine as WebAssembly, driven through @prisma/adapter-pg.
// The native engine cannot be downloaded on every machine; the wasm build ships
// in an npm package, so migrations can be diffed anywhere Node runs.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";

type Engine = import("@prisma/schema-engine-wasm/schema_engine_bg").SchemaEngine;
type DiffTarget = import("@prisma/schema-engine-wasm/schema_engine_bg").DiffTarget;

const require = createRequire(import.meta.url);
let wasmReady: Promise<void> | null = null;

// Instantiating by hand avoids Node's --experimental-wasm-modules flag (and works under Vitest).
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The package exports only its JS entry points; the .wasm sits beside them.
    const wasmPath = require.resolve("@prisma/schema-engine-wasm").replace(/schema_engine\.js$/, "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    engineBindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

export type PgTarget = { host: string; port: number; user: string; password?: string; database: string };

export function pgTargetFromUrl(url: string): PgTarget {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "127.0.0.1",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
  };
}

// adapter-pg 7.10.1 cannot describe Postgres's internal "char" type (OID 18), which the
// engine's introspection selects from the catalogs (pg_constraint.contype...). The pool
// reports such columns as text (OID 25) so the adapter accepts them, remembers which
// they were by result rows, and patchAdapter then types them as Character for the engine.
const charColumnsByRows = new WeakMap<unknown[], number[]>();
const CHARACTER_COLUMN_TYPE = ColumnTypeEnum.Character;

type Queryable = { queryRaw: (query: never) => Promise<{ rows: unknown[]; columnTypes: number[] }> };
function patchQueryable<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = (async (query: never) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = CHARACTER_COLUMN_TYPE;
    return result;
  }) as T["queryRaw"];
  return queryable;
}
// adapter-pg's executeScript splits a migration on every ";", comments and strings included, so a
// migration with a ";" in a comment fails in the shadow database. PostgreSQL runs a whole script
// sent as one simple query (no parameters), statement by statement, as `psql -f` would.
type ScriptRunner = { executeScript: (script: string) => Promise<void>; client: { query: (sql: string) => Promise<unknown> }; onError: (error: unknown) => never };
function patchExecuteScript(adapter: object): void {
  const runner = adapter as ScriptRunner;
  runner.executeScript = async (script: string) => {
    try {
      await runner.client.query(script);
    } catch (error) {
      runner.onError(error);
    }
  };
}

function patchAdapter<T extends Queryable & { startTransaction: (...args: never[]) => Promise<unknown> }>(adapter: T): T {
  patchQueryable(adapter);
  patchExecuteScript(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = (async (...args: never[]) => patchQueryable((await startTransaction(...args)) as Queryable)) as T["startTransaction"];
  return adapter;
}

function patchCharColumns(pool: pg.Pool): pg.Pool {
  pool.on("error", () => {}); // an idle client dropped by the server is not a failure here
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const fix = (result: pg.QueryResult | undefined) => {
      const charColumns: number[] = [];
      (result?.fields ?? []).forEach((field, index) => {
        if (field.dataTypeID === 18) {
          field.dataTypeID = 25;
          charColumns.push(index);
        }
      });
      if (result && charColumns.length) charColumnsByRows.set(result.rows, charColumns);
      return result;
    };
    // pg-pool calls client.query with a callback; the adapter's transactions use the promise form.
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback === "function") {
        return query(...args.slice(0, -1), (error: unknown, result: pg.QueryResult) => callback(error, fix(result)));
      }
      const pending = query(...args);
      return pending instanceof Promise ? pending.then(fix) : pending;
    };
  });
  return pool;
}

// The adapter factory the engine talks to. Its own connectToShadowDb drops the shadow
// database while its pool still holds connections; this one closes the pool first.
function adapterFactory(target: PgTarget) {
  const base = new PrismaPg(patchCharColumns(new pg.Pool({ ...target, max: 2 })));
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => patchAdapter(await base.connect()),
    async connectToShadowDb() {
      const admin = new pg.Client({ ...target, database: "postgres" });
      await admin.connect();
      const shadow = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${shadow}"`);
      const pool = patchCharColumns(new pg.Pool({ ...target, database: shadow, max: 2 }));
      const adapter = patchAdapter(await new PrismaPg(pool).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await pool.end();
        await admin.query(`DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`);
        await admin.end();
      };
      return adapter;
    },
  };
}

// The wasm engine reports a Rust panic's message through this global before it throws.
let lastPanic = "";
(globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message: string) => { lastPanic = message; if (process.env.DEBUG_SCHEMA_ENGINE) console.error(message); },
};

export async function withSchemaEngine<T>(target: PgTarget, run: (engine: Engine) => Promise<T>): Promise<T> {
  await loadWasm();
  lastPanic = "";
  const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory(target) as never);
  const engine = await engineBindings.SchemaEngine.new({ datamodels: undefined }, () => {}, factory);
  try {
    return await run(engine);
  } catch (error) {
    throw lastPanic ? new Error(`schema engine panicked: ${lastPanic}`, { cause: error }) : error;
  } finally {
    engine.free();
  }
}

export async function migrationsTarget(dir: string): Promise<DiffTarget> {
  const { readdir } = await import("node:fs/promises");
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    entries.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(`${dir}/${name}/migration.sql`, "utf8") },
      },
    })),
  );
  return {
    tag: "migrations",
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: await readFile(`${dir}/migration_lock.toml`, "utf8").catch(() => null) },
    migrationDirectories,
    shadowDbInitScript: "",
  } as unknown as DiffTarget;
}

export async function schemaTarget(schemaPath: string): Promise<DiffTarget> {
  return { tag: "schemaDatamodel", files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] } as DiffTarget;
}

/** The SQL that takes `from` to `to`; empty when they already match. */
export async function diffScript(target: PgTarget, from: DiffTarget, to: DiffTarget): Promise<string> {
  return withSchemaEngine(target, async (engine) => {
    const result = await engine.diff({ from, to, script: true, exitCode: null, filters: { externalTables: [], externalEnums: [] } });
    return result.stdout ?? "";
  });
}

/** The live database the adapter connects to (the schema file supplies only the provider). */
export async function liveDatabaseTarget(schemaPath: string): Promise<DiffTarget> {
  return {
    tag: "schemaDatasource",
    files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }],
    configDir: process.cwd(),
  } as DiffTarget;
}

/** The SQL a diff would run, without comments; empty means no difference. */
export function meaningfulSql(script: string): string {
  return script.replace(/^--.*$/gm, "").trim();
}
