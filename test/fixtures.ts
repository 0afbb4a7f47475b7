// Small, explicit data for integration tests: a bank whose answers the tests know.
import type { Db } from "../lib/db";
import { storeBank, type StoredBank } from "../lib/banks/store";

export function fixtureBank(options: { questions?: number; slug?: string } = {}): StoredBank {
  const count = options.questions ?? 8;
  return {
    slug: options.slug ?? "fixture-bank",
    examCode: "FIX-C01",
    language: "ko",
    titleKo: "테스트 은행",
    titleEn: "Fixture bank",
    examConfig: {
      questionCount: Math.min(count, 6), minutes: 10, passingScore: 720, minScore: 100, maxScore: 1000,
      domains: [{ id: 1, weight: 50, title: { ko: "하나", en: "One" } }, { id: 2, weight: 50, title: { ko: "둘", en: "Two" } }],
    },
    sourceFiles: ["notes.md"],
    topics: [
      { slug: "alpha", order: 1, titleKo: "알파", titleEn: "Alpha", examTags: ["SOA"], note: "알파 노트", sourceFile: "notes.md", lines: [1, 50] },
      { slug: "beta", order: 2, titleKo: "베타", titleEn: "Beta", examTags: ["SOA"], note: "베타 노트", sourceFile: "notes.md", lines: [51, 100] },
    ],
    questions: Array.from({ length: count }, (_, i) => {
      const multiple = i % 4 === 3;
      return {
        externalId: `q-${String(i + 1).padStart(2, "0")}`,
        topicSlug: i % 2 === 0 ? "alpha" : "beta",
        type: multiple ? ("MULTIPLE" as const) : ("SINGLE" as const),
        stem: `질문 ${i + 1}: 무엇이 맞는가?`,
        choose: multiple ? 2 : null,
        // Correct keys: "a" for single; "a" and "b" for multiple.
        choices: (multiple ? ["a", "b", "c", "d", "e"] : ["a", "b", "c", "d"]).map((key) => ({
          key, text: `보기 ${i + 1}${key}`, correct: key === "a" || (multiple && key === "b"), why: `이유 ${key}`,
        })),
        explanation: `해설 ${i + 1} SECRET-EXPLANATION`,
        difficulty: "MEDIUM" as const,
        domain: (i % 2) + 1,
        scenario: false,
        status: "PUBLISHED" as const,
        sourceFile: "notes.md",
        lines: [i % 2 === 0 ? 2 : 52, i % 2 === 0 ? 3 : 53] as [number, number],
        rule: "authored",
      };
    }),
  };
}

export const CORRECT_KEYS = (type: string) => (type === "MULTIPLE" ? ["a", "b"] : ["a"]);

export async function seedFixtureBank(db: Db, options: { questions?: number; slug?: string } = {}) {
  return storeBank(db, fixtureBank(options), { writer: { kind: "content" }, retireMissing: true, keepStatus: false });
}

let userCounter = 0;
export async function createUser(db: Db, role: "LEARNER" | "INSTRUCTOR" | "ADMIN" = "LEARNER") {
  userCounter += 1;
  return db.user.create({
    data: { email: `user${userCounter}-${Date.now()}@example.com`, name: `User ${userCounter}`, passwordHash: "not-a-real-hash", role },
    select: { id: true, email: true, role: true },
  });
}

/** The AppError code a call failed with, "ok" when it succeeded: for asserting refusals. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  const { AppError } = await import("../lib/errors");
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}
