// npm run db:migrate: applies prisma/migrations to DATABASE_URL (or the embedded database).
import { prepareDatabase } from "../lib/db/bootstrap";
import { reportAndExit } from "./db/report";

const log = (line: string) => console.log(line);
try {
  const database = await prepareDatabase({ log, role: "tool", seed: async () => {} });
  await database.stop();
} catch (error) {
  reportAndExit(error);
}
