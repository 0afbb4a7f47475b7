// Writes of mock exams: start, save an answer, flag, submit (by the learner or at the
// deadline by the server). The server's clock decides; the browser's never does.
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { recordAnswers } from "../learning/record-answers";
import { questionsHeldFromExams } from "../disputes/data";
import { assignmentRefusal, cappedDeadline, type AssignmentTiming } from "../groups/rules";
import type { ExamConfig } from "./data";
import { acceptsAnswer, examMinutes, isExpired, scaledScore, scoreItem, selectExamQuestions } from "./scoring";

export const ANSWER_GRACE_MS = 2_000;

// A short exam keeps the full exam's pace (minutes per question) and blueprint.
export const SHORT_EXAM_QUESTIONS = 10;
export type ExamFormat = "full" | "short";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function findOpenExam(userId: string, bankId: string, format: ExamFormat) {
  return db().attempt.findFirst({
    // An assignment's exam is resumed from the assignment, not here.
    where: { userId, bankId, mode: "MOCK_EXAM", status: "IN_PROGRESS", examFormat: format, assignmentId: null },
    select: { id: true, deadlineAt: true },
  });
}

/**
 * Starts a mock exam, or resumes the learner's open one of that bank and format: the
 * database holds at most one (a partial unique index), so parallel starts all land on it.
 * `examVersion` (default: the bank's exam code) leaves out questions tagged only for other
 * versions, e.g. SOA-C02 questions from an SOA-C03 exam.
 */
export async function startMockExam(
  userId: string,
  bankSlug: string,
  now: Date,
  format: ExamFormat = "full",
  options: { examVersion?: string } = {},
): Promise<{ attemptId: string; resumed: boolean }> {
  const bank = await db().questionBank.findUnique({ where: { slug: bankSlug }, select: { id: true, examCode: true, examConfig: true } });
  if (!bank) throw new AppError("not_found");
  const open = await findOpenExam(userId, bank.id, format);
  if (open?.deadlineAt && !isExpired(open.deadlineAt, now)) return { attemptId: open.id, resumed: true };
  // Out of time but not yet swept: close it, so the new exam can take its place.
  if (open) await submitExam(userId, open.id, now, { auto: true });
  const config = bank.examConfig as ExamConfig;
  const examVersion = options.examVersion ?? bank.examCode;
  const held = await questionsHeldFromExams(bank.id);
  const [pool, learner] = await Promise.all([
    db().question.findMany({
      // The real exam has no typed answers: cloze questions stay out of mock exams.
      where: {
        bankId: bank.id, status: "PUBLISHED", type: { not: "CLOZE" },
        OR: [{ examVersions: { isEmpty: true } }, { examVersions: { has: examVersion } }],
        // Disputed by three learners: out of mock exams until an editor resolves it.
        id: { notIn: held },
      },
      select: { id: true, topicId: true, domain: true, difficulty: true },
    }),
    db().user.findUnique({ where: { id: userId }, select: { eslExtraTime: true } }),
  ]);
  if (pool.length === 0) throw new AppError("bank_empty", "this bank has no published questions for this exam version");
  const seed = randomUUID();
  const count = Math.min(format === "short" ? SHORT_EXAM_QUESTIONS : config.questionCount, pool.length);
  const { minutes, extraMinutes } = examMinutes(config, { format, questionCount: count, eslExtraTime: learner?.eslExtraTime ?? false });
  const chosen = selectExamQuestions(
    pool.map((q) => ({ id: q.id, topicId: q.topicId, domain: q.domain ?? 0, difficulty: q.difficulty })),
    config.domains.map((d) => ({ domain: d.id, weight: d.weight })),
    count,
    seed,
  );
  try {
    const attempt = await db().attempt.create({
      data: {
        userId,
        bankId: bank.id,
        mode: "MOCK_EXAM",
        examFormat: format,
        startedAt: now,
        deadlineAt: new Date(now.getTime() + minutes * 60_000),
        config: { seed, format, examVersion, questionCount: chosen.length, minutes, extraMinutes, passingScore: config.passingScore },
        items: { createMany: { data: chosen.map((q, position) => ({ questionId: q.id, position })) } },
      },
      select: { id: true },
    });
    return { attemptId: attempt.id, resumed: false };
  } catch (error) {
    // A parallel start got there first: that exam is this learner's open one.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findOpenExam(userId, bank.id, format);
    if (!winner) throw error;
    return { attemptId: winner.id, resumed: true };
  }
}

async function openAttemptOrThrow(userId: string, attemptId: string, now: Date) {
  const attempt = await db().attempt.findFirst({
    where: { id: attemptId, userId, mode: "MOCK_EXAM" },
    select: { id: true, status: true, deadlineAt: true, assignment: { select: { openAt: true, dueAt: true, latePolicy: true } } },
  });
  // Another user's attempt looks exactly like a missing one.
  if (!attempt) throw new AppError("not_found");
  if (attempt.status !== "IN_PROGRESS") throw new AppError("already_submitted");
  // An assignment's due time holds even if its deadline was set before the due time moved.
  const assignmentClosed = attempt.assignment !== null && assignmentRefusal(attempt.assignment, now) === "deadline_passed";
  if (!attempt.deadlineAt || !acceptsAnswer(attempt.deadlineAt, now, ANSWER_GRACE_MS) || assignmentClosed) {
    await submitExam(userId, attemptId, now, { auto: true });
    throw new AppError("deadline_passed");
  }
  return { ...attempt, deadlineAt: attempt.deadlineAt };
}

/**
 * Writes one item of an open attempt under the attempt's row lock (SELECT … FOR UPDATE, the
 * lock submitExam takes too): a save either lands before the submit reads the answers, or
 * waits for it and then finds the attempt submitted and changes nothing. Returns the rows written.
 */
function writeItemLocked(userId: string, attemptId: string, itemId: string, now: Date, set: Prisma.Sql): Promise<number> {
  const cutoff = new Date(now.getTime() - ANSWER_GRACE_MS);
  return db().$executeRaw`
    WITH locked AS MATERIALIZED (
      SELECT id FROM "Attempt"
      WHERE id = ${attemptId} AND "userId" = ${userId} AND mode = 'MOCK_EXAM' AND status = 'IN_PROGRESS' AND "deadlineAt" >= ${cutoff}
      FOR UPDATE
    )
    UPDATE "AttemptItem" SET ${set}
    WHERE id = ${itemId} AND "attemptId" IN (SELECT id FROM locked)`;
}

export async function saveExamAnswer(userId: string, input: { attemptId: string; itemId: string; choiceKeys: string[] }, now: Date) {
  const attempt = await openAttemptOrThrow(userId, input.attemptId, now);
  const item = await db().attemptItem.findFirst({
    where: { id: input.itemId, attemptId: attempt.id },
    select: { id: true, question: { select: { type: true, choose: true, choices: { select: { key: true } } } } },
  });
  if (!item) throw new AppError("not_in_attempt");
  const keys = [...new Set(input.choiceKeys)];
  const valid = new Set(item.question.choices.map((c) => c.key));
  const limit = item.question.type === "MULTIPLE" ? (item.question.choose ?? valid.size) : 1;
  if (keys.some((key) => !valid.has(key)) || keys.length > limit) throw new AppError("invalid_input");
  const written = await writeItemLocked(userId, attempt.id, item.id, now,
    Prisma.sql`"selectedChoiceIds" = ${keys}::text[], "answeredAt" = ${keys.length ? now : null}::timestamp(3)`);
  // The attempt was open a moment ago, so only a submit that got the lock first explains this.
  if (written === 0) throw new AppError("already_submitted");
  return { remainingMs: Math.max(0, attempt.deadlineAt.getTime() - now.getTime()) };
}

export async function setExamFlag(userId: string, input: { attemptId: string; itemId: string; flagged: boolean }, now: Date) {
  const attempt = await openAttemptOrThrow(userId, input.attemptId, now);
  const written = await writeItemLocked(userId, attempt.id, input.itemId, now, Prisma.sql`flagged = ${input.flagged}`);
  if (written === 0) {
    const exists = await db().attemptItem.count({ where: { id: input.itemId, attemptId: attempt.id } });
    throw new AppError(exists ? "already_submitted" : "not_in_attempt");
  }
}

/** Scores and closes the attempt. Idempotent: a second call returns the first result. */
export async function submitExam(userId: string, attemptId: string, now: Date, options: { auto: boolean }) {
  const result = await db().$transaction(async (tx) => {
    // The row lock makes concurrent submits (a click racing the deadline sweeper) run one after the other.
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Attempt" WHERE id = ${attemptId} AND "userId" = ${userId} AND mode = 'MOCK_EXAM' FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found");
    if (locked[0]!.status !== "IN_PROGRESS") return null;
    const attempt = await tx.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: {
        config: true, deadlineAt: true, startedAt: true, assignmentId: true,
        items: { select: { id: true, questionId: true, selectedChoiceIds: true, answeredAt: true, question: { select: { type: true, choose: true, choices: { select: { key: true, correct: true } } } } } },
      },
    });
    const scored = attempt.items.map((item) => ({
      ...item,
      correct: scoreItem(
        { type: item.question.type === "MULTIPLE" ? "multiple" : "single", correctChoiceIds: item.question.choices.filter((c) => c.correct).map((c) => c.key), choose: item.question.choose ?? undefined },
        item.selectedChoiceIds.length ? { choiceIds: item.selectedChoiceIds } : null,
      ),
    }));
    await tx.$executeRaw`
      UPDATE "AttemptItem" AS i SET correct = v.correct
      FROM unnest(${scored.map((item) => item.id)}::text[], ${scored.map((item) => item.correct)}::bool[]) AS v(id, correct)
      WHERE i.id = v.id`;
    const correctCount = scored.filter((item) => item.correct).length;
    const config = attempt.config as { passingScore: number };
    const scaled = scaledScore(correctCount, scored.length);
    // An exam whose clock ran out closes as of its deadline, whoever notices: the sweeper, or a
    // submit sent after it (which must not date the work after an assignment's due time).
    const expired = attempt.deadlineAt !== null && !acceptsAnswer(attempt.deadlineAt, now, ANSWER_GRACE_MS);
    const auto = options.auto || expired;
    const submittedAt = auto && attempt.deadlineAt && attempt.deadlineAt < now ? attempt.deadlineAt : now;
    await tx.attempt.update({
      where: { id: attemptId },
      data: { status: "SUBMITTED", submittedAt, autoSubmitted: auto, correctCount, totalCount: scored.length, scaledScore: scaled, passed: scaled >= config.passingScore },
    });
    const answered = scored.filter((item) => item.selectedChoiceIds.length > 0);
    await recordAnswers(tx, answered.map((item) => ({
      userId, questionId: item.questionId, correct: item.correct, mode: attempt.assignmentId ? ("ASSIGNMENT" as const) : ("MOCK_EXAM" as const),
      answeredAt: item.answeredAt ?? submittedAt, responseMs: null,
    })));
    return { correctCount, total: scored.length, scaledScore: scaled };
  });
  return result;
}

/** Submits every exam whose deadline (plus grace) has passed: the browser may be gone. */
export async function submitExpiredExams(now: Date): Promise<number> {
  const expired = await db().attempt.findMany({
    where: { mode: "MOCK_EXAM", status: "IN_PROGRESS", deadlineAt: { lt: new Date(now.getTime() - ANSWER_GRACE_MS) } },
    select: { id: true, userId: true },
    take: 100,
  });
  for (const attempt of expired) await submitExam(attempt.userId, attempt.id, now, { auto: true });
  return expired.length;
}

/**
 * An assignment's timed exam: the bank's exam shape ("full") or the short form, drawn from
 * the assignment's topics, at the bank's pace; its deadline is cut at the due time when late
 * work is refused. The caller (lib/groups) has checked membership and the window; one
 * attempt per learner and assignment is enforced by a unique key.
 */
export async function startAssignmentExam(
  userId: string,
  assignment: AssignmentTiming & { id: string; bankId: string; topicIds: string[]; examFormat: ExamFormat },
  now: Date,
): Promise<{ attemptId: string }> {
  const refusal = assignmentRefusal(assignment, now);
  if (refusal) throw new AppError(refusal);
  const bank = await db().questionBank.findUniqueOrThrow({ where: { id: assignment.bankId }, select: { id: true, examConfig: true } });
  const config = bank.examConfig as ExamConfig;
  const held = await questionsHeldFromExams(bank.id);
  const pool = await db().question.findMany({
    where: { bankId: bank.id, status: "PUBLISHED", type: { not: "CLOZE" }, id: { notIn: held }, ...(assignment.topicIds.length ? { topicId: { in: assignment.topicIds } } : {}) },
    select: { id: true, topicId: true, domain: true, difficulty: true },
  });
  if (pool.length === 0) throw new AppError("bank_empty", "no published questions in these topics");
  const seed = randomUUID();
  const count = Math.min(assignment.examFormat === "short" ? SHORT_EXAM_QUESTIONS : config.questionCount, pool.length);
  const minutes = Math.max(1, Math.round((config.minutes * count) / config.questionCount));
  const chosen = selectExamQuestions(
    pool.map((q) => ({ id: q.id, topicId: q.topicId, domain: q.domain ?? 0, difficulty: q.difficulty })),
    config.domains.map((d) => ({ domain: d.id, weight: d.weight })),
    count,
    seed,
  );
  const attempt = await db().attempt.create({
    data: {
      userId, bankId: bank.id, mode: "MOCK_EXAM", assignmentId: assignment.id, startedAt: now,
      deadlineAt: cappedDeadline(now, minutes, assignment),
      config: { seed, format: assignment.examFormat, questionCount: chosen.length, minutes, passingScore: config.passingScore, topicIds: assignment.topicIds },
      items: { createMany: { data: chosen.map((q, position) => ({ questionId: q.id, position })) } },
    },
    select: { id: true },
  });
  return { attemptId: attempt.id };
}

/** The learner's ESL +30 setting; it applies to full mock exams started afterwards. */
export async function setExamAccommodation(userId: string, input: { eslExtraTime: boolean }) {
  const { count } = await db().user.updateMany({ where: { id: userId }, data: { eslExtraTime: input.eslExtraTime } });
  if (count === 0) throw new AppError("not_found");
  return { eslExtraTime: input.eslExtraTime };
}
