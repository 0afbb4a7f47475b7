// Reads of mock exams. Every query is scoped to the asking user; correct answers and
// explanations are read only for submitted attempts.
import "server-only";
import { db } from "../db";
import type { ExamView } from "./views";

export type ExamConfig = { questionCount: number; minutes: number; passingScore: number; minScore: number; maxScore: number; domains: { id: number; weight: number; title: { ko: string; en: string } }[] };

/** The learner's open mock exams on a bank: at most one per format. */
export async function listOpenExams(userId: string, bankId: string) {
  const open = await db().attempt.findMany({
    where: { userId, bankId, mode: "MOCK_EXAM", status: "IN_PROGRESS", assignmentId: null },
    orderBy: { startedAt: "desc" },
    select: { id: true, examFormat: true, deadlineAt: true },
  });
  return open.map((attempt) => ({ id: attempt.id, format: attempt.examFormat === "short" ? ("short" as const) : ("full" as const), deadlineAt: attempt.deadlineAt }));
}

/**
 * The exam versions a mock exam on this bank can be drawn for: the bank's own exam code
 * first (the current exam), then every other version its published questions are tagged with.
 */
export async function listExamVersions(bankId: string): Promise<string[]> {
  const bank = await db().questionBank.findUnique({ where: { id: bankId }, select: { examCode: true } });
  if (!bank) return [];
  const tagged = await db().$queryRaw<{ version: string }[]>`
    SELECT DISTINCT unnest("examVersions") AS version FROM "Question" WHERE "bankId" = ${bankId} AND status = 'PUBLISHED' ORDER BY version`;
  return [bank.examCode, ...tagged.map((row) => row.version).filter((version) => version !== bank.examCode)];
}

/** What the exams page offers per bank: the exam shape, open exams, versions and past results. */
export async function listExamSections(userId: string) {
  const banks = await db().questionBank.findMany({
    orderBy: { createdAt: "asc" },
    where: { questions: { some: { status: "PUBLISHED", type: { not: "CLOZE" } } } },
    select: { id: true, slug: true, titleKo: true, titleEn: true, examConfig: true, _count: { select: { questions: { where: { status: "PUBLISHED", type: { not: "CLOZE" } } } } } },
  });
  return Promise.all(
    banks.map(async ({ _count, examConfig, ...bank }) => {
      const [open, versions, history] = await Promise.all([listOpenExams(userId, bank.id), listExamVersions(bank.id), listExamHistory(userId, bank.id)]);
      return { bank: { ...bank, questionCount: _count.questions }, config: examConfig as ExamConfig, open, versions, history };
    }),
  );
}

/** The learner's exam accommodation: ESL +30 on full mock exams. */
export async function loadExamAccommodation(userId: string): Promise<{ eslExtraTime: boolean }> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { eslExtraTime: true } });
  return { eslExtraTime: user?.eslExtraTime ?? false };
}

export async function loadExamView(userId: string, attemptId: string, now: Date): Promise<ExamView | null> {
  const attempt = await db().attempt.findFirst({
    where: { id: attemptId, userId, mode: "MOCK_EXAM" },
    select: {
      id: true, status: true, deadlineAt: true, config: true,
      bank: { select: { titleKo: true, examCode: true } },
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true, position: true, selectedChoiceIds: true, flagged: true,
          question: { select: { type: true, stem: true, choose: true, choices: { orderBy: { order: "asc" }, select: { key: true, text: true } } } },
        },
      },
    },
  });
  if (!attempt || attempt.status !== "IN_PROGRESS" || !attempt.deadlineAt) return null;
  const config = attempt.config as { examVersion?: string; extraMinutes?: number };
  return {
    attemptId: attempt.id,
    title: config.examVersion ?? attempt.bank.examCode,
    deadlineAt: attempt.deadlineAt.getTime(),
    serverNow: now.getTime(),
    extraMinutes: config.extraMinutes ?? 0,
    items: attempt.items.map((item) => ({
      itemId: item.id,
      position: item.position,
      type: item.question.type,
      stem: item.question.stem,
      choose: item.question.choose,
      choices: item.question.choices,
      selected: item.selectedChoiceIds,
      flagged: item.flagged,
    })),
  };
}

export async function loadExamStatus(userId: string, attemptId: string) {
  return db().attempt.findFirst({ where: { id: attemptId, userId, mode: "MOCK_EXAM" }, select: { id: true, status: true, deadlineAt: true } });
}

export async function loadExamResult(userId: string, attemptId: string) {
  const attempt = await db().attempt.findFirst({
    where: { id: attemptId, userId, mode: "MOCK_EXAM", status: "SUBMITTED" },
    select: {
      id: true, startedAt: true, submittedAt: true, autoSubmitted: true, correctCount: true, totalCount: true, scaledScore: true, passed: true, config: true,
      bank: { select: { slug: true, titleKo: true, titleEn: true, examCode: true, examConfig: true } },
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true, position: true, selectedChoiceIds: true, flagged: true, correct: true,
          question: {
            select: {
              id: true, type: true, stem: true, choose: true, explanation: true, domain: true, sourceFile: true, lineStart: true, lineEnd: true, errata: true, keyChangedAt: true,
              topic: { select: { id: true, slug: true, titleKo: true, titleEn: true } },
              choices: { orderBy: { order: "asc" }, select: { key: true, text: true, correct: true, why: true } },
            },
          },
        },
      },
    },
  });
  return attempt;
}

export type ExamResult = NonNullable<Awaited<ReturnType<typeof loadExamResult>>>;

export async function listExamHistory(userId: string, bankId: string) {
  return db().attempt.findMany({
    where: { userId, bankId, mode: "MOCK_EXAM", status: "SUBMITTED" },
    orderBy: { submittedAt: "desc" },
    take: 10,
    select: { id: true, submittedAt: true, scaledScore: true, passed: true, correctCount: true, totalCount: true },
  });
}
