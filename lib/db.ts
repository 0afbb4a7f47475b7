// The one Prisma client. Only lib/ data modules import it. The password hash is
// omitted from every query unless a query asks for it by name (see lib/auth/users.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

function createClient(url: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }),
    omit: { user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { studyarenaDb?: Db; studyarenaDbUrl?: string };

export function db(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev`, which provides the embedded database.");
  if (!globalForDb.studyarenaDb || globalForDb.studyarenaDbUrl !== url) {
    globalForDb.studyarenaDb = createClient(url);
    globalForDb.studyarenaDbUrl = url;
  }
  return globalForDb.studyarenaDb;
}

export function createDb(url: string): Db {
  return createClient(url);
}
