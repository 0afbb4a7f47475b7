// npm run user:role -- <email> <LEARNER|INSTRUCTOR|ADMIN>: the one way to make an
// instructor or admin (there is no self-service promotion). Open sessions see the new role within a minute.
import { z } from "zod";
import { prepareDatabase } from "../lib/db/bootstrap";
import { createDb } from "../lib/db";
import { reportAndExit } from "./db/report";

const args = z.tuple([z.string().email(), z.enum(["LEARNER", "INSTRUCTOR", "ADMIN"])]).safeParse(process.argv.slice(2));
if (!args.success) {
  console.error("usage: npm run user:role -- <email> <LEARNER|INSTRUCTOR|ADMIN>");
  process.exit(2);
}
const [email, role] = args.data;
const database = await prepareDatabase({ log: () => {}, role: "tool", seed: async () => {} }).catch(reportAndExit);
const db = createDb(database.url);
try {
  const { count } = await db.user.updateMany({ where: { email: email.toLowerCase() }, data: { role } });
  if (count === 0) {
    console.error(`no user with email ${email}`);
    process.exitCode = 1;
  } else {
    console.log(`${email} is now ${role}`);
  }
} finally {
  await db.$disconnect();
  await database.stop();
}
