// Every answer to a bank's published questions (practice, exams and assignments in
// AttemptItem; live rooms in RoomAnswer; ghost races in GhostRunAnswer), each with the
// learner's current mastery on the question's topic, aggregated per question in PostgreSQL
// (counts, pick counts, median time, the sums the point-biserial needs); math.ts does the rest.
import { db } from "../db";
import { itemStatsFromSums, type ItemStats, type ItemSums } from "./math";

type SumRow = { questionId: string; answered: number; right: number; median: number | null; withMastery: number; sumX: number | null; sumXX: number | null; rightWithMastery: number; sumXRight: number | null };
type PickRow = { questionId: string; key: string; picks: number };

export async function loadItemStats(bankId: string, questionIds?: readonly string[]): Promise<Map<string, ItemStats>> {
  const only = questionIds ? [...questionIds] : null;
  // Every branch reads only these questions' answers (by index), not the whole table.
  const questions = await db().question.findMany({
    where: { bankId, status: "PUBLISHED", ...(only ? { id: { in: only } } : {}) },
    select: { id: true, topicId: true, choices: { select: { key: true, correct: true } } },
  });
  const ids = questions.map((q) => q.id);
  const [sums, picks] = await Promise.all([
    db().$queryRaw<SumRow[]>`
      WITH answers AS (
        SELECT i."questionId", a."userId", i.correct, i."responseMs"
          FROM "AttemptItem" i JOIN "Attempt" a ON a.id = i."attemptId"
          WHERE i."questionId" = ANY(${ids}::text[]) AND i.correct IS NOT NULL AND i."answeredAt" IS NOT NULL
        UNION ALL
        SELECT r."questionId", p."userId", ra.correct, ra."responseMs"
          FROM "RoomAnswer" ra JOIN "RoomRound" r ON r.id = ra."roundId" JOIN "RoomPlayer" p ON p.id = ra."playerId"
          WHERE r."questionId" = ANY(${ids}::text[]) AND ra.correct IS NOT NULL
        UNION ALL
        SELECT ga."questionId", g."userId", ga.correct, ga."responseMs"
          FROM "GhostRunAnswer" ga JOIN "GhostRun" g ON g.id = ga."runId"
          WHERE ga."questionId" = ANY(${ids}::text[])
      )
      SELECT x."questionId", count(*)::int AS answered, (count(*) FILTER (WHERE x.correct))::int AS "right",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY x."responseMs") AS median,
        count(m.theta)::int AS "withMastery", sum(m.theta) AS "sumX", sum(m.theta * m.theta) AS "sumXX",
        (count(m.theta) FILTER (WHERE x.correct))::int AS "rightWithMastery", sum(m.theta) FILTER (WHERE x.correct) AS "sumXRight"
      FROM answers x
      JOIN "Question" q ON q.id = x."questionId"
      LEFT JOIN "TopicMastery" m ON m."userId" = x."userId" AND m."topicId" = q."topicId"
      GROUP BY x."questionId"`,
    db().$queryRaw<PickRow[]>`
      WITH answers AS (
        SELECT i."questionId", i."selectedChoiceIds" AS keys FROM "AttemptItem" i
          WHERE i."questionId" = ANY(${ids}::text[]) AND i.correct IS NOT NULL AND i."answeredAt" IS NOT NULL
        UNION ALL
        SELECT r."questionId", ra."choiceIds" FROM "RoomAnswer" ra JOIN "RoomRound" r ON r.id = ra."roundId"
          WHERE r."questionId" = ANY(${ids}::text[]) AND ra.correct IS NOT NULL
        UNION ALL
        SELECT ga."questionId", ga."choiceIds" FROM "GhostRunAnswer" ga WHERE ga."questionId" = ANY(${ids}::text[])
      )
      SELECT x."questionId", k.key, count(*)::int AS picks
      FROM answers x CROSS JOIN LATERAL (SELECT DISTINCT unnest(x.keys) AS key) k
      GROUP BY 1, 2`,
  ]);
  const sumsOf = new Map(sums.map((r) => [r.questionId, r]));
  const picksOf = new Map<string, Record<string, number>>();
  for (const row of picks) picksOf.set(row.questionId, { ...picksOf.get(row.questionId), [row.key]: row.picks });
  return new Map(
    questions.map((q) => {
      const row = sumsOf.get(q.id);
      const itemSums: ItemSums = {
        answered: row?.answered ?? 0, right: row?.right ?? 0, picks: picksOf.get(q.id) ?? {}, medianResponseMs: row?.median ?? null,
        withMastery: row?.withMastery ?? 0, sumX: row?.sumX ?? 0, sumXX: row?.sumXX ?? 0, rightWithMastery: row?.rightWithMastery ?? 0, sumXRight: row?.sumXRight ?? 0,
      };
      return [q.id, itemStatsFromSums({ choiceKeys: q.choices.map((c) => c.key), correctKeys: q.choices.filter((c) => c.correct).map((c) => c.key) }, itemSums)];
    }),
  );
}
