// Practice: short sets answered one at a time, with the answer and its explanation
// revealed only after the learner commits to an answer.
import { db } from "../db";
import { AppError } from "../errors";
import { recordAnswers } from "../learning/record-answers";
import { masteryProbability } from "../mastery";
import { scoreItem, seededRandom, shuffle } from "../exams/scoring";
import { assignmentRefusal, type AssignmentTiming } from "../groups/rules";
import type { AnswerPracticeInput, StartPracticeInput } from "./schema";

export type PracticeFeedback = {
  correct: boolean;
  correctKeys: string[];
  /** Cloze: the accepted answers, shown once the learner has typed theirs. */
  acceptedAnswers: string[];
  explanation: string;
  errata: string | null;
  whys: Record<string, string | null>;
  noteHref: string;
  source: { file: string | null; start: number | null; end: number | null };
  finished: boolean;
};

async function pickQuestionIds(userId: string, bankId: string, input: StartPracticeInput, now: Date, seed: string): Promise<string[]> {
  const random = seededRandom(seed);
  if (input.source === "due") {
    const due = await db().reviewCard.findMany({
      where: { userId, dueAt: { lte: now }, question: { bankId, status: "PUBLISHED" } },
      orderBy: { dueAt: "asc" },
      take: input.size,
      select: { questionId: true },
    });
    return due.map((card) => card.questionId);
  }
  let topicIds = input.topicIds;
  if (input.source === "weakest") {
    const [topics, masteries] = await Promise.all([
      db().topic.findMany({ where: { bankId, questions: { some: { status: "PUBLISHED" } } }, select: { id: true } }),
      db().topicMastery.findMany({ where: { userId, topic: { bankId } } }),
    ]);
    const byTopic = new Map(masteries.map((m) => [m.topicId, m]));
    // Weakest first; topics never practised count as 50% and come after known weak ones.
    const score = (topicId: string) => {
      const m = byTopic.get(topicId);
      return m ? masteryProbability({ ...m, lastAnsweredAt: m.lastAnsweredAt?.toISOString() ?? null }) : 0.5 + random() * 0.01;
    };
    topicIds = topics.map((t) => t.id).sort((a, b) => score(a) - score(b)).slice(0, 3);
  }
  const pool = await db().question.findMany({
    where: { bankId, status: "PUBLISHED", ...(topicIds.length ? { topicId: { in: topicIds } } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return shuffle(pool.map((q) => q.id), random).slice(0, input.size);
}

export async function startPractice(userId: string, input: StartPracticeInput, now: Date): Promise<{ attemptId: string }> {
  const bank = await db().questionBank.findUnique({ where: { slug: input.bankSlug }, select: { id: true } });
  if (!bank) throw new AppError("not_found");
  if (input.topicIds.length) {
    const owned = await db().topic.count({ where: { id: { in: input.topicIds }, bankId: bank.id } });
    if (owned !== input.topicIds.length) throw new AppError("invalid_input");
  }
  const seed = `${userId}:${now.getTime()}`;
  const questionIds = await pickQuestionIds(userId, bank.id, input, now, seed);
  if (questionIds.length === 0) {
    // An empty bank says so; an empty choice (nothing due, say) keeps the general message.
    const published = await db().question.count({ where: { bankId: bank.id, status: "PUBLISHED" } });
    throw published === 0 ? new AppError("bank_empty", "this bank has no published questions") : new AppError("not_found", "no questions to practise");
  }
  const attempt = await db().attempt.create({
    data: {
      userId, bankId: bank.id, mode: "PRACTICE", startedAt: now,
      config: { source: input.source, topicIds: input.topicIds, size: input.size },
      items: { createMany: { data: questionIds.map((questionId, position) => ({ questionId, position })) } },
    },
    select: { id: true },
  });
  return { attemptId: attempt.id };
}

export async function answerPractice(userId: string, input: Pick<AnswerPracticeInput, "attemptId" | "itemId"> & { choiceKeys?: string[]; text?: string }, now: Date): Promise<PracticeFeedback> {
  const attempt = await db().attempt.findFirst({
    where: { id: input.attemptId, userId, mode: "PRACTICE" },
    select: { id: true, status: true, startedAt: true, bank: { select: { slug: true } }, assignment: { select: { openAt: true, dueAt: true, latePolicy: true } } },
  });
  if (!attempt) throw new AppError("not_found");
  if (attempt.status !== "IN_PROGRESS") throw new AppError("already_submitted");
  // An assignment's practice set takes no answers after its due time when late work is refused.
  const refusal = attempt.assignment ? assignmentRefusal(attempt.assignment, now) : null;
  if (refusal) throw new AppError(refusal);
  const item = await db().attemptItem.findFirst({
    where: { id: input.itemId, attemptId: attempt.id },
    select: {
      id: true, answeredAt: true, questionId: true,
      question: {
        select: {
          type: true, choose: true, acceptedAnswers: true, explanation: true, errata: true, sourceFile: true, lineStart: true, lineEnd: true,
          topic: { select: { slug: true } },
          choices: { orderBy: { order: "asc" }, select: { key: true, correct: true, why: true } },
        },
      },
    },
  });
  if (!item) throw new AppError("not_in_attempt");
  const cloze = item.question.type === "CLOZE";
  const keys = [...new Set(input.choiceKeys ?? [])];
  const text = input.text?.trim() ?? "";
  // A cloze takes typed text only; a choice question takes valid keys only.
  if (cloze ? text.length === 0 || keys.length > 0 : text.length > 0 || keys.length === 0) throw new AppError("invalid_input");
  const valid = new Set(item.question.choices.map((c) => c.key));
  const limit = item.question.type === "MULTIPLE" ? (item.question.choose ?? valid.size) : 1;
  if (keys.some((key) => !valid.has(key)) || keys.length > limit) throw new AppError("invalid_input");
  const correctKeys = item.question.choices.filter((c) => c.correct).map((c) => c.key);
  const correct = cloze
    ? scoreItem({ type: "cloze", correctChoiceIds: [], acceptedAnswers: item.question.acceptedAnswers }, { text })
    : scoreItem({ type: item.question.type === "MULTIPLE" ? "multiple" : "single", correctChoiceIds: correctKeys, choose: item.question.choose ?? undefined }, { choiceIds: keys });
  const previous = await db().attemptItem.findFirst({ where: { attemptId: attempt.id, answeredAt: { not: null } }, orderBy: { answeredAt: "desc" }, select: { answeredAt: true } });
  const responseMs = Math.min(10 * 60_000, Math.max(0, now.getTime() - (previous?.answeredAt ?? attempt.startedAt).getTime()));

  const finished = await db().$transaction(async (tx) => {
    // Only an unanswered item takes an answer: a replayed or second submission changes nothing.
    const { count } = await tx.attemptItem.updateMany({
      where: { id: item.id, answeredAt: null },
      data: { selectedChoiceIds: keys, textAnswer: cloze ? text : null, answeredAt: now, correct, responseMs },
    });
    if (count === 0) throw new AppError("already_submitted");
    await recordAnswers(tx, [{ userId, questionId: item.questionId, correct, mode: attempt.assignment ? "ASSIGNMENT" : "PRACTICE", answeredAt: now, responseMs }]);
    const remaining = await tx.attemptItem.count({ where: { attemptId: attempt.id, answeredAt: null } });
    if (remaining === 0) {
      const correctCount = await tx.attemptItem.count({ where: { attemptId: attempt.id, correct: true } });
      const totalCount = await tx.attemptItem.count({ where: { attemptId: attempt.id } });
      await tx.attempt.update({ where: { id: attempt.id }, data: { status: "SUBMITTED", submittedAt: now, correctCount, totalCount } });
    }
    return remaining === 0;
  });

  return {
    correct,
    correctKeys,
    acceptedAnswers: cloze ? item.question.acceptedAnswers : [],
    explanation: item.question.explanation,
    errata: item.question.errata,
    whys: Object.fromEntries(item.question.choices.map((c) => [c.key, c.why])),
    noteHref: `/banks/${attempt.bank.slug}/topics/${item.question.topic.slug}`,
    source: { file: item.question.sourceFile, start: item.question.lineStart, end: item.question.lineEnd },
    finished,
  };
}

/** An assignment's practice set: `size` questions from its topics (membership and window checked by lib/groups). */
export async function startAssignmentPractice(
  userId: string,
  assignment: AssignmentTiming & { id: string; bankId: string; topicIds: string[]; size: number },
  now: Date,
): Promise<{ attemptId: string }> {
  const refusal = assignmentRefusal(assignment, now);
  if (refusal) throw new AppError(refusal);
  const pool = await db().question.findMany({
    where: { bankId: assignment.bankId, status: "PUBLISHED", ...(assignment.topicIds.length ? { topicId: { in: assignment.topicIds } } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const questionIds = shuffle(pool.map((q) => q.id), seededRandom(`${userId}:${assignment.id}`)).slice(0, assignment.size);
  if (questionIds.length === 0) throw new AppError("not_found", "no questions in these topics");
  const attempt = await db().attempt.create({
    data: {
      userId, bankId: assignment.bankId, mode: "PRACTICE", assignmentId: assignment.id, startedAt: now,
      config: { source: "assignment", topicIds: assignment.topicIds, size: assignment.size },
      items: { createMany: { data: questionIds.map((questionId, position) => ({ questionId, position })) } },
    },
    select: { id: true },
  });
  return { attemptId: attempt.id };
}
