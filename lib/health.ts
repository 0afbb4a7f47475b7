import { db } from "./db";

export async function checkHealth(): Promise<{ ok: boolean; database: boolean; time: string }> {
  const database = await db().$queryRaw`SELECT 1`.then(() => true, () => false);
  return { ok: database, database, time: new Date().toISOString() };
}
