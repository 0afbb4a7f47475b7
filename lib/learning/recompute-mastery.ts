// After an editor changes a question's key, every learner who answered it gets their mastery
// on its topic recomputed: their stored answers to the question are scored again against the
// new key, and all their answers on that topic are replayed (lib/mastery/replay.ts). Mock-exam
// and assignment scores are not touched: their result pages say the question was corrected.
import { db, type Db } from "../db";
import { scoreItem } from "../exams/scoring";
import { replayMastery, type AnswerMode, type ItemState } from "../mastery";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

type StoredAnswer = { userId: string; keys: string[]; text: string | null; answeredAt: Date };

/** Every stored answer to the question in any mode: attempts (practice, exams, assignments), live rooms, ghost races. */
async function storedAnswers(client: Client, questionId: string): Promise<StoredAnswer[]> {
  const rows = await client.$queryRaw<{ userId: string; keys: string[]; text: string | null; answeredAt: Date }[]>`
    SELECT a."userId", i."selectedChoiceIds" AS keys, i."textAnswer" AS text, i."answeredAt"
      FROM "AttemptItem" i JOIN "Attempt" a ON a.id = i."attemptId"
      WHERE i."questionId" = ${questionId} AND i."answeredAt" IS NOT NULL
    UNION ALL
    SELECT p."userId", ra."choiceIds", NULL, ra."answeredAt"
      FROM "RoomAnswer" ra JOIN "RoomRound" r ON r.id = ra."roundId" JOIN "RoomPlayer" p ON p.id = ra."playerId"
      WHERE r."questionId" = ${questionId} AND p."userId" IS NOT NULL
    UNION ALL
    SELECT g."userId", ga."choiceIds", NULL, ga."answeredAt"
      FROM "GhostRunAnswer" ga JOIN "GhostRun" g ON g.id = ga."runId"
      WHERE ga."questionId" = ${questionId}`;
  return rows;
}

/** The stored answer a MasteryEvent came from: same learner, answered at (or nearest to) the event's time. */
function answerFor(answers: readonly StoredAnswer[], userId: string, at: Date): StoredAnswer | null {
  let best: StoredAnswer | null = null;
  for (const answer of answers) {
    if (answer.userId !== userId) continue;
    if (!best || Math.abs(answer.answeredAt.getTime() - at.getTime()) < Math.abs(best.answeredAt.getTime() - at.getTime())) best = answer;
  }
  return best;
}

export type RecomputeSummary = { pairs: number; rescored: number; changed: number };

/** Re-scores the question's past answers against its current key and replays the affected learner-topic masteries. */
export async function recomputeMasteryForQuestion(questionId: string, client: Client = db()): Promise<RecomputeSummary> {
  const question = await client.question.findUnique({
    where: { id: questionId },
    select: { id: true, topicId: true, type: true, choose: true, acceptedAnswers: true, choices: { select: { key: true, correct: true } } },
  });
  if (!question) return { pairs: 0, rescored: 0, changed: 0 };
  const correctKeys = question.choices.filter((c) => c.correct).map((c) => c.key);
  const scorable = {
    type: question.type === "MULTIPLE" ? ("multiple" as const) : question.type === "CLOZE" ? ("cloze" as const) : ("single" as const),
    correctChoiceIds: correctKeys, choose: question.choose ?? undefined, acceptedAnswers: question.acceptedAnswers,
  };
  const answers = await storedAnswers(client, questionId);
  const userIds = [...new Set((await client.masteryEvent.findMany({ where: { questionId }, select: { userId: true }, distinct: ["userId"] })).map((e) => e.userId))];
  let rescored = 0;
  let changed = 0;
  for (const userId of userIds) {
    const events = await client.masteryEvent.findMany({
      where: { userId, topicId: question.topicId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, questionId: true, correct: true, mode: true, createdAt: true },
    });
    const replayed = events.map((event) => {
      if (event.questionId !== questionId) return event;
      const stored = answerFor(answers, userId, event.createdAt);
      if (!stored) return event;
      rescored += 1;
      const correct = scoreItem(scorable, scorable.type === "cloze" ? { text: stored.text ?? "" } : { choiceIds: stored.keys });
      if (correct !== event.correct) changed += 1;
      return { ...event, correct };
    });
    const itemRows = await client.question.findMany({
      where: { id: { in: [...new Set(events.map((e) => e.questionId))] } },
      select: { id: true, itemDifficulty: true, itemAnswers: true, difficulty: true },
    });
    const items = new Map<string, ItemState>(itemRows.map((q) => [q.id, { difficulty: q.itemDifficulty, answers: q.itemAnswers, level: q.difficulty }]));
    const result = replayMastery(
      userId, question.topicId,
      replayed.map((e) => ({ questionId: e.questionId, correct: e.correct, answeredAt: e.createdAt, mode: e.mode as AnswerMode })),
      items,
    );
    const m = result.mastery;
    await client.topicMastery.upsert({
      where: { userId_topicId: { userId, topicId: question.topicId } },
      create: { userId, topicId: question.topicId, theta: m.theta, uncertainty: m.uncertainty, answers: m.answers, correctAnswers: m.correctAnswers, lastAnsweredAt: m.lastAnsweredAt ? new Date(m.lastAnsweredAt) : null },
      update: { theta: m.theta, uncertainty: m.uncertainty, answers: m.answers, correctAnswers: m.correctAnswers, lastAnsweredAt: m.lastAnsweredAt ? new Date(m.lastAnsweredAt) : null },
    });
    // The audit trail follows the re-scoring: each event's correctness and theta after it.
    await client.$executeRaw`
      UPDATE "MasteryEvent" AS e SET correct = v.correct, "thetaAfter" = v.theta
      FROM unnest(${replayed.map((e) => e.id.toString())}::bigint[], ${replayed.map((e) => e.correct)}::boolean[], ${result.thetaAfter}::float8[]) AS v(id, correct, theta)
      WHERE e.id = v.id`;
  }
  return { pairs: userIds.length, rescored, changed };
}
