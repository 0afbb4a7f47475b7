import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { CORRECT_KEYS, codeOf, createUser, fixtureBank, seedFixtureBank } from "../../test/fixtures";
import { storeBank } from "../banks/store";
import { loadPracticeView } from "./data";
import { answerPractice, startPractice } from "./mutations";

let database: TestDatabase;
let userId: string;
const now = new Date("2026-11-20T10:00:00+09:00");

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  await seedFixtureBank(database.db, { questions: 12 });
  // A bank of one fill-in-the-blank question, as the notes generator makes them.
  const clozeBank = fixtureBank({ slug: "cloze-bank", questions: 1 });
  const [template] = clozeBank.questions;
  clozeBank.questions = [{ ...template!, type: "CLOZE", stem: "SQS 메시지의 최대 보존 기간은 ____ 이다.", choices: [], choose: null, acceptedAnswers: ["14 days", "14일"] }];
  await storeBank(database.db, clozeBank, { writer: { kind: "content" }, retireMissing: true, keepStatus: false });
});
afterAll(async () => database.drop());
beforeEach(async () => {
  userId = (await createUser(database.db)).id;
});


async function firstItem(attemptId: string) {
  return database.db.attemptItem.findFirstOrThrow({ where: { attemptId }, orderBy: { position: "asc" }, select: { id: true, question: { select: { type: true, topicId: true } } } });
}

describe("practice", () => {
  it("draws only from the chosen topics, and hides answers until answered", async () => {
    const alpha = await database.db.topic.findFirstOrThrow({ where: { slug: "alpha" } });
    const { attemptId } = await startPractice(userId, { bankSlug: "fixture-bank", source: "topics", topicIds: [alpha.id], size: 5 }, now);
    const questions = await database.db.attemptItem.findMany({ where: { attemptId }, select: { question: { select: { topicId: true } } } });
    expect(questions).toHaveLength(5);
    expect(questions.every((q) => q.question.topicId === alpha.id)).toBe(true);
    const json = JSON.stringify(await loadPracticeView(userId, attemptId));
    expect(json).not.toContain("SECRET-EXPLANATION");
    expect(json).not.toMatch(/"correct"/);
  });

  it("gives instant feedback with the explanation, the note and the source lines", async () => {
    const { attemptId } = await startPractice(userId, { bankSlug: "fixture-bank", source: "topics", topicIds: [], size: 5 }, now);
    const item = await firstItem(attemptId);
    const feedback = await answerPractice(userId, { attemptId, itemId: item.id, choiceKeys: CORRECT_KEYS(item.question.type) }, now);
    expect(feedback.correct).toBe(true);
    expect(feedback.explanation).toContain("SECRET-EXPLANATION");
    expect(feedback.noteHref).toMatch(/^\/banks\/fixture-bank\/topics\/(alpha|beta)$/);
    expect(feedback.source.file).toBe("notes.md");
    const mastery = await database.db.topicMastery.findUniqueOrThrow({ where: { userId_topicId: { userId, topicId: item.question.topicId } } });
    expect(mastery.theta).toBeGreaterThan(0);
    // Times survive the round trip exactly (the test time zone is not UTC, so an offset bug would show).
    expect(mastery.lastAnsweredAt?.toISOString()).toBe(now.toISOString());
    const card = await database.db.reviewCard.findFirstOrThrow({ where: { userId } });
    expect(card.lastReviewedAt?.toISOString()).toBe(now.toISOString());
    expect(card.dueAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it("refuses a second answer, a foreign item, a foreign attempt and unknown choices", async () => {
    const { attemptId } = await startPractice(userId, { bankSlug: "fixture-bank", source: "topics", topicIds: [], size: 5 }, now);
    const other = await createUser(database.db);
    const foreign = await startPractice(other.id, { bankSlug: "fixture-bank", source: "topics", topicIds: [], size: 5 }, now);
    const item = await firstItem(attemptId);
    const foreignItem = await firstItem(foreign.attemptId);
    expect(await codeOf(answerPractice(userId, { attemptId, itemId: item.id, choiceKeys: ["zz"] }, now))).toBe("invalid_input");
    expect(await codeOf(answerPractice(userId, { attemptId, itemId: foreignItem.id, choiceKeys: ["a"] }, now))).toBe("not_in_attempt");
    expect(await codeOf(answerPractice(userId, { attemptId: foreign.attemptId, itemId: foreignItem.id, choiceKeys: ["a"] }, now))).toBe("not_found");
    await answerPractice(userId, { attemptId, itemId: item.id, choiceKeys: ["b"] }, now);
    expect(await codeOf(answerPractice(userId, { attemptId, itemId: item.id, choiceKeys: CORRECT_KEYS(item.question.type) }, now))).toBe("already_submitted");
    const stored = await database.db.attemptItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.selectedChoiceIds).toEqual(["b"]);
    expect(await database.db.masteryEvent.count({ where: { userId } })).toBe(1);
  });

  it("brings wrong answers back in the due-for-review queue", async () => {
    const { attemptId } = await startPractice(userId, { bankSlug: "fixture-bank", source: "topics", topicIds: [], size: 5 }, now);
    const item = await firstItem(attemptId);
    await answerPractice(userId, { attemptId, itemId: item.id, choiceKeys: ["d"] }, now);
    const later = new Date(now.getTime() + 24 * 3600_000);
    const due = await startPractice(userId, { bankSlug: "fixture-bank", source: "due", topicIds: [], size: 5 }, later);
    const dueItems = await database.db.attemptItem.findMany({ where: { attemptId: due.attemptId }, select: { questionId: true } });
    const answered = await database.db.attemptItem.findUniqueOrThrow({ where: { id: item.id }, select: { questionId: true } });
    expect(dueItems.map((i) => i.questionId)).toEqual([answered.questionId]);
  });

  it("takes typed answers to fill-in-the-blank questions and reveals the accepted answer only afterwards", async () => {
    const { attemptId } = await startPractice(userId, { bankSlug: "cloze-bank", source: "topics", topicIds: [], size: 5 }, now);
    const view = await loadPracticeView(userId, attemptId);
    expect(view?.items.map((item) => item.type)).toEqual(["CLOZE"]);
    expect(JSON.stringify(view)).not.toContain("14 days");
    const item = await firstItem(attemptId);
    // A choice key is not an answer to a blank, and an empty blank is not an answer at all.
    expect(await codeOf(answerPractice(userId, { attemptId, itemId: item.id, choiceKeys: ["a"] }, now))).toBe("invalid_input");
    expect(await codeOf(answerPractice(userId, { attemptId, itemId: item.id, text: "   " }, now))).toBe("invalid_input");
    // Case, spacing and a plural unit do not matter; the number does.
    const feedback = await answerPractice(userId, { attemptId, itemId: item.id, text: " 14 Day " }, now);
    expect(feedback.correct).toBe(true);
    expect(feedback.acceptedAnswers).toEqual(["14 days", "14일"]);
    const stored = await database.db.attemptItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.textAnswer).toBe("14 Day");
    expect(await database.db.masteryEvent.count({ where: { userId } })).toBe(1);
  });

  it("marks a wrong typed answer wrong and schedules the question for review", async () => {
    const { attemptId } = await startPractice(userId, { bankSlug: "cloze-bank", source: "topics", topicIds: [], size: 5 }, now);
    const item = await firstItem(attemptId);
    const feedback = await answerPractice(userId, { attemptId, itemId: item.id, text: "7 days" }, now);
    expect(feedback.correct).toBe(false);
    expect(feedback.finished).toBe(true);
    const due = await startPractice(userId, { bankSlug: "cloze-bank", source: "due", topicIds: [], size: 5 }, new Date(now.getTime() + 24 * 3600_000));
    expect(await database.db.attemptItem.count({ where: { attemptId: due.attemptId } })).toBe(1);
  });
});
