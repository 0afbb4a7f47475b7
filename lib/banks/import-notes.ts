// Notes file → question bank: parse and generate (lib/notes), then store as drafts.
// Re-importing the same text changes nothing; an edited file updates the questions it
// still yields, retires the ones it no longer does, and keeps learners' history.
import path from "node:path";
import type { Db } from "../db";
import { buildImportBundle, contentHash, validateNotesInput } from "../notes/bundle";
import type { ImportBundle } from "../notes/types";
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

export type ImportOutcome = StoreResult & { importId: string; topicsFound: number; questionsGenerated: number; byType: Record<string, number> };

export async function importNotes(
  db: Db,
  input: { fileName: string; content: Uint8Array | string; bankSlug?: string; createdById?: string | null; onProgress?: (done: number, total: number) => void },
): Promise<ImportOutcome> {
  // Throws NotesInputError (not markdown, empty, too large, binary) before anything is written.
  const text = validateNotesInput(input.fileName, input.content);
  const fileName = path.basename(input.fileName);
  const bankSlug = input.bankSlug ?? bankSlugForFile(fileName);
  const bundle = buildImportBundle(text, fileName, bankSlug);
  const stored = storedBankFromBundle(bundle, fileName);
  const result = await storeBank(db, stored, { retireMissing: true, keepStatus: true, onProgress: input.onProgress });
  const byType: Record<string, number> = {};
  for (const question of bundle.questions) byType[question.type] = (byType[question.type] ?? 0) + 1;
  const record = await db.notesImport.create({
    data: {
      bankId: result.bankId, fileName, fileHash: contentHash(text), content: text, status: "DONE",
      topicCount: bundle.topics.length, questionCount: bundle.questions.length, createdById: input.createdById ?? null,
    },
    select: { id: true },
  });
  return { ...result, importId: record.id, topicsFound: bundle.topics.length, questionsGenerated: bundle.questions.length, byType };
}
