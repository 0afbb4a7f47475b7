// Dispute rules against a real PostgreSQL: reporting, the editor-only resolve, three
// reporters holding a question out of mock exams, and the mastery recompute after a key fix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { codeOf, createUser, seedFixtureBank } from "../../test/fixtures";
import { startMockExam } from "../exams/mutations";
import { recordAnswer, type ItemState, type MasteryState } from "../mastery";
import { answerPractice, startPractice } from "../practice/mutations";
import { listReportQueue, listMyReports } from "./data";
import { reportQuestion, resolveReports } from "./mutations";
import { reportQuestionSchema, resolveReportsSchema } from "./schema";

let database: TestDatabase;
const t0 = new Date("2026-12-01T09:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  // Six questions: the fixture's exam shape takes all six, so an excluded one is visibly missing.
  await seedFixtureBank(database.db, { questions: 6 });
});
afterAll(async () => database.drop());

const question = (externalId: string) => database.db.question.findFirstOrThrow({ where: { externalId }, select: { id: true, topicId: true } });
const report = (questionId: string, text = "보기 B도 맞습니다") => ({ questionId, reason: "WRONG_KEY" as const, text, source: "practice" as const });

describe("reporting a question", () => {
  it("takes one open report per learner per question, and refuses bad input at the boundary", async () => {
    const learner = await createUser(database.db);
    const q = await question("q-01");
    expect(await codeOf(reportQuestion(learner.id, report(q.id)))).toBe("ok");
    expect(await codeOf(reportQuestion(learner.id, report(q.id, "다시 신고")))).toBe("conflict");
    expect(reportQuestionSchema.safeParse({ ...report(q.id), reason: "SPAM" }).success).toBe(false);
    expect(reportQuestionSchema.safeParse(report(q.id, "x".repeat(501))).success).toBe(false);
    expect(reportQuestionSchema.safeParse(report(q.id, " ")).success).toBe(false);
    expect(resolveReportsSchema.safeParse({ action: "fix", questionId: q.id, reply: "ok", correctKeys: [] }).success).toBe(false);
    expect(await database.db.questionReport.count({ where: { questionId: q.id } })).toBe(1);
  });
});

describe("authorization", () => {
  it("lets neither a learner resolve nor see the queue, and changes nothing on a refused resolve", async () => {
    const learner = await createUser(database.db);
    const reporter = await createUser(database.db);
    const q = await question("q-02");
    await reportQuestion(reporter.id, report(q.id));
    expect(await codeOf(resolveReports(learner, { action: "fix", questionId: q.id, reply: "고쳤습니다", correctKeys: ["b"] }))).toBe("forbidden");
    expect(await codeOf(resolveReports(learner, { action: "retire", questionId: q.id, reply: "x" }))).toBe("forbidden");
    expect(await listReportQueue(learner)).toEqual([]);
    // Another instructor's imported bank is not theirs: it looks missing.
    const bank = await database.db.questionBank.create({ data: { slug: "private", examCode: "X", titleKo: "x", titleEn: "x", examConfig: {}, ownerId: reporter.id } });
    const other = await createUser(database.db, "INSTRUCTOR");
    const privateQ = await database.db.question.update({ where: { id: q.id }, data: { bankId: bank.id }, select: { id: true } });
    expect(await codeOf(resolveReports(other, { action: "reject", questionId: privateQ.id, reply: "x" }))).toBe("not_found");
    expect((await listReportQueue(other)).some((g) => g.question.id === q.id)).toBe(false);
    const shipped = await database.db.questionBank.findFirstOrThrow({ where: { slug: "fixture-bank" }, select: { id: true } });
    await database.db.question.update({ where: { id: q.id }, data: { bankId: shipped.id } });
    // A bad key (not one of the question's choices) changes nothing.
    const editor = await createUser(database.db, "ADMIN");
    expect(await codeOf(resolveReports(editor, { action: "fix", questionId: q.id, reply: "x", correctKeys: ["z"] }))).toBe("invalid_input");
    const after = await database.db.question.findUniqueOrThrow({ where: { id: q.id }, select: { keyChangedAt: true, choices: { where: { correct: true }, select: { key: true } } } });
    expect(after).toEqual({ keyChangedAt: null, choices: [{ key: "a" }] });
    expect(await database.db.questionReport.count({ where: { questionId: q.id, status: "OPEN" } })).toBe(1);
    expect(await database.db.notification.count({ where: { userId: reporter.id } })).toBe(0);
    expect((await listReportQueue(editor)).find((g) => g.question.id === q.id)?.reporters).toBe(1);
  });
});

describe("three reporters", () => {
  it("take a question out of mock-exam assembly until an editor resolves it", async () => {
    const q = await question("q-03");
    const [a, b, c] = await Promise.all([createUser(database.db), createUser(database.db), createUser(database.db)]);
    await reportQuestion(a.id, report(q.id));
    await reportQuestion(b.id, report(q.id));
    const examQuestions = async (at: Date) => {
      const taker = await createUser(database.db);
      const { attemptId } = await startMockExam(taker.id, "fixture-bank", at, "full");
      return (await database.db.attemptItem.findMany({ where: { attemptId }, select: { questionId: true } })).map((i) => i.questionId);
    };
    expect(await examQuestions(t0)).toContain(q.id);
    await reportQuestion(c.id, report(q.id));
    const held = await examQuestions(t0);
    expect(held).not.toContain(q.id);
    expect(held).toHaveLength(5);
    const editor = await createUser(database.db, "INSTRUCTOR");
    expect(await resolveReports(editor, { action: "reject", questionId: q.id, reply: "키가 맞습니다: A" })).toMatchObject({ resolved: 3, keyChanged: false });
    expect(await examQuestions(t0)).toContain(q.id);
    const mine = await listMyReports(a.id);
    expect(mine[0]).toMatchObject({ status: "REJECTED", reply: "키가 맞습니다: A" });
    expect(await database.db.notification.findMany({ where: { userId: a.id }, select: { kind: true, href: true } })).toEqual([{ kind: "REPORT_RESOLVED", href: "/reports" }]);
  });
});

describe("a key fix", () => {
  it("re-scores the learner's past answers and replays their topic mastery", async () => {
    const learner = await createUser(database.db);
    const q5 = await question("q-05"); // alpha, key "a"
    const { attemptId } = await startPractice(learner.id, { bankSlug: "fixture-bank", source: "topics", topicIds: [q5.topicId], size: 3 }, t0);
    const items = await database.db.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" }, select: { id: true, questionId: true } });
    // Answer "b" everywhere: wrong under the key "a", right on q-05 once its key becomes "b".
    let at = t0.getTime();
    for (const item of items) {
      at += 60_000;
      await answerPractice(learner.id, { attemptId, itemId: item.id, choiceKeys: item.questionId === q5.id ? ["b"] : ["a"] }, new Date(at));
    }
    const before = await database.db.topicMastery.findUniqueOrThrow({ where: { userId_topicId: { userId: learner.id, topicId: q5.topicId } } });
    expect(before.correctAnswers).toBe(items.length - 1);
    await reportQuestion(learner.id, report(q5.id));
    const editor = await createUser(database.db, "ADMIN");
    const outcome = await resolveReports(editor, { action: "fix", questionId: q5.id, reply: "키를 B로 고쳤습니다", correctKeys: ["b"] }, new Date(at + 60_000));
    expect(outcome).toMatchObject({ keyChanged: true, recompute: { pairs: 1, rescored: 1, changed: 1 } });

    // Expected independently: fold recordAnswer over the answers in order, q-05 now right,
    // with each question's current learned difficulty.
    const events = await database.db.masteryEvent.findMany({ where: { userId: learner.id, topicId: q5.topicId }, orderBy: { createdAt: "asc" }, select: { questionId: true, createdAt: true } });
    const qs = await database.db.question.findMany({ where: { id: { in: events.map((e) => e.questionId) } }, select: { id: true, itemDifficulty: true, itemAnswers: true, difficulty: true } });
    const itemOf = new Map<string, ItemState>(qs.map((q) => [q.id, { difficulty: q.itemDifficulty, answers: q.itemAnswers, level: q.difficulty }]));
    let expected: MasteryState | null = null;
    for (const e of events) {
      expected = recordAnswer({ userId: learner.id, topicId: q5.topicId, questionId: e.questionId, correct: true, answeredAt: e.createdAt, mode: "PRACTICE" }, { mastery: expected, item: itemOf.get(e.questionId)! }).mastery;
    }
    const after = await database.db.topicMastery.findUniqueOrThrow({ where: { userId_topicId: { userId: learner.id, topicId: q5.topicId } } });
    expect(after.correctAnswers).toBe(items.length);
    expect(after.answers).toBe(items.length);
    expect(after.theta).toBeCloseTo(expected!.theta, 6);
    expect(after.uncertainty).toBeCloseTo(expected!.uncertainty, 6);
    expect(after.theta).toBeGreaterThan(before.theta);
    expect((await database.db.masteryEvent.findFirstOrThrow({ where: { userId: learner.id, questionId: q5.id } })).correct).toBe(true);
    const fixed = await database.db.question.findUniqueOrThrow({ where: { id: q5.id }, select: { keyChangedAt: true, choices: { where: { correct: true }, select: { key: true } } } });
    expect(fixed.keyChangedAt?.getTime()).toBe(at + 60_000);
    expect(fixed.choices).toEqual([{ key: "b" }]);
    expect((await listMyReports(learner.id))[0]).toMatchObject({ status: "FIXED", reply: "키를 B로 고쳤습니다" });
  });
});
