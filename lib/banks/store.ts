// Writes a bank (topics and questions) into the database, idempotently: matching on
// stable ids, updating what changed, retiring what disappeared, never deleting
// questions that learners' history points at.
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { Difficulty, QuestionStatus, QuestionType } from "../generated/prisma/enums";
import { difficultyPrior } from "../mastery";
import { retireNeedsConfirmation, type BankAccess } from "./ownership";

export type StoredChoice = { key: string; text: string; correct: boolean; why?: string | null };
export type StoredQuestion = {
  externalId: string;
  topicSlug: string;
  type: QuestionType;
  stem: string;
  choose?: number | null;
  acceptedAnswers?: string[];
  choices: StoredChoice[];
  explanation: string;
  difficulty: Difficulty;
  domain?: number | null;
  scenario?: boolean;
  status: QuestionStatus;
  sourceFile?: string | null;
  lines?: [number, number] | null;
  headingPath?: string[];
  rule: string;
  quality?: number | null;
  errata?: string | null;
  /** Exam versions the question belongs to (e.g. ["SOA-C02"]); absent: every version of its bank. */
  examVersions?: string[];
};
export type StoredTopic = {
  slug: string;
  parentSlug?: string | null;
  order: number;
  titleKo: string;
  titleEn?: string | null;
  examTags: string[];
  note?: string | null;
  sourceFile?: string | null;
  lines?: [number, number] | null;
};
export type StoredBank = {
  slug: string;
  examCode: string;
  language: string;
  titleKo: string;
  titleEn: string;
  examConfig: unknown;
  sourceFiles: string[];
  topics: StoredTopic[];
  questions: StoredQuestion[];
};

export type StoreResult = { bankId: string; unchanged: boolean; created: number; updated: number; retired: number; topics: number };

/**
 * Who writes the bank. `content`: the seed of content/banks, which owns shipped banks and
 * takes their slugs back from anything else. `import`: a notes import, which never writes a
 * shipped bank, writes an existing one only when `mayUpdate` says so, and creates new banks
 * owned by `ownerId`.
 */
export type BankWriter =
  | { kind: "content" }
  | { kind: "import"; ownerId: string | null; mayUpdate: (bank: BankAccess) => boolean };

/** An import would retire more of the bank's published questions than it may without a confirmation. */
export class RetireConfirmationError extends AppError {
  constructor(readonly retiring: number, readonly published: number) {
    super("confirmation_required", `this import would retire ${retiring} of the bank's ${published} published questions`);
  }
}

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

export function questionHash(question: StoredQuestion): string {
  return hashOf(question);
}

/**
 * Stores the bank. `retireMissing`: questions of this bank that are not in `bank.questions`
 * become RETIRED (the shipped bank), or stay as they are (an import of one notes file).
 * `keepStatus`: an existing question keeps its editorial status (drafts a reviewer published stay published).
 * `confirmRetire: false` refuses (RetireConfirmationError, nothing written) to retire more than a
 * quarter of the bank's published questions.
 */
export async function storeBank(
  db: Db,
  bank: StoredBank,
  options: { writer: BankWriter; retireMissing: boolean; keepStatus: boolean; confirmRetire?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<StoreResult> {
  const bankHash = hashOf(bank);
  const { writer } = options;
  const existing = await db.questionBank.findUnique({ where: { slug: bank.slug }, select: { id: true, sourceHash: true, shipped: true, ownerId: true } });
  if (existing && writer.kind === "import" && (existing.shipped || !writer.mayUpdate(existing))) {
    throw new AppError("forbidden", existing.shipped ? "a shipped bank changes only through content/" : "this bank belongs to someone else");
  }
  // Everything that answers to content/ is marked as shipped, even when its content is unchanged.
  if (existing && writer.kind === "content" && (!existing.shipped || existing.ownerId !== null)) {
    await db.questionBank.update({ where: { id: existing.id }, data: { shipped: true, ownerId: null } });
  }
  if (existing?.sourceHash === bankHash) {
    return { bankId: existing.id, unchanged: true, created: 0, updated: 0, retired: 0, topics: bank.topics.length };
  }
  if (existing && options.retireMissing && options.confirmRetire === false) {
    const incoming = new Set(bank.questions.map((q) => q.externalId));
    const published = await db.question.findMany({ where: { bankId: existing.id, status: "PUBLISHED" }, select: { externalId: true } });
    const retiring = published.filter((q) => !incoming.has(q.externalId)).length;
    if (retireNeedsConfirmation(retiring, published.length)) throw new RetireConfirmationError(retiring, published.length);
  }
  const bankFields = {
    examCode: bank.examCode, language: bank.language, titleKo: bank.titleKo, titleEn: bank.titleEn,
    examConfig: bank.examConfig as object, sourceFiles: bank.sourceFiles,
  };
  let bankId: string;
  if (writer.kind === "content") {
    ({ id: bankId } = await db.questionBank.upsert({
      where: { slug: bank.slug },
      create: { slug: bank.slug, ...bankFields, shipped: true },
      update: bankFields,
      select: { id: true },
    }));
  } else if (existing) {
    ({ id: bankId } = await db.questionBank.update({ where: { id: existing.id }, data: bankFields, select: { id: true } }));
  } else {
    try {
      ({ id: bankId } = await db.questionBank.create({ data: { slug: bank.slug, ...bankFields, ownerId: writer.ownerId }, select: { id: true } }));
    } catch (error) {
      // Another import created this slug a moment ago: never write into it unchecked.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", "a bank with this slug was just created");
      throw error;
    }
  }

  const topicIds = new Map<string, string>();
  for (const topic of bank.topics) {
    const fields = {
      order: topic.order, titleKo: topic.titleKo, titleEn: topic.titleEn ?? null, examTags: topic.examTags,
      note: topic.note ?? null, sourceFile: topic.sourceFile ?? null, lineStart: topic.lines?.[0] ?? null, lineEnd: topic.lines?.[1] ?? null,
      parentId: topic.parentSlug ? (topicIds.get(topic.parentSlug) ?? null) : null,
    };
    const row = await db.topic.upsert({
      where: { bankId_slug: { bankId, slug: topic.slug } },
      create: { bankId, slug: topic.slug, ...fields },
      update: fields,
      select: { id: true },
    });
    topicIds.set(topic.slug, row.id);
  }

  const current = await db.question.findMany({ where: { bankId }, select: { id: true, externalId: true, contentHash: true, status: true } });
  const byExternalId = new Map(current.map((q) => [q.externalId, q]));
  let created = 0;
  let updated = 0;
  let done = 0;
  const fieldsOf = (question: StoredQuestion, topicId: string, contentHash: string) => ({
    topicId, type: question.type, stem: question.stem, choose: question.choose ?? null,
    acceptedAnswers: question.acceptedAnswers ?? [], explanation: question.explanation, difficulty: question.difficulty,
    domain: question.domain ?? null, scenario: question.scenario ?? false, sourceFile: question.sourceFile ?? null,
    lineStart: question.lines?.[0] ?? null, lineEnd: question.lines?.[1] ?? null, headingPath: question.headingPath ?? [],
    rule: question.rule, quality: question.quality ?? null, errata: question.errata ?? null, examVersions: question.examVersions ?? [], contentHash,
    // The authored level is the prior for the learned Rasch difficulty.
    itemDifficulty: difficultyPrior(question.difficulty),
  });
  const choicesOf = (question: StoredQuestion) =>
    question.choices.map((choice, order) => ({ key: choice.key, text: choice.text, correct: choice.correct, why: choice.why ?? null, order }));

  const fresh: { question: StoredQuestion; data: ReturnType<typeof fieldsOf> }[] = [];
  for (const question of bank.questions) {
    const topicId = topicIds.get(question.topicSlug);
    if (!topicId) throw new Error(`question ${question.externalId} names unknown topic ${question.topicSlug}`);
    const contentHash = questionHash(question);
    const before = byExternalId.get(question.externalId);
    byExternalId.delete(question.externalId);
    if (!before) {
      fresh.push({ question, data: fieldsOf(question, topicId, contentHash) });
      continue;
    }
    if (before.contentHash !== contentHash || (before.status === "RETIRED" && options.retireMissing)) {
      const status = options.keepStatus && before.status !== "RETIRED" ? before.status : question.status;
      // A learner's history points at the question row, so it is updated in place, never replaced.
      const { itemDifficulty: _prior, ...fields } = fieldsOf(question, topicId, contentHash);
      await db.$transaction([
        db.choice.deleteMany({ where: { questionId: before.id } }),
        db.question.update({ where: { id: before.id }, data: { ...fields, status, version: { increment: 1 }, choices: { createMany: { data: choicesOf(question) } } } }),
      ]);
      updated++;
    }
    options.onProgress?.(++done, bank.questions.length);
  }
  // New questions go in with three statements, however many there are.
  if (fresh.length) {
    await db.question.createMany({ data: fresh.map(({ question, data }) => ({ bankId, externalId: question.externalId, status: question.status, ...data })) });
    const ids = await db.question.findMany({ where: { bankId, externalId: { in: fresh.map((f) => f.question.externalId) } }, select: { id: true, externalId: true } });
    const idOf = new Map(ids.map((row) => [row.externalId, row.id]));
    await db.choice.createMany({ data: fresh.flatMap(({ question }) => choicesOf(question).map((choice) => ({ ...choice, questionId: idOf.get(question.externalId)! }))) });
    created = fresh.length;
    done += fresh.length;
    options.onProgress?.(done, bank.questions.length);
  }
  let retired = 0;
  if (options.retireMissing) {
    const missing = [...byExternalId.values()].filter((q) => q.status !== "RETIRED").map((q) => q.id);
    if (missing.length) retired = (await db.question.updateMany({ where: { id: { in: missing } }, data: { status: "RETIRED" } })).count;
  }
  await db.questionBank.update({ where: { id: bankId }, data: { sourceHash: bankHash } });
  return { bankId, unchanged: false, created, updated, retired, topics: bank.topics.length };
}
