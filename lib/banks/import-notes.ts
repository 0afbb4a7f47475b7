// Notes file → question bank: parse and generate (lib/notes), then store as drafts.
// Re-importing the same text changes nothing; an edited file updates the questions it
// still yields, retires the ones it no longer does, and keeps learners' history.
// Banks have owners (lib/banks/ownership.ts): an import writes only into a bank its caller
// may update, never into a shipped one.
import path from "node:path";
import type { Db } from "../db";
import { AppError } from "../errors";
import { buildImportBundle, contentHash, validateNotesInput } from "../notes/bundle";
import type { ImportBundle, ImportSummary } from "../notes/types";
import type { ImportSummary as EditorImportSummary } from "../editor/import-summary";
import { canImportInto, ownsBank, type BankCaller } from "./ownership";
import { storeBank, type StoredBank, type StoreResult } from "./store";

const TYPE = { single: "SINGLE", multiple: "MULTIPLE", truefalse: "TRUE_FALSE", cloze: "CLOZE" } as const;

/** Topic paths nest with "/"; a slug is one URL segment. */
export function topicSlugOf(topicPath: string): string {
  return topicPath.replaceAll("/", "~");
}

export function bankSlugForFile(fileName: string): string {
  const base = path.basename(fileName).replace(/\.(md|markdown)$/i, "");
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return slug || "notes";
}

export function storedBankFromBundle(bundle: ImportBundle, fileName: string): StoredBank {
  const root = bundle.topics.find((t) => t.parentPath === null);
  return {
    slug: bundle.bank,
    examCode: "NOTES",
    language: /[가-힣]/.test(bundle.questions[0]?.stem ?? root?.title ?? "") ? "ko" : "en",
    titleKo: root?.title ?? fileName,
    titleEn: root?.title ?? fileName,
    examConfig: { questionCount: 65, minutes: 130, passingScore: 720, minScore: 100, maxScore: 1000, domains: [] },
    sourceFiles: [fileName],
    topics: bundle.topics.map((topic, order) => ({
      slug: topicSlugOf(topic.path),
      parentSlug: topic.parentPath ? topicSlugOf(topic.parentPath) : null,
      order,
      titleKo: topic.title,
      titleEn: topic.title,
      examTags: topic.examTags,
      sourceFile: fileName,
      lines: topic.lines,
    })),
    questions: bundle.questions.map((question) => {
      const cloze = question.type === "cloze";
      return {
        externalId: question.id,
        topicSlug: topicSlugOf(question.topicPath),
        type: TYPE[question.type],
        stem: question.stem,
        choose: question.choose ?? null,
        acceptedAnswers: cloze ? question.answer : [],
        choices: question.choices.map((choice) => ({ key: choice.id, text: choice.text, correct: question.answer.includes(choice.id) })),
        explanation: question.explanation,
        difficulty: "MEDIUM" as const,
        status: "DRAFT" as const,
        sourceFile: question.source.file,
        lines: question.source.lines,
        headingPath: question.source.headingPath,
        rule: question.rule,
        quality: question.quality,
      };
    }),
  };
}

export type ImportOutcome = StoreResult & {
  importId: string;
  bankSlug: string;
  topicsFound: number;
  questionsGenerated: number;
  byType: Record<string, number>;
  /** Blocks skipped and why, questions dropped and why, questions by rule (the editor's shape, lib/editor/import-summary.ts). */
  summary: EditorImportSummary & { needsKey: number };
};

/**
 * The bank an import writes into. A bank named by the caller must be one they may update
 * (never a shipped one). A bank named after the file is the caller's own bank of that name,
 * else the first free slug of `<name>`, `<name>-2`, `<name>-3`, …: a name someone else
 * (or the shipped content) holds is never taken over.
 */
export async function resolveImportBank(db: Db, caller: BankCaller, fileName: string, requestedSlug?: string): Promise<string> {
  if (requestedSlug) {
    const bank = await db.questionBank.findUnique({ where: { slug: requestedSlug }, select: { shipped: true, ownerId: true } });
    if (bank && !canImportInto(caller, bank)) {
      throw new AppError("forbidden", bank.shipped ? "a shipped bank changes only through content/" : "this bank belongs to someone else");
    }
    return requestedSlug;
  }
  const base = bankSlugForFile(fileName);
  const taken = new Map(
    (await db.questionBank.findMany({ where: { slug: { startsWith: base } }, select: { slug: true, shipped: true, ownerId: true } })).map((bank) => [bank.slug, bank]),
  );
  let firstFree: string | null = null;
  for (let n = 1; n <= taken.size + 1; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const bank = taken.get(slug);
    if (!bank) firstFree ??= slug;
    else if (ownsBank(caller, bank)) return slug;
  }
  return firstFree ?? `${base}-${taken.size + 2}`;
}

export async function importNotes(
  db: Db,
  input: {
    fileName: string;
    content: Uint8Array | string;
    bankSlug?: string;
    /** Who imports: their banks are theirs; OPERATOR for the command line. */
    caller: BankCaller;
    /** Retire more than a quarter of the bank's published questions if the notes say so (else RetireConfirmationError). */
    allowRetire?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportOutcome> {
  // Throws NotesInputError (not markdown, empty, too large, binary) before anything is written.
  const text = validateNotesInput(input.fileName, input.content);
  const fileName = path.basename(input.fileName);
  const { caller } = input;
  const bankSlug = await resolveImportBank(db, caller, fileName, input.bankSlug);
  const bundle = buildImportBundle(text, fileName, bankSlug);
  const stored = storedBankFromBundle(bundle, fileName);
  const result = await storeBank(db, stored, {
    // Checked again where the bank is written, so a bank changing hands meanwhile is not written either.
    writer: { kind: "import", ownerId: caller.userId, mayUpdate: (bank) => canImportInto(caller, bank) },
    retireMissing: true,
    keepStatus: true,
    confirmRetire: input.allowRetire ?? false,
    onProgress: input.onProgress,
  });
  const byType: Record<string, number> = {};
  for (const question of bundle.questions) byType[question.type] = (byType[question.type] ?? 0) + 1;
  const record = await db.notesImport.create({
    data: {
      bankId: result.bankId, fileName, fileHash: contentHash(text), content: text, status: "DONE",
      topicCount: bundle.topics.length, questionCount: bundle.questions.length, createdById: caller.userId,
    },
    select: { id: true },
  });
  const raw: ImportSummary = bundle.summary ?? { skipped: [], dropped: {}, byRule: {}, needsKey: 0 };
  const summary = {
    topics: bundle.topics.length,
    questionsByType: byType,
    questionsByRule: raw.byRule,
    skipped: raw.skipped.map((s) => ({ kind: s.kind, lineStart: s.lines[0], lineEnd: s.lines[1] })),
    dropped: Object.entries(raw.dropped).map(([reason, count]) => ({ reason, count })),
    needsKey: raw.needsKey,
  };
  return { ...result, importId: record.id, bankSlug, topicsFound: bundle.topics.length, questionsGenerated: bundle.questions.length, byType, summary };
}
