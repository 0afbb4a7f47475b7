// npm run bench:reports — a class of 500 members, 30 assignments and 60,000 answers: p50/p99
// of the heatmap's data (TopicMastery joined to the members, bands computed) and of the CSV
// exports, through the app's own data layer against real PostgreSQL. Baseline in the same
// run: one plain SQL aggregate over the same rows, grouped as the report needs them (what any
// report must at least read and return): per student for the heatmap, per student and
// assignment for the CSV. The per-topic aggregate is printed too, for reference.
//
// The class is busy: before every run BENCH_CHURN members (default 10) answer again (a mastery
// row and an attempt of each change), so each load re-reads what moved, as a report reloaded
// during a class would. "Cold" figures load with the report cache emptied first (a process's
// first load of that report).
import { randomUUID } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { createDb } from "../lib/db";
import { seedShippedBanks } from "../lib/banks/seed";
import { exportGroupCsv } from "../lib/groups/data";
import { clearReportCaches, loadHeatmap } from "../lib/groups/reports";
import { benchDatabase, elapsedMs, summary } from "./support";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 500);
const ASSIGNMENTS = Number(process.env.BENCH_ASSIGNMENTS ?? 30);
const ANSWERS_PER_ATTEMPT = 4;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const CHURN = Number(process.env.BENCH_CHURN ?? 10);
const labels = { name: "Name", email: "Email", score: "score", band: "(80%)", status: { not_started: "n", in_progress: "i", submitted: "s", late: "l", missed: "m" }, topicTitle: (t: { ko: string }) => t.ko };

const ratio = (a: number | null, b: number | null) => (a !== null && b ? Math.round((a / b) * 100) / 100 : null);

const database = await benchDatabase();
process.env.DATABASE_URL = database.url;
try {
  await seedShippedBanks(database.url, { log: (line) => console.error(line) });
  const db = createDb(database.url);
  const raw = new pg.Client({ connectionString: database.url });
  await raw.connect();
  const bank = await db.questionBank.findUniqueOrThrow({ where: { slug: "soa-c03" }, select: { id: true } });
  const topics = await db.topic.findMany({ where: { bankId: bank.id }, select: { id: true } });
  const questions = await db.question.findMany({ where: { bankId: bank.id, status: "PUBLISHED", type: { not: "CLOZE" } }, select: { id: true, topicId: true } });
  const now = new Date();

  console.error(`seeding ${MEMBERS} members, ${ASSIGNMENTS} assignments, ${MEMBERS * ASSIGNMENTS * ANSWERS_PER_ATTEMPT} answers`);
  const owner = await db.user.create({ data: { email: "owner@bench.example", name: "Owner", passwordHash: "x", role: "INSTRUCTOR" }, select: { id: true } });
  const group = await db.group.create({ data: { name: "Bench class", kind: "CLASS", ownerId: owner.id, joinCode: "BENCH234", members: { create: { userId: owner.id, role: "OWNER" } } }, select: { id: true } });
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ id: `m${i}-${randomUUID().slice(0, 8)}`, email: `m${i}@bench.example`, name: `학생 ${String(i).padStart(3, "0")}`, passwordHash: "x" }));
  await db.user.createMany({ data: members });
  await db.groupMembership.createMany({ data: members.map((m) => ({ groupId: group.id, userId: m.id })) });
  const assignments = Array.from({ length: ASSIGNMENTS }, (_, i) => ({
    id: `a${i}-${randomUUID().slice(0, 8)}`, groupId: group.id, bankId: bank.id, title: `Week ${i + 1}`, topicIds: [topics[i % topics.length]!.id], size: ANSWERS_PER_ATTEMPT,
    mode: "PRACTICE" as const, openAt: new Date(now.getTime() - 40 * 86_400_000), dueAt: new Date(now.getTime() + (i - 15) * 86_400_000), createdById: owner.id,
  }));
  await db.assignment.createMany({ data: assignments });
  // Attempts (one per member and assignment) and their items, in batches through unnest.
  let rng = 42;
  const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const a of assignments) {
    const pool = questions.filter((q) => q.topicId === a.topicIds[0]);
    const attemptIds = members.map(() => randomUUID());
    const correct = members.map(() => Math.floor(random() * (ANSWERS_PER_ATTEMPT + 1)));
    await raw.query(
      `INSERT INTO "Attempt" (id, "userId", "bankId", mode, status, "assignmentId", config, "startedAt", "submittedAt", "correctCount", "totalCount")
       SELECT v.id, v.uid, $1, 'PRACTICE', 'SUBMITTED', $2, '{}'::jsonb, $3, $3, v.c, $4 FROM unnest($5::text[], $6::text[], $7::int[]) AS v(id, uid, c)`,
      [bank.id, a.id, now, ANSWERS_PER_ATTEMPT, attemptIds, members.map((m) => m.id), correct],
    );
    const itemAttempt: string[] = [], itemQuestion: string[] = [], itemPos: number[] = [], itemCorrect: boolean[] = [], itemPick: string[] = [];
    attemptIds.forEach((attemptId, m) => {
      for (let p = 0; p < ANSWERS_PER_ATTEMPT; p++) {
        itemAttempt.push(attemptId);
        itemQuestion.push(pool[p % pool.length]!.id);
        itemPos.push(p);
        itemCorrect.push(p < correct[m]!);
        itemPick.push(p < correct[m]! ? "a" : "b");
      }
    });
    await raw.query(
      `INSERT INTO "AttemptItem" (id, "attemptId", "questionId", position, "selectedChoiceIds", "answeredAt", correct)
       SELECT gen_random_uuid()::text, v.a, v.q, v.p, ARRAY[v.k], $1, v.c FROM unnest($2::text[], $3::text[], $4::int[], $5::bool[], $6::text[]) AS v(a, q, p, c, k)
       ON CONFLICT DO NOTHING`,
      [now, itemAttempt, itemQuestion, itemPos, itemCorrect, itemPick],
    );
  }
  // Mastery: every member has answered most topics.
  const tmUser: string[] = [], tmTopic: string[] = [], tmTheta: number[] = [], tmSd: number[] = [], tmN: number[] = [];
  for (const m of members) for (const t of topics) if (random() < 0.9) { tmUser.push(m.id); tmTopic.push(t.id); tmTheta.push(random() * 4 - 2); tmSd.push(0.3 + random()); tmN.push(1 + Math.floor(random() * 20)); }
  await raw.query(
    `INSERT INTO "TopicMastery" ("userId", "topicId", theta, uncertainty, answers, "correctAnswers", "lastAnsweredAt", "updatedAt")
     SELECT v.u, v.t, v.th, v.sd, v.n, v.n / 2, $1, $1 FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::int[]) AS v(u, t, th, sd, n)`,
    [now, tmUser, tmTopic, tmTheta, tmSd, tmN],
  );
  await raw.query("ANALYZE");
  const answers = Number((await raw.query(`SELECT count(*) FROM "AttemptItem"`)).rows[0].count);
  console.error(`seeded: ${answers} answers, ${tmUser.length} mastery rows`);

  const actor = { kind: "user" as const, id: owner.id, role: "INSTRUCTOR" as const };
  const heatmap: number[] = [], csvAssignments: number[] = [], csvHeatmap: number[] = [], baseHeat: number[] = [], baseTopics: number[] = [], baseAttempts: number[] = [];
  const heatmapCold: number[] = [], csvAssignmentsCold: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS + 3; run++) {
    const warm = run < 3;
    // Not timed: CHURN members answer again (a different slice each run).
    const churn = members.slice((run * CHURN) % MEMBERS, ((run * CHURN) % MEMBERS) + CHURN).map((m) => m.id);
    await raw.query(
      `UPDATE "TopicMastery" SET theta = theta + 0.05, answers = answers + 1, "correctAnswers" = "correctAnswers" + 1, "lastAnsweredAt" = $3, "updatedAt" = $3
       WHERE "userId" = ANY($1) AND "topicId" = $2`, [churn, topics[run % topics.length]!.id, now]);
    await raw.query(`UPDATE "Attempt" SET "correctCount" = ("correctCount" + 1) % ($3 + 1) WHERE "userId" = ANY($1) AND "assignmentId" = $2`, [churn, assignments[run % ASSIGNMENTS]!.id, ANSWERS_PER_ATTEMPT]);

    let start = process.hrtime.bigint();
    const map = await loadHeatmap({ id: group.id, kind: "CLASS" }, bank.id, now);
    if (!warm) heatmap.push(elapsedMs(start));
    if (map.students.length !== MEMBERS) throw new Error(`heatmap has ${map.students.length} students`);

    start = process.hrtime.bigint();
    const csv = await exportGroupCsv(actor, group.id, "assignments", labels, undefined, now);
    if (!warm) csvAssignments.push(elapsedMs(start));
    bytes = csv.body.length;

    start = process.hrtime.bigint();
    await exportGroupCsv(actor, group.id, "heatmap", labels, "soa-c03", now);
    if (!warm) csvHeatmap.push(elapsedMs(start));

    start = process.hrtime.bigint();
    await raw.query(
      `SELECT m."userId", count(*), avg(tm.theta), avg(tm.uncertainty), sum(tm.answers) FROM "GroupMembership" m
       JOIN "TopicMastery" tm ON tm."userId" = m."userId" JOIN "Topic" t ON t.id = tm."topicId" WHERE m."groupId" = $1 AND t."bankId" = $2 GROUP BY 1`, [group.id, bank.id]);
    if (!warm) baseHeat.push(elapsedMs(start));

    start = process.hrtime.bigint();
    await raw.query(
      `SELECT tm."topicId", avg(tm.theta), avg(tm.uncertainty), count(*) FROM "GroupMembership" m JOIN "TopicMastery" tm ON tm."userId" = m."userId"
       JOIN "Topic" t ON t.id = tm."topicId" WHERE m."groupId" = $1 AND t."bankId" = $2 GROUP BY 1`, [group.id, bank.id]);
    if (!warm) baseTopics.push(elapsedMs(start));

    start = process.hrtime.bigint();
    await raw.query(
      `SELECT at."userId", at."assignmentId", max(at."correctCount"), count(*) FROM "Attempt" at JOIN "Assignment" a ON a.id = at."assignmentId"
       WHERE a."groupId" = $1 GROUP BY 1, 2`, [group.id]);
    if (!warm) baseAttempts.push(elapsedMs(start));

    clearReportCaches("heatmap");
    start = process.hrtime.bigint();
    await loadHeatmap({ id: group.id, kind: "CLASS" }, bank.id, now);
    if (!warm) heatmapCold.push(elapsedMs(start));
    clearReportCaches("completion");
    start = process.hrtime.bigint();
    await exportGroupCsv(actor, group.id, "assignments", labels, undefined, now);
    if (!warm) csvAssignmentsCold.push(elapsedMs(start));
  }
  await raw.end();
  await db.$disconnect();
  const heat = summary(heatmap), csvA = summary(csvAssignments), csvH = summary(csvHeatmap), bH = summary(baseHeat), bT = summary(baseTopics), bA = summary(baseAttempts), heatCold = summary(heatmapCold), csvACold = summary(csvAssignmentsCold);
  console.log(JSON.stringify({
    bench: "reports",
    members: MEMBERS, assignments: ASSIGNMENTS, answers, masteryRows: tmUser.length, runs: RUNS, membersChangedBeforeEachRun: CHURN,
    heatmapDataMs: heat,
    csvAssignmentsMs: csvA,
    csvHeatmapMs: csvH,
    cold: { heatmapDataMs: heatCold, csvAssignmentsMs: csvACold },
    csvAssignmentsBytes: bytes,
    baseline: {
      heatmap: { name: "one SQL aggregate over the members' TopicMastery rows in the bank, per student (count, mean θ, mean sd, answers: 500 rows out, one per heatmap row; pg, same database)", ms: bH },
      heatmapTopicMeans: { name: "one SQL aggregate over the same rows, per topic (40 rows out; for reference)", ms: bT },
      csv: { name: "one SQL aggregate over the class's attempts, per member and assignment (pg, same database)", ms: bA },
    },
    ratioToBaselineP50: { heatmap: ratio(heat.p50, bH.p50), csvAssignments: ratio(csvA.p50, bA.p50), heatmapVsTopicMeans: ratio(heat.p50, bT.p50), heatmapCold: ratio(heatCold.p50, bH.p50), csvAssignmentsCold: ratio(csvACold.p50, bA.p50) },
    ratioToBaselineP99: { heatmap: ratio(heat.p99, bH.p99), csvAssignments: ratio(csvA.p99, bA.p99) },
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    targets: { heatmapP99Ms: 300, csvP99Ms: 1000, ratioToBaseline: 2 },
  }));
} finally {
  await database.stop();
}
