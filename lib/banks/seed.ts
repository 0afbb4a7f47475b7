// Seeds the banks shipped in content/banks/* on start-up. Unchanged content is a no-op
// (one hash comparison), so every start can call it.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { createDb } from "../db";
import { loadBank, type LoadedBank } from "../content/load";
import { storeBank, type StoredBank } from "./store";

export const CONTENT_DIR = path.resolve(import.meta.dirname, "../../content/banks");

const DIFFICULTY = { easy: "EASY", medium: "MEDIUM", hard: "HARD" } as const;
const TYPE = { single: "SINGLE", multiple: "MULTIPLE" } as const;

/** The shipped YAML bank in the shape the database stores. */
export function toStoredBank(loaded: LoadedBank): StoredBank {
  const { bank, topics } = loaded;
  return {
    slug: bank.slug,
    examCode: bank.examCode,
    language: bank.language,
    titleKo: bank.title.ko,
    titleEn: bank.title.en,
    examConfig: { ...bank.exam, domains: bank.domains },
    sourceFiles: bank.sourceFiles,
    topics: topics.map((topic) => ({
      slug: topic.slug,
      order: topic.order,
      titleKo: topic.title.ko,
      titleEn: topic.title.en,
      examTags: topic.examTags,
      note: topic.note,
      sourceFile: topic.source.file,
      lines: topic.source.lines,
    })),
    questions: topics.flatMap((topic) =>
      topic.questions.map((question) => ({
        externalId: question.id,
        topicSlug: topic.slug,
        type: TYPE[question.type],
        stem: question.stem.trim(),
        choose: question.type === "multiple" ? question.choose : null,
        choices: question.choices.map((choice) => ({ key: choice.id, text: choice.text, correct: choice.correct, why: choice.why })),
        explanation: question.explanation.trim(),
        difficulty: DIFFICULTY[question.difficulty],
        domain: question.domain,
        scenario: question.scenario,
        status: "PUBLISHED" as const,
        sourceFile: topic.source.file,
        lines: question.source.lines,
        rule: "authored",
        errata: question.errata ?? null,
        // Only when given, so an untagged question keeps the content hash it had before tags existed.
        ...(question.examVersions ? { examVersions: question.examVersions } : {}),
      })),
    ),
  };
}

export async function seedShippedBanks(databaseUrl: string, options: { log: (line: string) => void; dir?: string }): Promise<void> {
  const dir = options.dir ?? CONTENT_DIR;
  const folders = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const database = createDb(databaseUrl);
  try {
    for (const folder of folders) {
      const started = Date.now();
      const stored = toStoredBank(await loadBank(path.join(dir, folder)));
      const result = await storeBank(database, stored, { writer: { kind: "content" }, retireMissing: true, keepStatus: false });
      options.log(
        result.unchanged
          ? `bank ${stored.slug}: up to date (${stored.questions.length} questions)`
          : `bank ${stored.slug}: ${result.created} new, ${result.updated} updated, ${result.retired} retired questions in ${result.topics} topics (${Date.now() - started} ms)`,
      );
    }
  } finally {
    await database.$disconnect();
  }
}
