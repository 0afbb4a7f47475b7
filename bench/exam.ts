// npm run bench:exam — latency of saving a mock-exam answer and of submitting a
// 65-question exam, through the app's own data layer against real PostgreSQL.
// Baseline in the same run: the bare single-row UPDATE a save must at least cost.
import pg from "pg";
import { createDb } from "../lib/db";
import { seedShippedBanks } from "../lib/banks/seed";
import { saveExamAnswer, startMockExam, submitExam } from "../lib/exams/mutations";
import { benchDatabase, elapsedMs, summary } from "./support";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 20);

const database = await benchDatabase();
process.env.DATABASE_URL = database.url;
try {
  await seedShippedBanks(database.url, { log: (line) => console.error(line) });
  const db = createDb(database.url);
  const saves: number[] = [];
  const submits: number[] = [];
  const baseline: number[] = [];
  const raw = new pg.Client({ connectionString: database.url });
  await raw.connect();
  for (let learner = 0; learner < LEARNERS; learner++) {
    const user = await db.user.create({ data: { email: `bench${learner}@example.com`, name: `Bench ${learner}`, passwordHash: "x" }, select: { id: true } });
    const now = new Date();
    const { attemptId } = await startMockExam(user.id, "soa-c03", now);
    const items = await db.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" }, select: { id: true, question: { select: { choices: { select: { key: true }, orderBy: { order: "asc" } } } } } });
    for (const item of items) {
      const start = process.hrtime.bigint();
      await saveExamAnswer(user.id, { attemptId, itemId: item.id, choiceKeys: [item.question.choices[0]!.key] }, new Date());
      saves.push(elapsedMs(start));
      const rawStart = process.hrtime.bigint();
      await raw.query(`UPDATE "AttemptItem" SET "selectedChoiceIds" = $2, "answeredAt" = now() WHERE id = $1`, [item.id, [item.question.choices[0]!.key]]);
      baseline.push(elapsedMs(rawStart));
    }
    const start = process.hrtime.bigint();
    await submitExam(user.id, attemptId, new Date(), { auto: false });
    submits.push(elapsedMs(start));
    console.error(`learner ${learner + 1}/${LEARNERS}: ${items.length} answers saved, exam submitted`);
  }
  await raw.end();
  await db.$disconnect();
  console.log(JSON.stringify({
    bench: "exam",
    learners: LEARNERS,
    questionsPerExam: saves.length / LEARNERS,
    saveAnswerMs: summary(saves),
    submitExamMs: summary(submits),
    baseline: { name: "bare UPDATE of one AttemptItem row (pg, same database)", ms: summary(baseline) },
    targets: { saveP99Ms: 30 },
  }));
} finally {
  await database.stop();
}
