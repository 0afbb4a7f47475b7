// Item statistics on a seeded answer set: answers in practice, mock exams, a live room and a
// ghost race, each learner with a known topic mastery. Expected values are computed here with
// the Pearson correlation of (right 0/1, mastery), which the point-biserial equals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { createUser, seedFixtureBank } from "../../test/fixtures";
import { loadItemStats } from "./data";
import { compareByFlags, itemStats, FLAG_MIN_ANSWERS } from "./math";

let database: TestDatabase;
let bankId: string;

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

// Ten learners: theta, and what they picked on q-01 (key "a") and q-03 (key "a").
const THETAS = [-1.5, -1.0, -0.6, -0.2, 0.0, 0.3, 0.5, 0.9, 1.2, 1.8];
const PICKS_Q1 = ["b", "c", "a", "b", "a", "c", "a", "a", "a", "a"]; // the able ones right: high r
const PICKS_Q3 = ["a", "a", "a", "b", "a", "c", "b", "a", "b", "c"]; // the weak ones right: negative r

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  await seedFixtureBank(database.db, { questions: 6 });
  bankId = (await database.db.questionBank.findFirstOrThrow({ select: { id: true } })).id;
  const q1 = await database.db.question.findFirstOrThrow({ where: { externalId: "q-01" }, select: { id: true, topicId: true } });
  const q3 = await database.db.question.findFirstOrThrow({ where: { externalId: "q-03" }, select: { id: true } });
  const room = await database.db.room.create({ data: { code: "STATS1", kind: "GROUP", bankId, config: {} } });
  const round = await database.db.roomRound.create({ data: { roomId: room.id, index: 0, questionId: q3.id, startsAt: new Date(), deadlineAt: new Date() } });
  for (const [i, theta] of THETAS.entries()) {
    const user = await createUser(database.db);
    await database.db.topicMastery.create({ data: { userId: user.id, topicId: q1.topicId, theta } });
    // q-01: half in practice, half in a mock exam.
    await database.db.attempt.create({
      data: {
        userId: user.id, bankId, mode: i % 2 ? "PRACTICE" : "MOCK_EXAM", status: "SUBMITTED", config: {},
        items: { create: [{ questionId: q1.id, position: 0, selectedChoiceIds: [PICKS_Q1[i]!], correct: PICKS_Q1[i] === "a", answeredAt: new Date(), responseMs: 1000 * (i + 1) }] },
      },
    });
    // q-03: the first five in a live room, the rest in a ghost race.
    if (i < 5) {
      const player = await database.db.roomPlayer.create({ data: { roomId: room.id, playerKey: `u:${user.id}`, userId: user.id, nickname: `p${i}` } });
      await database.db.roomAnswer.create({ data: { roundId: round.id, playerId: player.id, choiceIds: [PICKS_Q3[i]!], correct: PICKS_Q3[i] === "a", responseMs: 2000, answeredAt: new Date() } });
    } else {
      await database.db.ghostRun.create({
        data: {
          userId: user.id, bankId, setKey: "s", questionIds: [q3.id], secondsPerQuestion: 20, startedAt: new Date(),
          answers: { create: [{ questionIndex: 0, questionId: q3.id, choiceIds: [PICKS_Q3[i]!], correct: PICKS_Q3[i] === "a", offsetMs: 3000, responseMs: 3000, points: 0, answeredAt: new Date() }] },
        },
      });
    }
  }
  // A guest's room answer (no learner, no mastery) counts as an answer but not toward discrimination.
  const guest = await database.db.roomPlayer.create({ data: { roomId: room.id, playerKey: "g:x", guestId: "x", nickname: "guest" } });
  await database.db.roomAnswer.create({ data: { roundId: round.id, playerId: guest.id, choiceIds: ["d"], correct: false, responseMs: 2000, answeredAt: new Date() } });
});
afterAll(async () => database.drop());

describe("item statistics from every mode", () => {
  it("give counts, pick rates, median time and point-biserial discrimination to 0.01", async () => {
    const stats = await loadItemStats(bankId);
    const q1 = await database.db.question.findFirstOrThrow({ where: { externalId: "q-01" }, select: { id: true } });
    const q3 = await database.db.question.findFirstOrThrow({ where: { externalId: "q-03" }, select: { id: true } });
    const s1 = stats.get(q1.id)!;
    expect(s1.answered).toBe(10);
    expect(s1.shareCorrect).toBeCloseTo(0.6, 10);
    expect(s1.pickRates).toEqual({ a: 0.6, b: 0.2, c: 0.2, d: 0 });
    expect(s1.medianResponseMs).toBe(5500);
    const r1 = pearson(PICKS_Q1.map((p) => (p === "a" ? 1 : 0)), THETAS);
    expect(r1).toBeCloseTo(0.6271, 3); // checked with Python statistics.correlation
    expect(s1.discrimination!).toBeCloseTo(r1, 2);

    const s3 = stats.get(q3.id)!;
    expect(s3.answered).toBe(11);
    expect(s3.pickRates.d).toBeCloseTo(1 / 11, 10);
    expect(s3.medianResponseMs).toBe(2000);
    const r3 = pearson(PICKS_Q3.map((p) => (p === "a" ? 1 : 0)), THETAS);
    expect(r3).toBeLessThan(0);
    expect(s3.discrimination!).toBeCloseTo(r3, 2);
    // Unanswered questions: zero answers, no discrimination, no flags.
    const other = [...stats.values()].filter((s) => s.answered === 0);
    expect(other).toHaveLength(4);
    expect(other.every((s) => s.discrimination === null && s.flags.length === 0)).toBe(true);
    // Below the minimum sample nothing is flagged, even a negative discrimination.
    expect(s3.flags).toEqual([]);
  });

  it("flag low discrimination and an unpicked distractor once there are enough answers, and sort flagged first", () => {
    const answers = Array.from({ length: FLAG_MIN_ANSWERS }, (_, i) => ({ correct: i % 3 === 0, keys: [i % 3 === 0 ? "a" : "b"], responseMs: 1000, mastery: i % 2 }));
    const flagged = itemStats({ choiceKeys: ["a", "b", "c"], correctKeys: ["a"] }, answers);
    expect(flagged.discrimination!).toBeCloseTo(0, 1);
    expect(flagged.flags).toEqual(["low_discrimination", "unused_distractor"]);
    const good = itemStats({ choiceKeys: ["a", "b"], correctKeys: ["a"] }, answers.map((a) => ({ ...a, correct: a.mastery === 1, keys: [a.mastery === 1 ? "a" : "b"] })));
    expect(good.discrimination).toBeCloseTo(1, 6);
    expect(good.flags).toEqual([]);
    expect([good, flagged].sort(compareByFlags)[0]).toBe(flagged);
  });
});
