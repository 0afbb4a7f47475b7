// Exam answers that stay right under concurrency: saves racing a submit, parallel starts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { CORRECT_KEYS, codeOf, createUser, seedFixtureBank } from "../../test/fixtures";
import { saveExamAnswer, startMockExam, submitExam } from "./mutations";
import { scoreItem } from "./scoring";

let database: TestDatabase;
const t0 = new Date("2026-11-20T10:00:00+09:00");
const at = (ms: number) => new Date(t0.getTime() + ms);

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  await seedFixtureBank(database.db, { questions: 12 });
});
afterAll(async () => database.drop());

async function examItems(attemptId: string) {
  return database.db.attemptItem.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { id: true, question: { select: { type: true, choose: true, choices: { select: { key: true, correct: true } } } } },
  });
}

const WRONG_KEYS = (type: string) => (type === "MULTIPLE" ? ["c", "d"] : ["c"]);

describe("saves racing a submit", () => {
  it("leave every stored answer equal to the one that was scored, in 50 runs", async () => {
    const userId = (await createUser(database.db)).id;
    let refusedSaves = 0;
    for (let run = 0; run < 50; run++) {
      const start = at(run * 60 * 60_000);
      const { attemptId } = await startMockExam(userId, "fixture-bank", start);
      const items = await examItems(attemptId);
      for (const item of items) await saveExamAnswer(userId, { attemptId, itemId: item.id, choiceKeys: WRONG_KEYS(item.question.type) }, new Date(start.getTime() + 1000));
      // Every item switches to its right answer while the submit runs: each save lands before it or not at all.
      const now = new Date(start.getTime() + 2000);
      const saves = items.map((item) => saveExamAnswer(userId, { attemptId, itemId: item.id, choiceKeys: CORRECT_KEYS(item.question.type) }, now));
      const outcomes = await Promise.allSettled([...saves.slice(0, 3), submitExam(userId, attemptId, now, { auto: false }), ...saves.slice(3)]);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") {
          expect(await codeOf(Promise.reject(outcome.reason))).toBe("already_submitted");
          refusedSaves++;
        }
      }
      const attempt = await database.db.attempt.findUniqueOrThrow({
        where: { id: attemptId },
        select: { status: true, correctCount: true, items: { select: { selectedChoiceIds: true, correct: true, question: { select: { type: true, choose: true, choices: { select: { key: true, correct: true } } } } } } },
      });
      expect(attempt.status).toBe("SUBMITTED");
      for (const item of attempt.items) {
        const rescored = scoreItem(
          { type: item.question.type === "MULTIPLE" ? "multiple" : "single", correctChoiceIds: item.question.choices.filter((c) => c.correct).map((c) => c.key), choose: item.question.choose ?? undefined },
          item.selectedChoiceIds.length ? { choiceIds: item.selectedChoiceIds } : null,
        );
        expect(item.correct, `run ${run}: stored ${item.selectedChoiceIds.join(",")}`).toBe(rescored);
      }
      expect(attempt.correctCount).toBe(attempt.items.filter((item) => item.correct).length);
    }
    // The race was real: some saves came after the submit and were refused.
    expect(refusedSaves).toBeGreaterThan(0);
    // 50 full exams of real transactions: ~15 s alone, several times that on a loaded CI machine.
  }, 180_000);
});

describe("one open exam per learner, bank and format", () => {
  it("8 parallel starts leave one open exam, and all of them land on it", async () => {
    const userId = (await createUser(database.db)).id;
    const starts = await Promise.all(Array.from({ length: 8 }, () => startMockExam(userId, "fixture-bank", t0)));
    const ids = new Set(starts.map((start) => start.attemptId));
    expect(ids.size).toBe(1);
    expect(starts.filter((start) => !start.resumed)).toHaveLength(1);
    expect(await database.db.attempt.count({ where: { userId, mode: "MOCK_EXAM", status: "IN_PROGRESS" } })).toBe(1);
  });

  it("is the database's rule, not only the code's: a second open row of the same format is refused", async () => {
    const userId = (await createUser(database.db)).id;
    const { attemptId } = await startMockExam(userId, "fixture-bank", t0);
    const open = await database.db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { bankId: true } });
    const duplicate = database.db.attempt.create({ data: { userId, bankId: open.bankId, mode: "MOCK_EXAM", examFormat: "full", config: {}, deadlineAt: at(60_000) } });
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
    // Other formats and other modes are not limited by it; a submitted exam frees the slot.
    const short = await startMockExam(userId, "fixture-bank", t0, "short");
    expect(short.attemptId).not.toBe(attemptId);
    await database.db.attempt.create({ data: { userId, bankId: open.bankId, mode: "PRACTICE", config: {} } });
    await submitExam(userId, attemptId, at(1000), { auto: false });
    const next = await startMockExam(userId, "fixture-bank", at(2000));
    expect(next).toMatchObject({ resumed: false });
    expect(next.attemptId).not.toBe(attemptId);
  });

  it("an open exam past its deadline is closed, not resumed, when the learner starts again", async () => {
    const userId = (await createUser(database.db)).id;
    const first = await startMockExam(userId, "fixture-bank", t0);
    const later = await startMockExam(userId, "fixture-bank", at(11 * 60_000));
    expect(later.resumed).toBe(false);
    expect(later.attemptId).not.toBe(first.attemptId);
    const closed = await database.db.attempt.findUniqueOrThrow({ where: { id: first.attemptId } });
    expect(closed).toMatchObject({ status: "SUBMITTED", autoSubmitted: true });
    expect(closed.submittedAt?.getTime()).toBe(at(10 * 60_000).getTime());
  });
});
