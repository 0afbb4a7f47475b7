// Rewriting a shipped question's choices (new texts, same keys) and seeding again must not
// disturb learners' history: attempts store the chosen choice *keys*, and the question row
// is updated in place.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { createUser, fixtureBank } from "../../test/fixtures";
import { loadPracticeView } from "../practice/data";
import { answerPractice, startPractice } from "../practice/mutations";
import { storeBank, type StoredBank } from "./store";

let database: TestDatabase;
const now = new Date("2026-11-20T10:00:00+09:00");

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
});
afterAll(async () => database.drop());

/** The same bank with every choice text of single-response questions rewritten. */
function rewritten(bank: StoredBank): StoredBank {
  return {
    ...bank,
    questions: bank.questions.map((q) =>
      q.type === "SINGLE" ? { ...q, choices: q.choices.map((c) => ({ ...c, text: `${c.text} (다시 쓴 보기)` })) } : q,
    ),
  };
}

describe("seeding a bank whose choice texts were rewritten", () => {
  it("updates each question in place and keeps a learner's answers pointing at the same choices", async () => {
    const bank = fixtureBank({ slug: "rewrite-bank", questions: 3 });
    await storeBank(database.db, bank, { writer: { kind: "content" }, retireMissing: true, keepStatus: false });
    const user = await createUser(database.db);
    const { attemptId } = await startPractice(user.id, { bankSlug: "rewrite-bank", source: "topics", topicIds: [], size: 3 }, now);
    const items = await database.db.attemptItem.findMany({
      where: { attemptId, question: { type: "SINGLE" } },
      select: { id: true, questionId: true },
    });
    expect(items.length).toBeGreaterThan(0);
    // "a" is the key of every single-response fixture question; "c" a distractor.
    const [right, ...rest] = items;
    await answerPractice(user.id, { attemptId, itemId: right!.id, choiceKeys: ["a"] }, now);
    for (const item of rest) await answerPractice(user.id, { attemptId, itemId: item.id, choiceKeys: ["c"] }, now);
    const before = await database.db.question.findUniqueOrThrow({ where: { id: right!.questionId }, select: { version: true } });

    const result = await storeBank(database.db, rewritten(bank), { writer: { kind: "content" }, retireMissing: true, keepStatus: false });

    expect(result.created).toBe(0);
    expect(result.updated).toBe(bank.questions.filter((q) => q.type === "SINGLE").length);
    const after = await database.db.question.findUniqueOrThrow({
      where: { id: right!.questionId },
      select: { version: true, choices: { orderBy: { order: "asc" }, select: { key: true, text: true, correct: true } } },
    });
    expect(after.version).toBe(before.version + 1);
    expect(after.choices.map((c) => c.key)).toEqual(["a", "b", "c", "d"]);
    expect(after.choices.find((c) => c.key === "a")).toMatchObject({ correct: true, text: expect.stringContaining("다시 쓴 보기") });

    const stored = await database.db.attemptItem.findMany({ where: { attemptId }, select: { id: true, selectedChoiceIds: true, correct: true } });
    const byId = new Map(stored.map((s) => [s.id, s]));
    expect(byId.get(right!.id)).toMatchObject({ selectedChoiceIds: ["a"], correct: true });
    for (const item of rest) expect(byId.get(item.id)).toMatchObject({ selectedChoiceIds: ["c"], correct: false });

    // The learner's practice set now shows the rewritten texts, and every stored key still names one of its choices.
    const view = await loadPracticeView(user.id, attemptId);
    const answered = view!.items.find((i) => i.itemId === right!.id)!;
    expect(answered.result).toMatchObject({ correct: true });
    expect(answered.choices.find((c) => c.key === "a")!.text).toContain("다시 쓴 보기");
    for (const item of items) {
      const keys = view!.items.find((i) => i.itemId === item.id)!.choices.map((c) => c.key);
      expect(keys).toEqual(expect.arrayContaining(byId.get(item.id)!.selectedChoiceIds));
    }
  });
});
