import { db } from "../db";
import { callerOf, canEditBank } from "../banks/ownership";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { recomputeMasteryForQuestion, type RecomputeSummary } from "../learning/recompute-mastery";
import { keyChanged } from "./rules";
import type { ReportQuestionInput, ResolveReportsInput } from "./schema";

type Caller = { id: string; role: string };

/** A learner disputes a published question. One open report per learner per question (conflict otherwise). */
export async function reportQuestion(userId: string, input: ReportQuestionInput): Promise<{ reportId: string }> {
  const question = await db().question.findUnique({ where: { id: input.questionId }, select: { status: true } });
  if (!question || question.status !== "PUBLISHED") throw new AppError("not_found");
  try {
    const report = await db().questionReport.create({
      data: { questionId: input.questionId, userId, reason: input.reason, text: input.text, source: input.source },
      select: { id: true },
    });
    return { reportId: report.id };
  } catch (error) {
    // The partial unique index QuestionReport_one_open holds the rule under concurrent submits.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", "an open report exists");
    throw error;
  }
}

/** Editors (instructors, admins) of the question's bank only; another instructor's bank looks missing. */
async function assertCanResolve(caller: Caller, questionId: string) {
  if (caller.role !== "INSTRUCTOR" && caller.role !== "ADMIN") throw new AppError("forbidden");
  const question = await db().question.findUnique({ where: { id: questionId }, select: { bank: { select: { shipped: true, ownerId: true } } } });
  if (!question || !canEditBank(callerOf(caller), question.bank)) throw new AppError("not_found");
}

export type ResolveOutcome = { resolved: number; keyChanged: boolean; recompute: RecomputeSummary | null };

/**
 * Resolves every open report on the question at once: fix the key, retire the question, or
 * reject with a reply. Each reporter gets the reply (their report) and a notification.
 */
export async function resolveReports(caller: Caller, input: ResolveReportsInput, now = new Date()): Promise<ResolveOutcome> {
  await assertCanResolve(caller, input.questionId);
  const open = await db().questionReport.findMany({ where: { questionId: input.questionId, status: "OPEN" }, select: { id: true, userId: true } });
  if (open.length === 0) throw new AppError("not_open", "no open report on this question");
  const question = await db().question.findUniqueOrThrow({
    where: { id: input.questionId },
    select: { id: true, stem: true, type: true, choose: true, choices: { select: { key: true, correct: true } } },
  });
  let changed = false;
  if (input.action === "fix") {
    const keys = new Set(question.choices.map((c) => c.key));
    if (question.type === "CLOZE" || input.correctKeys.some((k) => !keys.has(k))) throw new AppError("invalid_input", "keys must name the question's choices");
    const count = new Set(input.correctKeys).size;
    if ((question.type === "SINGLE" || question.type === "TRUE_FALSE") && count !== 1) throw new AppError("invalid_input", "exactly one correct option");
    if (question.type === "MULTIPLE" && count !== question.choose) throw new AppError("invalid_input", "correct options must equal 'choose'");
    changed = keyChanged(question.choices.filter((c) => c.correct).map((c) => c.key), input.correctKeys);
  }
  const status = input.action === "fix" ? "FIXED" : input.action === "retire" ? "RETIRED" : "REJECTED";
  const title = question.stem.length > 80 ? `${question.stem.slice(0, 79)}…` : question.stem;
  const resolved = await db().$transaction(async (tx) => {
    if (input.action === "fix" && changed) {
      for (const choice of question.choices) {
        await tx.choice.update({ where: { questionId_key: { questionId: question.id, key: choice.key } }, data: { correct: input.correctKeys.includes(choice.key) } });
      }
      await tx.question.update({ where: { id: question.id }, data: { keyChangedAt: now, version: { increment: 1 } } });
    }
    if (input.action === "retire") await tx.question.update({ where: { id: question.id }, data: { status: "RETIRED" } });
    // Only the reports read above: one filed meanwhile stays open for the next look.
    const { count } = await tx.questionReport.updateMany({
      where: { id: { in: open.map((r) => r.id) }, status: "OPEN" },
      data: { status, reply: input.reply, resolvedById: caller.id, resolvedAt: now },
    });
    await tx.notification.createMany({
      data: [...new Set(open.map((r) => r.userId))].map((userId) => ({
        userId, kind: "REPORT_RESOLVED" as const, href: "/reports", data: { title, status } as Prisma.InputJsonValue, createdAt: now,
      })),
    });
    return count;
  });
  const recompute = changed ? await recomputeMasteryForQuestion(question.id) : null;
  return { resolved, keyChanged: changed, recompute };
}
