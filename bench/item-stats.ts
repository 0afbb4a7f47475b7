// npm run bench:item-stats — item statistics for the editor's bank view: the shipped SOA-C03
// bank (a few hundred published questions) and ~100,000 answers (1,000 learners × 100, in
// practice attempts) with each learner's topic mastery. Measures loadItemStats (one SQL read of
// every answer with its mastery, then the pure statistics) p50/p99. Baseline in the same run:
// a plain COUNT per question over the same answer rows (what any per-question figure must read).
import os from "node:os";
import pg from "pg";
import { createDb } from "../lib/db";
import { seedShippedBanks } from "../lib/banks/seed";
import { loadItemStats } from "../lib/item-stats/data";
import { benchDatabase, elapsedMs, summary } from "./support";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 1000);
const PER_LEARNER = Number(process.env.BENCH_ANSWERS_PER_LEARNER ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const database = await benchDatabase();
process.env.DATABASE_URL = database.url;
try {
  await seedShippedBanks(database.url, { log: (line) => console.error(line) });
  const db = createDb(database.url);
  const raw = new pg.Client({ connectionString: database.url });
  await raw.connect();
  const bank = await db.questionBank.findUniqueOrThrow({ where: { slug: "soa-c03" }, select: { id: true } });
  const questions = await db.question.findMany({ where: { bankId: bank.id, status: "PUBLISHED", type: { not: "CLOZE" } }, select: { id: true, topicId: true, choices: { select: { key: true, correct: true } } } });
  const topics = [...new Set(questions.map((q) => q.topicId))];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  console.error(`seeding ${LEARNERS} learners × ${PER_LEARNER} answers over ${questions.length} questions`);
  const now = new Date();
  for (let l = 0; l < LEARNERS; l++) {
    const userId = `bench-learner-${l}`;
    await raw.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, 'x', now())`, [userId, `${userId}@bench.example`, `L${l}`]);
    const thetas = topics.map(() => random() * 4 - 2);
    await raw.query(`INSERT INTO "TopicMastery" ("userId", "topicId", theta, "updatedAt") SELECT $1, t, th, now() FROM unnest($2::text[], $3::float8[]) AS v(t, th)`, [userId, topics, thetas]);
    const attemptId = `bench-attempt-${l}`;
    await raw.query(`INSERT INTO "Attempt" (id, "userId", "bankId", mode, status, config) VALUES ($1, $2, $3, 'PRACTICE', 'SUBMITTED', '{}')`, [attemptId, userId, bank.id]);
    const start = Math.floor(random() * questions.length);
    const picked = Array.from({ length: Math.min(PER_LEARNER, questions.length) }, (_, i) => questions[(start + i) % questions.length]!);
    const keys: string[] = [], correct: boolean[] = [];
    for (const q of picked) {
      const theta = thetas[topics.indexOf(q.topicId)]!;
      const right = random() < 1 / (1 + Math.exp(-theta));
      const options = q.choices.filter((c) => c.correct === right);
      const key = (options[Math.floor(random() * options.length)] ?? q.choices[0]!).key;
      keys.push(`{${key}}`);
      correct.push(right);
    }
    await raw.query(
      `INSERT INTO "AttemptItem" (id, "attemptId", "questionId", position, "selectedChoiceIds", "answeredAt", correct, "responseMs")
       SELECT $1 || '-' || v.ord, $1, v.q, v.ord::int, v.k::text[], $5, v.c, (1000 + v.ord * 37)::int FROM unnest($2::text[], $3::text[], $4::boolean[]) WITH ORDINALITY AS v(q, k, c, ord)`,
      [attemptId, picked.map((q) => q.id), keys, correct, now],
    );
  }
  await raw.query("ANALYZE");
  const answers = Number((await raw.query(`SELECT count(*) FROM "AttemptItem"`)).rows[0].count);
  console.error(`seeded ${answers} answers`);

  const stats: number[] = [], baseline: number[] = [];
  let flagged = 0;
  for (let run = 0; run < RUNS + 2; run++) {
    const warm = run < 2;
    let start = process.hrtime.bigint();
    const result = await loadItemStats(bank.id);
    if (!warm) stats.push(elapsedMs(start));
    flagged = [...result.values()].filter((s) => s.flags.length > 0).length;
    start = process.hrtime.bigint();
    await raw.query(
      `SELECT i."questionId", count(*) FROM "AttemptItem" i JOIN "Question" q ON q.id = i."questionId"
       WHERE q."bankId" = $1 AND q.status = 'PUBLISHED' AND i.correct IS NOT NULL GROUP BY 1`, [bank.id]);
    if (!warm) baseline.push(elapsedMs(start));
  }
  await raw.end();
  const s = summary(stats), b = summary(baseline);
  console.log(JSON.stringify({
    bench: "item-stats", questions: questions.length, answers, flaggedQuestions: flagged, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    itemStatsMs: s, baselineCountMs: b, ratioP50: Math.round((s.p50 / b.p50) * 100) / 100,
  }));
} finally {
  await database.stop();
}
