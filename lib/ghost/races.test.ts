import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { createUser, seedFixtureBank } from "../../test/fixtures";
import { answerRace, loadRace, RaceError, recentRuns, startRace, timeoutAt, upcomingGhostEvents, type RaceView } from "./races";

let database: TestDatabase;
const t0 = new Date("2026-12-04T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const topicsSet = { kind: "topics" as const, bankSlug: "fixture-bank", topicIds: [] as string[], size: 3, secondsPerQuestion: 20 };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixtureBank(database.db, { questions: 8 });
});
afterAll(async () => database.drop());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof RaceError ? error.code : String(error);
  }
}

/** The fixture's correct keys: "a", plus "b" on a choose-two question. */
function rightChoices(view: RaceView): string[] {
  return view.current!.type === "multiple" ? ["a", "b"] : ["a"];
}

function wrongChoices(view: RaceView): string[] {
  return view.current!.type === "multiple" ? ["c", "d"] : ["c"];
}

/** Plays a run: question i answered at `plan[i]` ms (right or wrong), or left to time out (null). */
async function playRun(userId: string, start: Date, plan: ({ ms: number; right: boolean } | null)[], ghost: Parameters<typeof startRace>[2]["ghost"] = { kind: "none" }, set: Parameters<typeof startRace>[2]["set"] = topicsSet) {
  let view = await startRace(database.db, userId, { set, ghost }, start);
  for (const step of plan) {
    if (!step) continue;
    const choices = step.right ? rightChoices(view) : wrongChoices(view);
    view = (await answerRace(database.db, userId, { runId: view.runId, questionIndex: view.current!.index, choiceIds: choices }, new Date(start.getTime() + step.ms))).view;
  }
  return view;
}

describe("ghost races (PostgreSQL)", () => {
  it("stores a first run: speed-weighted points, a timeout settled from the clock, every answer fed to mastery and review", async () => {
    const user = await createUser(database.db);
    let view = await startRace(database.db, user.id, { set: topicsSet, ghost: { kind: "none" } }, t0);
    expect(view.current).toMatchObject({ index: 0, opensAtMs: 0, deadlineMs: 20_000 });
    // The open question carries no key.
    expect(JSON.stringify(view.current)).not.toMatch(/correct/i);
    expect(timeoutAt(view)).toBe(t0.getTime() + 20_500);

    const first = await answerRace(database.db, user.id, { runId: view.runId, questionIndex: 0, choiceIds: rightChoices(view) }, at(2_000));
    expect(first).toMatchObject({ correct: true, points: 950 });
    view = first.view;
    expect(view.current).toMatchObject({ index: 1, opensAtMs: 2_000, deadlineMs: 22_000 });
    const second = await answerRace(database.db, user.id, { runId: view.runId, questionIndex: 1, choiceIds: wrongChoices(view) }, at(5_000));
    expect(second).toMatchObject({ correct: false, points: 0 });
    // The same question again, or a later one, is refused: each closes once.
    expect(await codeOf(answerRace(database.db, user.id, { runId: view.runId, questionIndex: 1, choiceIds: ["a"] }, at(5_100)))).toBe("question_closed");

    // Question 2 opened at 5 s; its 20 s run out (plus the grace) while nobody asked: a reload finds it closed.
    expect((await loadRace(database.db, user.id, view.runId, at(25_400))).finished).toBe(false);
    view = await loadRace(database.db, user.id, view.runId, at(25_600));
    expect(view.finished).toBe(true);
    expect(view.closed.map((c) => [c.questionIndex, c.offsetMs, c.correct, c.timedOut, c.points])).toEqual([
      [0, 2_000, true, false, 950],
      [1, 5_000, false, false, 0],
      [2, 25_000, false, true, 0],
    ]);
    const run = await database.db.ghostRun.findUniqueOrThrow({ where: { id: view.runId } });
    expect(run.totalPoints).toBe(950);
    expect(run.finishedAt).toEqual(at(25_000));

    // Answers (not the timeout) moved mastery and review, as any live answer does.
    const events = await database.db.masteryEvent.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.mode, e.correct, e.createdAt.getTime() - t0.getTime()])).toEqual([["LIVE", true, 2_000], ["LIVE", false, 5_000]]);
    expect(await database.db.reviewCard.count({ where: { userId: user.id } })).toBe(2);
    expect(await database.db.topicMastery.count({ where: { userId: user.id } })).toBeGreaterThan(0);
  });

  it("races the learner's own last run: the ghost is that run's timeline, revealed only as the clock passes it, then compared per question", async () => {
    const user = await createUser(database.db);
    await playRun(user.id, t0, [{ ms: 3_000, right: true }, { ms: 7_000, right: true }, { ms: 12_000, right: false }]);

    const start = at(60_000);
    let view = await startRace(database.db, user.id, { set: { kind: "last" }, ghost: { kind: "self" } }, start);
    expect(view.ghost).toMatchObject({ kind: "self", runs: 1, passed: [], finishedAtMs: 12_000 });
    const upcoming = await upcomingGhostEvents(database.db, user.id, view.runId, start);
    expect(upcoming.events.map((e) => [e.index, e.offsetMs, e.correct])).toEqual([[0, 3_000, true], [1, 7_000, true], [2, 12_000, false]]);
    // Resumed after 7.5 s: the ghost's first two questions are behind it, the third still to come.
    expect((await loadRace(database.db, user.id, view.runId, new Date(start.getTime() + 7_500))).ghost!.passed.map((e) => e.index)).toEqual([0, 1]);
    expect((await upcomingGhostEvents(database.db, user.id, view.runId, new Date(start.getTime() + 7_500))).events.map((e) => e.index)).toEqual([2]);

    for (const [i, ms] of [[0, 2_000], [1, 8_000], [2, 10_000]] as const) {
      view = (await answerRace(database.db, user.id, { runId: view.runId, questionIndex: i, choiceIds: rightChoices(view) }, new Date(start.getTime() + ms))).view;
    }
    expect(view.finished).toBe(true);
    expect(view.result!.questions.map((q) => [q.yourMs, q.ghostMs, q.gainedMs, q.leadMs])).toEqual([
      [2_000, 3_000, 1_000, 1_000],
      [6_000, 4_000, -2_000, -1_000],
      [2_000, 5_000, 3_000, 2_000],
    ]);
    expect(view.result!.yourTotal).toBeGreaterThan(view.result!.ghostTotal);
    expect((await recentRuns(database.db, user.id)).map((r) => r.ghostKind)).toEqual(["self", null]);
  });

  it("races a study group's median; only members may, and a set nobody finished has no ghost", async () => {
    const [a, b, c, outsider] = await Promise.all([createUser(database.db), createUser(database.db), createUser(database.db), createUser(database.db)]);
    const group = await database.db.group.create({
      data: { name: "Study", kind: "STUDY_GROUP", ownerId: a.id, joinCode: `G${Date.now()}`, members: { create: [{ userId: a.id, role: "OWNER" }, { userId: b.id }, { userId: c.id }] } },
    });
    const set = { ...topicsSet, size: 2 };
    expect(await codeOf(startRace(database.db, a.id, { set, ghost: { kind: "group", groupId: group.id } }, t0))).toBe("no_ghost_run");
    await playRun(a.id, t0, [{ ms: 1_000, right: true }, { ms: 4_000, right: true }], { kind: "none" }, set);
    await playRun(b.id, t0, [{ ms: 3_000, right: false }, { ms: 5_000, right: true }], { kind: "none" }, set);
    // An older, slower run of member c does not vote: only each member's latest.
    await playRun(c.id, new Date(t0.getTime() - 3_600_000), [{ ms: 15_000, right: false }, { ms: 19_000, right: false }], { kind: "none" }, set);
    await playRun(c.id, t0, [{ ms: 2_000, right: true }, { ms: 9_000, right: false }], { kind: "none" }, set);
    const outsiderRun = await playRun(outsider.id, t0, [{ ms: 100, right: true }, { ms: 200, right: true }], { kind: "none" }, set);
    expect(outsiderRun.finished).toBe(true);

    expect(await codeOf(startRace(database.db, outsider.id, { set, ghost: { kind: "group", groupId: group.id } }, at(100_000)))).toBe("not_a_member");
    const view = await startRace(database.db, b.id, { set, ghost: { kind: "group", groupId: group.id } }, at(100_000));
    expect(view.ghost).toMatchObject({ kind: "group", runs: 3 });
    const { events } = await upcomingGhostEvents(database.db, b.id, view.runId, at(100_000));
    expect(events.map((e) => [e.offsetMs, e.correct])).toEqual([[2_000, true], [5_000, true]]);
  });

  it("closes a question once when two tabs answer it at the same moment", async () => {
    const user = await createUser(database.db);
    const view = await startRace(database.db, user.id, { set: topicsSet, ghost: { kind: "none" } }, t0);
    const both = await Promise.all([1, 2].map(() => codeOf(answerRace(database.db, user.id, { runId: view.runId, questionIndex: 0, choiceIds: rightChoices(view) }, at(1_000)))));
    expect(both.sort()).toEqual(["ok", "question_closed"]);
    expect(await database.db.ghostRunAnswer.count({ where: { runId: view.runId } })).toBe(1);
    expect(await database.db.masteryEvent.count({ where: { userId: user.id } })).toBe(1);
  });

  it("keeps runs private and refuses a replay before any finished run", async () => {
    const [owner, other] = await Promise.all([createUser(database.db), createUser(database.db)]);
    expect(await codeOf(startRace(database.db, owner.id, { set: { kind: "last" }, ghost: { kind: "none" } }, t0))).toBe("no_last_run");
    expect(await codeOf(startRace(database.db, owner.id, { set: topicsSet, ghost: { kind: "self" } }, t0))).toBe("no_ghost_run");
    const view = await startRace(database.db, owner.id, { set: topicsSet, ghost: { kind: "none" } }, t0);
    expect(await codeOf(loadRace(database.db, other.id, view.runId, t0))).toBe("not_found");
    expect(await codeOf(answerRace(database.db, other.id, { runId: view.runId, questionIndex: 0, choiceIds: ["a"] }, t0))).toBe("not_found");
    expect(await codeOf(answerRace(database.db, owner.id, { runId: view.runId, questionIndex: 0, choiceIds: ["zz"] }, t0))).toBe("invalid_choice");
  });
});
