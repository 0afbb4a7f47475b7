// ESL +30 and exam-version tags, on the shipped SOA-C03 bank (130 minutes, 65 questions).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { codeOf, createUser } from "../../test/fixtures";
import { CONTENT_DIR, toStoredBank } from "../banks/seed";
import { storeBank } from "../banks/store";
import { loadBank } from "../content/load";
import { listExamVersions, loadExamAccommodation, loadExamView } from "./data";
import { setExamAccommodation, startMockExam } from "./mutations";

let database: TestDatabase;
const t0 = new Date("2026-11-20T10:00:00+09:00");
const minutesUntilDeadline = async (attemptId: string) => {
  const attempt = await database.db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { startedAt: true, deadlineAt: true } });
  return (attempt.deadlineAt!.getTime() - attempt.startedAt.getTime()) / 60_000;
};

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  await storeBank(database.db, toStoredBank(await loadBank(path.join(CONTENT_DIR, "soa-c03"))), { writer: { kind: "content" }, retireMissing: true, keepStatus: false });
});
afterAll(async () => database.drop());

describe("the ESL +30 accommodation", () => {
  it("gives a full SOA-C03 mock exam a 160-minute server deadline, shown on the exam screen", async () => {
    const learner = (await createUser(database.db)).id;
    expect(await loadExamAccommodation(learner)).toEqual({ eslExtraTime: false });
    await setExamAccommodation(learner, { eslExtraTime: true });
    expect(await loadExamAccommodation(learner)).toEqual({ eslExtraTime: true });
    const { attemptId } = await startMockExam(learner, "soa-c03", t0, "full");
    expect(await minutesUntilDeadline(attemptId)).toBe(160);
    const view = await loadExamView(learner, attemptId, new Date(t0.getTime() + 1000));
    expect(view).toMatchObject({ extraMinutes: 30, title: "SOA-C03" });
    expect(view!.deadlineAt - t0.getTime()).toBe(160 * 60_000);
  });

  it("leaves the standard 130 minutes without it, and the short form's pace with it", async () => {
    const plain = (await createUser(database.db)).id;
    expect(await minutesUntilDeadline((await startMockExam(plain, "soa-c03", t0, "full")).attemptId)).toBe(130);
    const esl = (await createUser(database.db)).id;
    await setExamAccommodation(esl, { eslExtraTime: true });
    expect(await minutesUntilDeadline((await startMockExam(esl, "soa-c03", t0, "short")).attemptId)).toBe(20);
  });

  it("applies to exams started after it changes, not to one already running", async () => {
    const learner = (await createUser(database.db)).id;
    const { attemptId } = await startMockExam(learner, "soa-c03", t0, "full");
    await setExamAccommodation(learner, { eslExtraTime: true });
    expect((await startMockExam(learner, "soa-c03", new Date(t0.getTime() + 60_000), "full")).attemptId).toBe(attemptId);
    expect(await minutesUntilDeadline(attemptId)).toBe(130);
  });
});

describe("exam-version tags", () => {
  it("leave SOA-C02-tagged questions out of an SOA-C03 mock exam, and offer an SOA-C02 one", async () => {
    // Retag the shipped bank through the content path: the first 40 questions untagged, 20 for both
    // versions, the rest for the retired SOA-C02 only.
    const bank = toStoredBank(await loadBank(path.join(CONTENT_DIR, "soa-c03")));
    bank.questions = bank.questions.map((question, index) =>
      index < 40 ? question : { ...question, examVersions: index < 60 ? ["SOA-C02", "SOA-C03"] : ["SOA-C02"] },
    );
    await storeBank(database.db, bank, { writer: { kind: "content" }, retireMissing: true, keepStatus: false });
    const { id: bankId } = await database.db.questionBank.findUniqueOrThrow({ where: { slug: "soa-c03" }, select: { id: true } });
    expect(await listExamVersions(bankId)).toEqual(["SOA-C03", "SOA-C02"]);
    const c02Only = new Set(bank.questions.slice(60).map((q) => q.externalId));

    const learner = (await createUser(database.db)).id;
    const current = await startMockExam(learner, "soa-c03", t0, "full");
    const items = await database.db.attemptItem.findMany({ where: { attemptId: current.attemptId }, select: { question: { select: { externalId: true, examVersions: true } } } });
    // 60 questions qualify for SOA-C03 (fewer than 65): all of them, and no SOA-C02-only one.
    expect(items).toHaveLength(60);
    expect(items.filter((item) => c02Only.has(item.question.externalId))).toEqual([]);

    const other = (await createUser(database.db)).id;
    const retired = await startMockExam(other, "soa-c03", t0, "full", { examVersion: "SOA-C02" });
    const retiredItems = await database.db.attemptItem.findMany({ where: { attemptId: retired.attemptId }, select: { question: { select: { externalId: true } } } });
    expect(retiredItems).toHaveLength(65);
    expect(retiredItems.some((item) => c02Only.has(item.question.externalId))).toBe(true);
    expect((await loadExamView(other, retired.attemptId, t0))?.title).toBe("SOA-C02");
    // The questions are kept, published, for practice.
    expect(await database.db.question.count({ where: { bankId, status: "PUBLISHED" } })).toBe(bank.questions.length);
  });

  it("refuses an exam version no published question is in with a 4xx code, not a crash", async () => {
    const learner = (await createUser(database.db)).id;
    await database.db.question.updateMany({ where: { bank: { slug: "soa-c03" } }, data: { examVersions: ["SOA-C02"] } });
    expect(await codeOf(startMockExam(learner, "soa-c03", t0, "full"))).toBe("bank_empty");
    expect(await database.db.attempt.count({ where: { userId: learner } })).toBe(0);
  });
});
