import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { CORRECT_KEYS, codeOf, createUser, seedFixtureBank } from "../../test/fixtures";
import { loadExamResult, loadExamView } from "./data";
import { ANSWER_GRACE_MS, saveExamAnswer, setExamFlag, startMockExam, submitExam, submitExpiredExams } from "./mutations";

let database: TestDatabase;
let userId: string;
let otherUserId: string;
const t0 = new Date("2026-11-20T10:00:00+09:00");
const at = (ms: number) => new Date(t0.getTime() + ms);

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  await seedFixtureBank(database.db, { questions: 12 });
});
afterAll(async () => database.drop());
beforeEach(async () => {
  await database.db.attempt.deleteMany();
  userId = (await createUser(database.db)).id;
  otherUserId = (await createUser(database.db)).id;
});


async function items(attemptId: string) {
  return database.db.attemptItem.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { id: true, question: { select: { id: true, type: true, choices: { select: { key: true } } } } },
  });
}

describe("mock exam", () => {
  it("starts with the bank's exam shape and a server deadline, and resumes instead of starting twice", async () => {
    const first = await startMockExam(userId, "fixture-bank", t0);
    const again = await startMockExam(userId, "fixture-bank", at(1000));
    expect(again).toEqual({ attemptId: first.attemptId, resumed: true });
    const attempt = await database.db.attempt.findUniqueOrThrow({ where: { id: first.attemptId }, include: { items: true } });
    expect(attempt.items).toHaveLength(6);
    expect(attempt.deadlineAt?.getTime()).toBe(t0.getTime() + 10 * 60_000);
    // Domain-proportional: 50/50 over two domains.
    const domains = await database.db.question.findMany({ where: { id: { in: attempt.items.map((i) => i.questionId) } }, select: { domain: true } });
    expect(domains.filter((d) => d.domain === 1)).toHaveLength(3);
  });

  it("never sends correct answers or explanations before submission", async () => {
    const { attemptId } = await startMockExam(userId, "fixture-bank", t0);
    const view = await loadExamView(userId, attemptId, at(1000));
    const json = JSON.stringify(view);
    expect(json).not.toContain("SECRET-EXPLANATION");
    expect(json).not.toMatch(/"correct"/);
    expect(json).not.toContain("이유");
    expect(await loadExamResult(userId, attemptId)).toBeNull();
  });

  it("saves answers, scores multiple response all-or-nothing, and reports the scaled score", async () => {
    const { attemptId } = await startMockExam(userId, "fixture-bank", t0);
    const list = await items(attemptId);
    let expectedCorrect = 0;
    for (const [index, item] of list.entries()) {
      const right = CORRECT_KEYS(item.question.type);
      // Every other multiple-response item gets only one of its two correct keys: no partial credit.
      const keys = item.question.type === "MULTIPLE" && index % 2 === 0 ? right.slice(0, 1) : index === 0 ? ["c"] : right;
      if (keys.length === right.length && keys.every((k) => right.includes(k))) expectedCorrect++;
      await saveExamAnswer(userId, { attemptId, itemId: item.id, choiceKeys: keys }, at(60_000 + index));
    }
    const result = await submitExam(userId, attemptId, at(120_000), { auto: false });
    expect(result?.correctCount).toBe(expectedCorrect);
    expect(result?.scaledScore).toBe(Math.floor(100 + (900 * expectedCorrect) / list.length));
    const stored = await loadExamResult(userId, attemptId);
    expect(stored?.passed).toBe((result?.scaledScore ?? 0) >= 720);
    expect(stored?.items[0]?.question.explanation).toContain("SECRET-EXPLANATION");
  });

  it("refuses bad input and changes nothing", async () => {
    const { attemptId } = await startMockExam(userId, "fixture-bank", t0);
    const [first] = await items(attemptId);
    const foreignItem = (await startMockExam(otherUserId, "fixture-bank", t0)).attemptId;
    const [otherItem] = await items(foreignItem);
    expect(await codeOf(saveExamAnswer(userId, { attemptId, itemId: otherItem!.id, choiceKeys: ["a"] }, at(1000)))).toBe("not_in_attempt");
    expect(await codeOf(saveExamAnswer(userId, { attemptId, itemId: first!.id, choiceKeys: ["z"] }, at(1000)))).toBe("invalid_input");
    expect(await codeOf(saveExamAnswer(userId, { attemptId, itemId: first!.id, choiceKeys: ["a", "b", "c"] }, at(1000)))).toBe("invalid_input");
    expect(await codeOf(saveExamAnswer(otherUserId, { attemptId, itemId: first!.id, choiceKeys: ["a"] }, at(1000)))).toBe("not_found");
    expect(await codeOf(setExamFlag(otherUserId, { attemptId, itemId: first!.id, flagged: true }, at(1000)))).toBe("not_found");
    const untouched = await database.db.attemptItem.findMany({ where: { attemptId }, select: { selectedChoiceIds: true, flagged: true } });
    expect(untouched.every((i) => i.selectedChoiceIds.length === 0 && !i.flagged)).toBe(true);
  });

  it("refuses answers after the deadline (past the grace) and submits the exam then", async () => {
    const { attemptId } = await startMockExam(userId, "fixture-bank", t0);
    const [first, second] = await items(attemptId);
    await saveExamAnswer(userId, { attemptId, itemId: first!.id, choiceKeys: ["a"] }, at(10 * 60_000 + ANSWER_GRACE_MS - 1));
    expect(await codeOf(saveExamAnswer(userId, { attemptId, itemId: second!.id, choiceKeys: ["a"] }, at(10 * 60_000 + ANSWER_GRACE_MS + 1)))).toBe("deadline_passed");
    const attempt = await database.db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.status).toBe("SUBMITTED");
    expect(attempt.autoSubmitted).toBe(true);
    expect(attempt.submittedAt?.getTime()).toBe(t0.getTime() + 10 * 60_000);
    expect(await codeOf(saveExamAnswer(userId, { attemptId, itemId: second!.id, choiceKeys: ["a"] }, at(1)))).toBe("already_submitted");
  });

  it("a second submission changes nothing", async () => {
    const { attemptId } = await startMockExam(userId, "fixture-bank", t0);
    const first = await submitExam(userId, attemptId, at(1000), { auto: false });
    expect(first).not.toBeNull();
    expect(await submitExam(userId, attemptId, at(2000), { auto: false })).toBeNull();
    expect(await codeOf(submitExam(otherUserId, attemptId, at(3000), { auto: false }))).toBe("not_found");
  });

  it("submits an exam left open at its deadline even when nobody is there", async () => {
    const { attemptId } = await startMockExam(userId, "fixture-bank", t0);
    const [first] = await items(attemptId);
    await saveExamAnswer(userId, { attemptId, itemId: first!.id, choiceKeys: CORRECT_KEYS(first!.question.type) }, at(5000));
    expect(await submitExpiredExams(at(9 * 60_000))).toBe(0);
    expect(await submitExpiredExams(at(11 * 60_000))).toBe(1);
    const attempt = await database.db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ status: "SUBMITTED", autoSubmitted: true, correctCount: 1 });
  });

  it("feeds per-topic mastery and the review schedule from the answered items", async () => {
    const { attemptId } = await startMockExam(userId, "fixture-bank", t0);
    const list = await items(attemptId);
    for (const item of list) await saveExamAnswer(userId, { attemptId, itemId: item.id, choiceKeys: ["c"] }, at(5000));
    await submitExam(userId, attemptId, at(60_000), { auto: false });
    const masteries = await database.db.topicMastery.findMany({ where: { userId } });
    expect(masteries.length).toBe(2);
    for (const m of masteries) expect(m.theta).toBeLessThan(0);
    const cards = await database.db.reviewCard.findMany({ where: { userId } });
    expect(cards).toHaveLength(list.length);
    // Wrong answers come back within a day.
    for (const card of cards) expect(card.dueAt.getTime() - t0.getTime()).toBeLessThan(24 * 3600_000);
    expect(await database.db.masteryEvent.count({ where: { userId, mode: "MOCK_EXAM" } })).toBe(list.length);
  });
});
