import { db } from "../db";
import { canEditBank, type BankCaller } from "../banks/ownership";
import { AppError } from "../errors";
import { keyChanged } from "../disputes/rules";
import { recomputeMasteryForQuestion } from "../learning/recompute-mastery";
import type { QuestionStatus } from "../generated/prisma/enums";
import { needsKey } from "./drafts";

/** Throws not_found for a question outside the caller's banks: another instructor's bank looks missing. */
async function assertCanEditQuestion(caller: BankCaller, questionId: string) {
  const question = await db().question.findUnique({ where: { id: questionId }, select: { bank: { select: { shipped: true, ownerId: true } } } });
  if (!question || !canEditBank(caller, question.bank)) throw new AppError("not_found");
}

export async function updateQuestion(caller: BankCaller, input: { questionId: string; stem: string; explanation: string; choices: { key: string; text: string; correct: boolean }[] }) {
  await assertCanEditQuestion(caller, input.questionId);
  const question = await db().question.findUnique({ where: { id: input.questionId }, select: { id: true, type: true, choose: true, choices: { select: { key: true, correct: true } } } });
  if (!question) throw new AppError("not_found");
  const existingKeys = question.choices.map((c) => c.key).sort();
  const givenKeys = input.choices.map((c) => c.key).sort();
  // Editors reword options; adding or removing options would change what learners already answered.
  if (existingKeys.join() !== givenKeys.join()) throw new AppError("invalid_input", "choice keys must match the question's options");
  const correct = input.choices.filter((c) => c.correct).length;
  if ((question.type === "SINGLE" || question.type === "TRUE_FALSE") && correct !== 1) throw new AppError("invalid_input", "exactly one correct option");
  if (question.type === "MULTIPLE" && correct !== question.choose) throw new AppError("invalid_input", "correct options must equal 'choose'");
  // A changed key re-scores past answers for mastery (lib/learning/recompute-mastery.ts).
  const changed = keyChanged(question.choices.filter((c) => c.correct).map((c) => c.key), input.choices.filter((c) => c.correct).map((c) => c.key));
  await db().$transaction([
    db().question.update({ where: { id: question.id }, data: { stem: input.stem, explanation: input.explanation, version: { increment: 1 }, ...(changed ? { keyChangedAt: new Date() } : {}) } }),
    ...input.choices.map((choice) =>
      db().choice.update({ where: { questionId_key: { questionId: question.id, key: choice.key } }, data: { text: choice.text, correct: choice.correct } }),
    ),
  ]);
  if (changed) await recomputeMasteryForQuestion(question.id);
}

export async function setQuestionStatus(caller: BankCaller, questionId: string, status: QuestionStatus) {
  await assertCanEditQuestion(caller, questionId);
  if (status === "PUBLISHED") {
    const question = await db().question.findUnique({ where: { id: questionId }, select: { type: true, rule: true, acceptedAnswers: true, choices: { select: { correct: true } } } });
    // A quiz imported without its key stays a draft until an editor marks the answer.
    if (question && needsKey(question)) throw new AppError("needs_key");
  }
  const { count } = await db().question.updateMany({ where: { id: questionId }, data: { status } });
  if (count === 0) throw new AppError("not_found");
}

/**
 * Accepts (publishes) or rejects (retires) several drafts of one bank at once. All or nothing:
 * an id outside the bank, a question that is not a draft, or (when publishing) a draft that
 * still needs a key refuses the whole batch and changes nothing.
 */
export async function bulkSetDraftStatus(caller: BankCaller, input: { bankSlug: string; questionIds: string[]; status: "PUBLISHED" | "RETIRED" }) {
  return db().$transaction(async (tx) => {
    const bank = await tx.questionBank.findUnique({ where: { slug: input.bankSlug }, select: { id: true, shipped: true, ownerId: true } });
    // Another instructor's bank looks exactly like a missing one.
    if (!bank || !canEditBank(caller, bank)) throw new AppError("not_found");
    const questions = await tx.question.findMany({
      where: { id: { in: input.questionIds }, bankId: bank.id },
      select: { id: true, type: true, rule: true, status: true, acceptedAnswers: true, choices: { select: { correct: true } } },
    });
    if (questions.length !== input.questionIds.length) throw new AppError("not_found");
    if (questions.some((q) => q.status !== "DRAFT")) throw new AppError("invalid_input", "only drafts can be accepted or rejected in bulk");
    if (input.status === "PUBLISHED") {
      const keyless = questions.filter(needsKey).map((q) => q.id);
      if (keyless.length > 0) throw new AppError("needs_key", `drafts without a key: ${keyless.join(", ")}`);
    }
    // The status guard makes a concurrent change to one of them refuse the batch rather than half-apply it.
    const { count } = await tx.question.updateMany({ where: { id: { in: input.questionIds }, bankId: bank.id, status: "DRAFT" }, data: { status: input.status } });
    if (count !== input.questionIds.length) throw new AppError("conflict");
    return { changed: count };
  });
}
