// npm run db:migrate: applies prisma/migrations to DATABASE_URL (or the embedded database).
import { prepareDatabase } from "../lib/db/bootstrap";

const log = (line: string) => console.log(line);
const database = await prepareDatabase({ log, seed: async () => {} });
await database.stop();
