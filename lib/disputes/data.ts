import { db } from "../db";
import { callerOf, canEditBank } from "../banks/ownership";
import { EXAM_EXCLUSION_REPORTERS } from "./rules";

/** Question ids of the bank held out of mock exams: at least three learners with an open report. */
export async function questionsHeldFromExams(bankId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ questionId: string }[]>`
    SELECT r."questionId" FROM "QuestionReport" r JOIN "Question" q ON q.id = r."questionId"
    WHERE r.status = 'OPEN' AND q."bankId" = ${bankId}
    GROUP BY r."questionId" HAVING COUNT(DISTINCT r."userId") >= ${EXAM_EXCLUSION_REPORTERS}`;
  return rows.map((r) => r.questionId);
}

/** The learner's own reports, newest first, with the editor's reply. */
export async function listMyReports(userId: string) {
  return db().questionReport.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, reason: true, text: true, status: true, reply: true, createdAt: true, resolvedAt: true, question: { select: { stem: true } } },
  });
}

/** The editor's queue: open reports grouped by question (most reporters first), only in banks the caller edits. */
export async function listReportQueue(user: { id: string; role: string }) {
  // Shipped banks are every editor's: the role check comes first, or a learner would see them.
  if (user.role !== "INSTRUCTOR" && user.role !== "ADMIN") return [];
  const reports = await db().questionReport.findMany({
    where: { status: "OPEN" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, reason: true, text: true, source: true, createdAt: true, userId: true, user: { select: { name: true } },
      question: {
        select: {
          id: true, stem: true, type: true, choose: true, status: true, sourceFile: true, lineStart: true, lineEnd: true, explanation: true,
          bank: { select: { slug: true, titleKo: true, shipped: true, ownerId: true } },
          topic: { select: { titleKo: true, note: true } },
          choices: { orderBy: { order: "asc" }, select: { key: true, text: true, correct: true } },
        },
      },
    },
  });
  const caller = callerOf(user);
  const groups = new Map<string, { question: (typeof reports)[number]["question"]; reports: typeof reports; reporters: number }>();
  for (const report of reports) {
    if (!canEditBank(caller, report.question.bank)) continue;
    const group = groups.get(report.question.id) ?? { question: report.question, reports: [], reporters: 0 };
    group.reports.push(report);
    group.reporters = new Set(group.reports.map((r) => r.userId)).size;
    groups.set(report.question.id, group);
  }
  return [...groups.values()].sort((a, b) => b.reporters - a.reporters || a.reports[0]!.createdAt.getTime() - b.reports[0]!.createdAt.getTime());
}

/** The note lines a question came from (the bank's latest import of its source file), for the editor's side-by-side. */
export async function sourceLinesOf(question: { sourceFile: string | null; lineStart: number | null; lineEnd: number | null }, bankSlug: string): Promise<string[] | null> {
  if (!question.sourceFile || !question.lineStart) return null;
  const imported = await db().notesImport.findFirst({
    where: { bank: { slug: bankSlug }, fileName: question.sourceFile, status: "DONE" },
    orderBy: { createdAt: "desc" },
    select: { content: true },
  });
  if (!imported?.content) return null;
  const lines = imported.content.split("\n");
  return lines.slice(question.lineStart - 1, question.lineEnd ?? question.lineStart);
}
