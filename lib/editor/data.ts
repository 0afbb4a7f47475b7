// Reads for the editorial screens (instructors and admins only: callers check the role).
// Every read is scoped to the banks the caller may edit (lib/banks/ownership.ts): their own,
// the shipped ones, and for admins all.
import "server-only";
import { db } from "../db";
import { canEditBank, canImportInto, type BankCaller } from "../banks/ownership";
import type { QuestionStatus } from "../generated/prisma/enums";
import { needsKey, sortByQuality } from "./drafts";

function editableBanks(caller: BankCaller) {
  return caller.admin ? {} : { OR: [{ shipped: true }, { ownerId: caller.userId ?? "" }] };
}

export async function listBanksForEditor(caller: BankCaller) {
  const banks = await db().questionBank.findMany({
    where: editableBanks(caller),
    orderBy: { createdAt: "asc" },
    select: { id: true, slug: true, examCode: true, titleKo: true, titleEn: true, sourceFiles: true, shipped: true, ownerId: true, owner: { select: { name: true } } },
  });
  const counts = await db().question.groupBy({ by: ["bankId", "status"], where: { bankId: { in: banks.map((bank) => bank.id) } }, _count: { _all: true } });
  return banks.map(({ owner, ...bank }) => ({
    ...bank,
    ownerName: owner?.name ?? null,
    mine: bank.ownerId !== null && bank.ownerId === caller.userId,
    // Whether the upload form may name this bank: shipped banks change only through content/.
    importable: canImportInto(caller, bank),
    byStatus: Object.fromEntries(counts.filter((c) => c.bankId === bank.id).map((c) => [c.status, c._count._all])) as Partial<Record<QuestionStatus, number>>,
  }));
}

export async function listRecentImports(caller: BankCaller, limit = 10) {
  return db().notesImport.findMany({
    where: caller.admin ? {} : { createdById: caller.userId ?? "" },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, fileName: true, status: true, topicCount: true, questionCount: true, createdAt: true, bank: { select: { slug: true } } },
  });
}

export async function listQuestionsForEditor(caller: BankCaller, bankSlug: string, filter: { topicId?: string; status?: QuestionStatus }) {
  const bank = await db().questionBank.findUnique({ where: { slug: bankSlug }, select: { id: true, slug: true, titleKo: true, examCode: true, shipped: true, ownerId: true } });
  // Another instructor's bank looks exactly like a missing one.
  if (!bank || !canEditBank(caller, bank)) return null;
  const [topics, perTopic, questions] = await Promise.all([
    db().topic.findMany({ where: { bankId: bank.id }, orderBy: { order: "asc" }, select: { id: true, titleKo: true, parentId: true } }),
    db().question.groupBy({ by: ["topicId", "status", "type"], where: { bankId: bank.id }, _count: { _all: true } }),
    db().question.findMany({
      where: { bankId: bank.id, ...(filter.topicId ? { topicId: filter.topicId } : {}), ...(filter.status ? { status: filter.status } : {}) },
      orderBy: [{ topic: { order: "asc" } }, { lineStart: "asc" }, { id: "asc" }],
      take: 200,
      select: { id: true, type: true, stem: true, status: true, rule: true, quality: true, lineStart: true, lineEnd: true, topic: { select: { titleKo: true } } },
    }),
  ]);
  return { bank, topics, perTopic: perTopic.map((row) => ({ topicId: row.topicId, status: row.status, type: row.type, count: row._count._all })), questions };
}

export async function loadQuestionForEditor(caller: BankCaller, questionId: string) {
  const question = await db().question.findUnique({
    where: { id: questionId },
    select: {
      id: true, type: true, stem: true, choose: true, explanation: true, status: true, rule: true, quality: true, acceptedAnswers: true,
      sourceFile: true, lineStart: true, lineEnd: true, headingPath: true, errata: true,
      bank: { select: { id: true, slug: true, titleKo: true, shipped: true, ownerId: true } },
      topic: { select: { titleKo: true, lineStart: true, lineEnd: true } },
      choices: { orderBy: { order: "asc" }, select: { key: true, text: true, correct: true, why: true } },
    },
  });
  if (!question || !canEditBank(caller, question.bank)) return null;
  // The notes lines the draft rests on, with a little context around them.
  const notes = question.sourceFile
    ? await db().notesImport.findFirst({ where: { bankId: question.bank.id, fileName: question.sourceFile }, orderBy: { createdAt: "desc" }, select: { content: true } })
    : null;
  let sourceLines: { number: number; text: string; cited: boolean }[] = [];
  if (notes?.content && question.lineStart && question.lineEnd) {
    const lines = notes.content.split(/\r?\n/);
    const from = Math.max(1, question.lineStart - 3);
    const to = Math.min(lines.length, question.lineEnd + 3);
    sourceLines = lines.slice(from - 1, to).map((text, i) => ({ number: from + i, text, cited: from + i >= question.lineStart! && from + i <= question.lineEnd! }));
  }
  return { ...question, sourceLines };
}

/** A bank's drafts (one topic's, if given), highest quality first, each marked if it still needs a key. */
export async function listDraftsForEditor(caller: BankCaller, bankSlug: string, topicId?: string) {
  const bank = await db().questionBank.findUnique({ where: { slug: bankSlug }, select: { id: true, shipped: true, ownerId: true } });
  if (!bank || !canEditBank(caller, bank)) return null;
  const drafts = await db().question.findMany({
    where: { bankId: bank.id, status: "DRAFT", ...(topicId ? { topicId } : {}) },
    orderBy: [{ topic: { order: "asc" } }, { lineStart: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true, type: true, stem: true, rule: true, quality: true, lineStart: true, lineEnd: true, acceptedAnswers: true,
      topic: { select: { titleKo: true } }, choices: { select: { correct: true } },
    },
  });
  return sortByQuality(drafts).map(({ choices, acceptedAnswers, ...draft }) => ({ ...draft, needsKey: needsKey({ type: draft.type, rule: draft.rule, acceptedAnswers, choices }) }));
}

export type EditorDraft = NonNullable<Awaited<ReturnType<typeof listDraftsForEditor>>>[number];
