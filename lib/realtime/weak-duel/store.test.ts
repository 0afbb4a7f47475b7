// Weak-topic duel against PostgreSQL: the plan (common weakest topics, 7-day seen filter in
// every mode, fallback), then two signed-in players through the real socket layer: guests
// refused, paired in the weak queue, questions only from the planned topics, and the
// podium's summary with mastery before → after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoundStartPayload } from "../engine";
import type { WeakDuelSummary } from "../events";
import { storeBank } from "../../banks/store";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { createUser, fixtureBank } from "../../../test/fixtures";
import { connectPlayer, guestToken, startNode, userCookie, type Player, type TestNode } from "../rooms/testing";
import { lastSeenQuestions, planWeakDuel } from "./store";

const DAY = 86_400_000;
const ROUNDS = 4;
let database: TestDatabase;
let node: TestNode;
const clients: Player[] = [];
let topicId: Record<string, string>;
let questionsOf: Record<string, string[]>;
let bankId: string;
let ana: { id: string };
let ben: { id: string };

/** Four topics of three questions: "both" and "both2" are weak for both players, "onlyAna" for Ana alone, "strong" for neither. */
async function seedBank(db: TestDatabase["db"]) {
  const base = fixtureBank({ questions: 12, slug: "weak-bank" });
  const slugs = ["both", "both2", "onlyana", "strong"];
  await storeBank(
    db,
    {
      ...base,
      topics: slugs.map((slug, i) => ({ ...base.topics[0]!, slug, order: i + 1, titleKo: `주제 ${slug}`, titleEn: `Topic ${slug}` })),
      // Single-answer questions only, so "a" is always right.
      questions: base.questions.map((q, i) => ({ ...q, topicSlug: slugs[Math.floor(i / 3)]!, type: "SINGLE" as const, choose: null, choices: q.choices.slice(0, 4).map((c) => ({ ...c, correct: c.key === "a" })) })),
    },
    { writer: { kind: "content" }, retireMissing: true, keepStatus: false },
  );
  const bank = await db.questionBank.findUniqueOrThrow({ where: { slug: "weak-bank" }, select: { id: true, topics: { select: { id: true, slug: true, questions: { select: { id: true }, orderBy: { externalId: "asc" } } } } } });
  bankId = bank.id;
  topicId = Object.fromEntries(bank.topics.map((t) => [t.slug, t.id]));
  questionsOf = Object.fromEntries(bank.topics.map((t) => [t.slug, t.questions.map((q) => q.id)]));
}

async function setMastery(userId: string, slug: string, theta: number, uncertainty = 0.3) {
  await database.db.topicMastery.upsert({
    where: { userId_topicId: { userId, topicId: topicId[slug]! } },
    create: { userId, topicId: topicId[slug]!, theta, uncertainty, answers: 20, correctAnswers: 10, lastAnsweredAt: new Date() },
    update: { theta, uncertainty },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBank(database.db);
  ana = await createUser(database.db);
  ben = await createUser(database.db);
  for (const [user, weak] of [[ana, ["both", "both2", "onlyana"]], [ben, ["both", "both2"]]] as const) {
    for (const slug of ["both", "both2", "onlyana", "strong"]) await setMastery(user.id, slug, weak.includes(slug as never) ? (slug === "both" ? -3 : -2) : 2.5);
  }
  node = await startNode({ db: database.db, nodeId: "node-weak", matchmakingTickMs: 200, rooms: { duel: { questionCount: ROUNDS, secondsPerQuestion: 10, countdownMs: 0, autoAdvanceMs: 1000 }, masterySweepMs: 300 } });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await node?.stop();
  await database?.drop();
});

describe("planWeakDuel", () => {
  it("takes the topics weak for both, weakest first, and never one only one player is weak in", async () => {
    const plan = await planWeakDuel(database.db, { bankSlug: "weak-bank", userIds: [ana.id, ben.id], count: ROUNDS, now: Date.now(), seed: 1 });
    expect(plan).not.toBeNull();
    expect(plan!.topicIds).toEqual([topicId.both, topicId.both2]);
    expect(plan!.questionIds).toHaveLength(ROUNDS);
    expect(plan!.questionIds.filter((id) => questionsOf.both!.includes(id))).toHaveLength(3);
    expect(plan!.weakDuel.before[`u:${ana.id}`]![topicId.both!]!.theta).toBe(-3);
    expect(plan!.weakDuel.topics.map((t) => t.titleEn)).toEqual(["Topic both", "Topic both2"]);
  });

  it("leaves out questions either player saw in the last 7 days (practice, exam, rooms), not older ones", async () => {
    const now = Date.now();
    const [seenPractice, seenExam, seenRoom, oldPractice] = [questionsOf.both![0]!, questionsOf.both![1]!, questionsOf.both2![0]!, questionsOf.both![2]!];
    const practice = await database.db.attempt.create({ data: { userId: ben.id, bankId, mode: "PRACTICE", config: {}, startedAt: new Date(now - 2 * DAY) } });
    await database.db.attemptItem.create({ data: { attemptId: practice.id, questionId: seenPractice, position: 0, answeredAt: new Date(now - 2 * DAY), correct: false } });
    const exam = await database.db.attempt.create({ data: { userId: ana.id, bankId, mode: "MOCK_EXAM", config: {}, startedAt: new Date(now - DAY) } });
    // A mock exam shows every item: seen though not answered.
    await database.db.attemptItem.create({ data: { attemptId: exam.id, questionId: seenExam, position: 0 } });
    const old = await database.db.attempt.create({ data: { userId: ana.id, bankId, mode: "PRACTICE", config: {}, startedAt: new Date(now - 10 * DAY) } });
    await database.db.attemptItem.create({ data: { attemptId: old.id, questionId: oldPractice, position: 0, answeredAt: new Date(now - 10 * DAY), correct: true } });
    const room = await database.db.room.create({ data: { code: "SEENROOM", kind: "GROUP", bankId, config: {}, phase: "FINISHED" } });
    await database.db.roomPlayer.create({ data: { roomId: room.id, playerKey: `u:${ben.id}`, userId: ben.id, nickname: "Ben" } });
    await database.db.roomRound.create({ data: { roomId: room.id, index: 0, questionId: seenRoom, startsAt: new Date(now - 3 * DAY), deadlineAt: new Date(now - 3 * DAY + 20_000) } });

    const seen = await lastSeenQuestions(database.db, bankId, [ana.id, ben.id], now - 7 * DAY);
    expect([...seen.keys()].sort()).toEqual([seenPractice, seenExam, seenRoom].sort());

    const plan = await planWeakDuel(database.db, { bankSlug: "weak-bank", userIds: [ana.id, ben.id], count: ROUNDS, now, seed: 1 });
    expect(plan!.questionIds).not.toContain(seenPractice);
    expect(plan!.questionIds).not.toContain(seenExam);
    expect(plan!.questionIds).not.toContain(seenRoom);
    expect(plan!.topicIds).toEqual([topicId.both, topicId.both2, topicId.onlyana]);
    expect(plan!.weakDuel.seenUsed).toBe(0);

    // A duel longer than the unseen questions of the three weakest topics: seen ones fill the gap, not a fourth topic.
    const long = await planWeakDuel(database.db, { bankSlug: "weak-bank", userIds: [ana.id, ben.id], count: 8, now, seed: 1 });
    expect(long!.topicIds).not.toContain(topicId.strong);
    expect(long!.weakDuel.seenUsed).toBe(2);

    await database.db.room.delete({ where: { id: room.id } });
    await database.db.attempt.deleteMany({ where: { id: { in: [practice.id, exam.id, old.id] } } });
  });

  it("gives null when the bank cannot fill the duel", async () => {
    expect(await planWeakDuel(database.db, { bankSlug: "weak-bank", userIds: [ana.id, ben.id], count: 13, now: Date.now(), seed: 1 })).toBeNull();
  });
});

describe("weak-topic duel over sockets", () => {
  it("refuses guests with a clear code and message", async () => {
    const guest = await connectPlayer(node.url, { guestToken: guestToken("Gus") });
    clients.push(guest);
    expect(await guest.send("weakduel:queue", { bankSlug: "weak-bank" })).toMatchObject({ ok: false, code: "weak_duel_needs_account", message: expect.stringContaining("sign in") });
    expect(await guest.send("weakduel:queue", { bankSlug: "Not A Slug" })).toMatchObject({ ok: false, code: "invalid_input" });
  });

  it("pairs two users in its own queue, plays their weakest topics, and reports mastery before → after", async () => {
    const a = await connectPlayer(node.url, { cookie: await userCookie({ id: ana.id, name: "Ana" }) });
    const b = await connectPlayer(node.url, { cookie: await userCookie({ id: ben.id, name: "Ben" }) });
    clients.push(a, b);
    // A normal duel queue does not pair with the weak one.
    const other = await connectPlayer(node.url, { cookie: await userCookie({ id: (await createUser(database.db)).id, name: "Cy" }) });
    clients.push(other);
    expect(await other.send("duel:queue", { bankSlug: "weak-bank" })).toMatchObject({ ok: true });
    expect(await a.send("weakduel:queue", { bankSlug: "weak-bank" })).toMatchObject({ ok: true });
    expect(await b.send("weakduel:queue", { bankSlug: "weak-bank" })).toMatchObject({ ok: true });
    const matched = await a.next<{ roomId: string; code: string }>("duel:matched");
    expect((await b.next<{ roomId: string }>("duel:matched")).roomId).toBe(matched.roomId);
    expect(other.of("duel:matched")).toHaveLength(0);
    await other.send("duel:cancel", {});

    const during = await a.send<WeakDuelSummary>("weakduel:summary", { roomId: matched.roomId });
    expect(during).toMatchObject({ ok: true, data: { finished: false } });
    if (!during.ok) throw new Error();
    expect(during.data.topics.map((t) => t.id)).toEqual([topicId.both, topicId.both2]);
    expect(during.data.players.every((p) => p.topics.every((t) => t.after === null))).toBe(true);

    const weak = new Set([...questionsOf.both!, ...questionsOf.both2!]);
    for (let round = 0; round < ROUNDS; round++) {
      const start = await a.next<RoundStartPayload>("round:start", (s) => s.round === round, 15_000);
      expect(weak.has(start.question.id)).toBe(true);
      // Ana right, Ben wrong: their mastery moves apart.
      expect(await a.send("round:answer", { roomId: matched.roomId, round, choiceIds: ["a"] })).toMatchObject({ ok: true });
      expect(await b.send("round:answer", { roomId: matched.roomId, round, choiceIds: ["c"] })).toMatchObject({ ok: true });
    }
    await a.next("room:finished", () => true, 15_000);

    // A player not seated there learns nothing.
    expect(await other.send("weakduel:summary", { roomId: matched.roomId })).toMatchObject({ ok: false, code: "not_in_room" });

    let summary: WeakDuelSummary | null = null;
    for (let i = 0; i < 50 && !summary; i++) {
      const reply = await b.send<WeakDuelSummary>("weakduel:summary", { roomId: matched.roomId });
      if (reply.ok && !reply.data.pending) summary = reply.data;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(summary).not.toBeNull();
    expect(summary!.rounds).toHaveLength(ROUNDS);
    expect(summary!.rounds.every((r) => r.topicId === topicId.both || r.topicId === topicId.both2)).toBe(true);
    const anaRow = summary!.players.find((p) => p.playerKey === `u:${ana.id}`)!;
    const benRow = summary!.players.find((p) => p.playerKey === `u:${ben.id}`)!;
    const both = (row: typeof anaRow) => row.topics.find((t) => t.topicId === topicId.both)!;
    expect(both(anaRow).after!.p).toBeGreaterThan(both(anaRow).before!.p);
    expect(both(benRow).after!.p).toBeLessThan(both(benRow).before!.p);
    expect(both(anaRow).after!.answers).toBe(both(anaRow).before!.answers + 3);
  });
});
