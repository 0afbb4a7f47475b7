// npm run db:seed: what the app does to its database at every start, and nothing else: apply
// pending migrations and seed the shipped banks (under the start-up lock, so it can run
// beside starting apps).
import { prepareDatabase } from "../lib/db/bootstrap";
import { seedShippedBanks } from "../lib/banks/seed";
import { reportAndExit } from "./db/report";

const log = (line: string) => console.log(line);
try {
  const database = await prepareDatabase({ log, role: "tool", seed: (url) => seedShippedBanks(url, { log }) });
  await database.stop();
} catch (error) {
  reportAndExit(error);
}
