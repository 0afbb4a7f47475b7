// Loads every answer to a bank's published questions (practice, exams and assignments in
// AttemptItem; live rooms in RoomAnswer; ghost races in GhostRunAnswer) with the learner's
// current mastery on the question's topic, and computes each question's statistics.
import { db } from "../db";
import { itemStats, type ItemStats, type StatAnswer } from "./math";

type Row = { questionId: string; correct: boolean; keys: string[]; responseMs: number | null; mastery: number | null };

export async function loadItemStats(bankId: string, questionIds?: readonly string[]): Promise<Map<string, ItemStats>> {
  const only = questionIds ? [...questionIds] : null;
  const [questions, rows] = await Promise.all([
    db().question.findMany({
      where: { bankId, status: "PUBLISHED", ...(only ? { id: { in: only } } : {}) },
      select: { id: true, choices: { select: { key: true, correct: true } } },
    }),
    db().$queryRaw<Row[]>`
      WITH answers AS (
        SELECT i."questionId", a."userId", i.correct, i."selectedChoiceIds" AS keys, i."responseMs"
          FROM "AttemptItem" i JOIN "Attempt" a ON a.id = i."attemptId"
          WHERE i.correct IS NOT NULL AND i."answeredAt" IS NOT NULL
        UNION ALL
        SELECT r."questionId", p."userId", ra.correct, ra."choiceIds", ra."responseMs"
          FROM "RoomAnswer" ra JOIN "RoomRound" r ON r.id = ra."roundId" JOIN "RoomPlayer" p ON p.id = ra."playerId"
          WHERE ra.correct IS NOT NULL
        UNION ALL
        SELECT ga."questionId", g."userId", ga.correct, ga."choiceIds", ga."responseMs"
          FROM "GhostRunAnswer" ga JOIN "GhostRun" g ON g.id = ga."runId"
      )
      SELECT x."questionId", x.correct, x.keys, x."responseMs", m.theta AS mastery
        FROM answers x
        JOIN "Question" q ON q.id = x."questionId"
        LEFT JOIN "TopicMastery" m ON m."userId" = x."userId" AND m."topicId" = q."topicId"
        WHERE q."bankId" = ${bankId} AND q.status = 'PUBLISHED'
          AND (${only}::text[] IS NULL OR q.id = ANY(${only}::text[]))`,
  ]);
  const byQuestion = new Map<string, StatAnswer[]>();
  for (const row of rows) {
    const list = byQuestion.get(row.questionId) ?? [];
    list.push({ correct: row.correct, keys: row.keys, responseMs: row.responseMs, mastery: row.mastery });
    byQuestion.set(row.questionId, list);
  }
  return new Map(
    questions.map((q) => [
      q.id,
      itemStats({ choiceKeys: q.choices.map((c) => c.key), correctKeys: q.choices.filter((c) => c.correct).map((c) => c.key) }, byQuestion.get(q.id) ?? []),
    ]),
  );
}
