// Reads of mock exams. Every query is scoped to the asking user; correct answers and
// explanations are read only for submitted attempts.
import "server-only";
import { db } from "../db";
import type { ExamView } from "@/components/exam/exam-types";

export type ExamConfig = { questionCount: number; minutes: number; passingScore: number; minScore: number; maxScore: number; domains: { id: number; weight: number; title: { ko: string; en: string } }[] };

export async function findInProgressExam(userId: string, bankId: string) {
  return db().attempt.findFirst({
    where: { userId, bankId, mode: "MOCK_EXAM", status: "IN_PROGRESS", assignmentId: null },
    orderBy: { startedAt: "desc" },
    select: { id: true, deadlineAt: true },
  });
}

export async function loadExamView(userId: string, attemptId: string, now: Date): Promise<ExamView | null> {
  const attempt = await db().attempt.findFirst({
    where: { id: attemptId, userId, mode: "MOCK_EXAM" },
    select: {
      id: true, status: true, deadlineAt: true,
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
  return {
    attemptId: attempt.id,
    title: attempt.bank.examCode,
    deadlineAt: attempt.deadlineAt.getTime(),
    serverNow: now.getTime(),
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
              id: true, type: true, stem: true, choose: true, explanation: true, domain: true, sourceFile: true, lineStart: true, lineEnd: true, errata: true,
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
