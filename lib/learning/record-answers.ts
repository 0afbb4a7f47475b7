// The data-layer seam every mode calls once answers are scored (practice, mock exam,
// assignment, live room): it moves each learner's topic mastery, each item's learned
// difficulty and each question's review schedule, and logs MasteryEvents. A batch (a
// submitted exam, a closed live round) is read in three queries and written in a few
// statements, not one round trip per answer.
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { recordAnswer, type AnswerMode, type ItemState, type MasteryState } from "../mastery";
import { parseReviewCard, scheduleReview, type ReviewCardData } from "../review";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

export type AnswerToRecord = {
  userId: string;
  questionId: string;
  correct: boolean;
  mode: AnswerMode;
  answeredAt: Date;
  /** How long the learner took; null when unknown (e.g. a mock exam item revisited). */
  responseMs: number | null;
};

// A generous time target per question for FSRS's Hard/Good/Easy split.
const TARGET_RESPONSE_MS = 60_000;

type CardRow = { card: ReviewCardData; dueAt: Date; lastReviewedAt: Date; reps: number; lapses: number; existed: boolean };

export async function recordAnswers(client: Client, answers: readonly AnswerToRecord[]): Promise<void> {
  if (answers.length === 0) return;
  const questionIds = [...new Set(answers.map((a) => a.questionId))];
  const userIds = [...new Set(answers.map((a) => a.userId))];
  const questions = await client.question.findMany({
    where: { id: { in: questionIds } },
    select: { id: true, topicId: true, itemDifficulty: true, itemAnswers: true, difficulty: true },
  });
  const questionById = new Map(questions.map((q) => [q.id, q]));
  const topicIds = [...new Set(questions.map((q) => q.topicId))];
  const [masteryRows, cardRows] = await Promise.all([
    client.topicMastery.findMany({ where: { userId: { in: userIds }, topicId: { in: topicIds } } }),
    client.reviewCard.findMany({ where: { userId: { in: userIds }, questionId: { in: questionIds } } }),
  ]);

  // Fold the answers in order, in memory: two answers on one topic build on each other.
  const masteries = new Map<string, MasteryState>();
  for (const row of masteryRows) {
    masteries.set(`${row.userId}|${row.topicId}`, {
      theta: row.theta, uncertainty: row.uncertainty, answers: row.answers, correctAnswers: row.correctAnswers,
      lastAnsweredAt: row.lastAnsweredAt?.toISOString() ?? null,
    });
  }
  const items = new Map<string, ItemState>(questions.map((q) => [q.id, { difficulty: q.itemDifficulty, answers: q.itemAnswers, level: q.difficulty }]));
  const cards = new Map<string, CardRow>();
  for (const row of cardRows) {
    cards.set(`${row.userId}|${row.questionId}`, { card: parseReviewCard(row.card), dueAt: row.dueAt, lastReviewedAt: row.lastReviewedAt ?? row.dueAt, reps: row.reps, lapses: row.lapses, existed: true });
  }
  const events: Prisma.MasteryEventCreateManyInput[] = [];

  for (const answer of [...answers].sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime())) {
    const question = questionById.get(answer.questionId);
    if (!question) throw new Error(`recordAnswers: unknown question ${answer.questionId}`);
    const masteryKey = `${answer.userId}|${question.topicId}`;
    const cardKey = `${answer.userId}|${answer.questionId}`;
    const card = cards.get(cardKey);
    const recorded = recordAnswer(
      { userId: answer.userId, topicId: question.topicId, questionId: answer.questionId, correct: answer.correct, answeredAt: answer.answeredAt, mode: answer.mode, priorAnswersToQuestion: card?.reps ?? 0 },
      { mastery: masteries.get(masteryKey) ?? null, item: items.get(answer.questionId)! },
    );
    masteries.set(masteryKey, recorded.mastery);
    items.set(answer.questionId, recorded.item);
    const review = scheduleReview(card?.card ?? null, {
      correct: answer.correct, responseMs: answer.responseMs ?? TARGET_RESPONSE_MS, targetMs: TARGET_RESPONSE_MS, answeredAt: answer.answeredAt,
    });
    cards.set(cardKey, {
      card: review.card, dueAt: review.dueAt, lastReviewedAt: answer.answeredAt,
      reps: (card?.reps ?? 0) + 1, lapses: (card?.lapses ?? 0) + (answer.correct ? 0 : 1), existed: card?.existed ?? false,
    });
    events.push({ userId: answer.userId, topicId: question.topicId, questionId: answer.questionId, mode: answer.mode, correct: answer.correct, thetaAfter: recorded.mastery.theta, createdAt: answer.answeredAt });
  }

  const touchedMasteries = [...masteries.entries()].filter(([key]) => events.some((e) => `${e.userId}|${e.topicId}` === key));
  const touchedCards = [...cards.entries()].filter(([key]) => events.some((e) => `${e.userId}|${e.questionId}` === key));
  const touchedItems = [...items.entries()].filter(([id]) => questionIds.includes(id));

  await client.masteryEvent.createMany({ data: events });
  // Upserts as one statement each: arrays unnested server-side.
  await client.$executeRaw`
    INSERT INTO "TopicMastery" ("userId", "topicId", theta, uncertainty, answers, "correctAnswers", "lastAnsweredAt", "updatedAt")
    SELECT * FROM unnest(${touchedMasteries.map(([k]) => k.split("|")[0]!)}::text[], ${touchedMasteries.map(([k]) => k.split("|")[1]!)}::text[],
      ${touchedMasteries.map(([, m]) => m.theta)}::float8[], ${touchedMasteries.map(([, m]) => m.uncertainty)}::float8[],
      ${touchedMasteries.map(([, m]) => m.answers)}::int[], ${touchedMasteries.map(([, m]) => m.correctAnswers)}::int[],
      ${touchedMasteries.map(([, m]) => (m.lastAnsweredAt ? new Date(m.lastAnsweredAt) : null))}::timestamp[], ${touchedMasteries.map(() => new Date())}::timestamp[])
    ON CONFLICT ("userId", "topicId") DO UPDATE SET theta = EXCLUDED.theta, uncertainty = EXCLUDED.uncertainty, answers = EXCLUDED.answers,
      "correctAnswers" = EXCLUDED."correctAnswers", "lastAnsweredAt" = EXCLUDED."lastAnsweredAt", "updatedAt" = EXCLUDED."updatedAt"`;
  await client.$executeRaw`
    INSERT INTO "ReviewCard" ("userId", "questionId", card, "dueAt", "lastReviewedAt", reps, lapses)
    SELECT * FROM unnest(${touchedCards.map(([k]) => k.split("|")[0]!)}::text[], ${touchedCards.map(([k]) => k.split("|")[1]!)}::text[],
      ${touchedCards.map(([, c]) => JSON.stringify(c.card))}::jsonb[], ${touchedCards.map(([, c]) => c.dueAt)}::timestamp[],
      ${touchedCards.map(([, c]) => c.lastReviewedAt)}::timestamp[], ${touchedCards.map(([, c]) => c.reps)}::int[], ${touchedCards.map(([, c]) => c.lapses)}::int[])
    ON CONFLICT ("userId", "questionId") DO UPDATE SET card = EXCLUDED.card, "dueAt" = EXCLUDED."dueAt", "lastReviewedAt" = EXCLUDED."lastReviewedAt",
      reps = EXCLUDED.reps, lapses = EXCLUDED.lapses`;
  await client.$executeRaw`
    UPDATE "Question" AS q SET "itemDifficulty" = v.b, "itemAnswers" = v.n
    FROM unnest(${touchedItems.map(([id]) => id)}::text[], ${touchedItems.map(([, i]) => i.difficulty)}::float8[], ${touchedItems.map(([, i]) => i.answers)}::int[]) AS v(id, b, n)
    WHERE q.id = v.id`;
}
