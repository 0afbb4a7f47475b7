// Groups against a real PostgreSQL: limits under racing joins, the due date held by the exam
// and practice mutations themselves, statuses, the scheduler's notices, reports and CSV.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { CORRECT_KEYS, codeOf, createUser, seedFixtureBank } from "../../test/fixtures";
import { saveExamAnswer, startMockExam, submitExam } from "../exams/mutations";
import { masteryInterval, masteryProbability } from "../mastery";
import { answerPractice } from "../practice/mutations";
import type { Actor } from "./access";
import { exportGroupCsv, loadGroupOverview, loadGroupReport, loadMyAssignments } from "./data";
import { createAssignment, createGroup, joinGroup, leaveGroup, startAssignment } from "./mutations";
import { clearReportCaches, heatCell } from "./reports";
import { MAX_GROUPS_PER_USER, MAX_MEMBERS_PER_GROUP } from "./rules";
import { runGroupScheduler } from "./scheduler";
import type { AssignmentInput } from "./schema";

let database: TestDatabase;
const now = new Date("2026-11-20T10:00:00+09:00");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const asActor = (u: { id: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" }): Actor => ({ kind: "user", id: u.id, role: u.role });
const labels = { name: "이름", email: "Email", score: "점수", band: "(80%)", status: { not_started: "시작 전", in_progress: "진행 중", submitted: "제출", late: "늦게 제출", missed: "미제출" }, topicTitle: (t: { ko: string }) => t.ko };
const base: AssignmentInput = { title: "Week 1", bankSlug: "fixture-bank", topicIds: [], mode: "PRACTICE", size: 4, examFormat: "short", secondsPerQuestion: 20, openAt: "2026-11-20T09:00", dueAt: "2026-11-20T12:00", latePolicy: "REFUSE" };

async function classWith(learners: number, name = "Class") {
  const owner = await createUser(database.db, "INSTRUCTOR");
  const { groupId } = await createGroup(asActor(owner), { name, kind: "CLASS", timeZone: "Asia/Seoul" }, now);
  const { joinCode } = await database.db.group.findUniqueOrThrow({ where: { id: groupId }, select: { joinCode: true } });
  const members = [];
  for (let i = 0; i < learners; i++) {
    const user = await createUser(database.db);
    await joinGroup(asActor(user), joinCode, now);
    members.push(user);
  }
  return { owner, groupId, joinCode, members };
}

async function answerAll(userId: string, attemptId: string, at: Date, right = true) {
  const items = await database.db.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" }, select: { id: true, question: { select: { type: true } } } });
  for (const item of items) await answerPractice(userId, { attemptId, itemId: item.id, choiceKeys: right ? CORRECT_KEYS(item.question.type) : ["c"] }, at);
}

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  await seedFixtureBank(database.db, { questions: 12 });
});
afterAll(async () => database.drop());

describe("limits", () => {
  it("never lets racing joins take a group past 500 members", async () => {
    const { groupId, joinCode } = await classWith(0, "Full");
    const filler = await Promise.all(Array.from({ length: MAX_MEMBERS_PER_GROUP - 2 }, (_, i) => ({ id: `filler-${i}`, email: `filler-${i}@example.com`, name: `F${i}`, passwordHash: "x" })));
    await database.db.user.createMany({ data: filler });
    await database.db.groupMembership.createMany({ data: filler.map((u) => ({ groupId, userId: u.id })) });
    // 499 now (with the owner); five learners race for the last seat.
    const racers = await Promise.all(Array.from({ length: 5 }, () => createUser(database.db)));
    const codes = await Promise.all(racers.map((u) => codeOf(joinGroup(asActor(u), joinCode, now))));
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.filter((c) => c === "limit_reached")).toHaveLength(4);
    expect(await database.db.groupMembership.count({ where: { groupId } })).toBe(MAX_MEMBERS_PER_GROUP);
  });

  it("never lets one learner's racing joins pass 20 groups", async () => {
    const learner = await createUser(database.db);
    const groups = await Promise.all(Array.from({ length: MAX_GROUPS_PER_USER + 2 }, (_, i) => classWith(0, `G${i}`)));
    for (const g of groups.slice(0, MAX_GROUPS_PER_USER - 1)) await joinGroup(asActor(learner), g.joinCode, now);
    const codes = await Promise.all(groups.slice(MAX_GROUPS_PER_USER - 1).map((g) => codeOf(joinGroup(asActor(learner), g.joinCode, now))));
    expect(codes.sort()).toEqual(["limit_reached", "limit_reached", "ok"]);
    expect(await database.db.groupMembership.count({ where: { userId: learner.id } })).toBe(MAX_GROUPS_PER_USER);
  });

  it("refuses a disabled code like a wrong one, and lets only instructors create classes", async () => {
    const { owner, groupId, joinCode } = await classWith(0);
    await database.db.group.update({ where: { id: groupId }, data: { joinEnabled: false } });
    const learner = await createUser(database.db);
    expect(await codeOf(joinGroup(asActor(learner), joinCode, now))).toBe("not_found");
    expect(await codeOf(joinGroup(asActor(learner), "ZZZZZZZZ", now))).toBe("not_found");
    expect(await codeOf(createGroup(asActor(learner), { name: "Mine", kind: "CLASS", timeZone: "Asia/Seoul" }, now))).toBe("forbidden");
    expect(await codeOf(createGroup(asActor(learner), { name: "Ours", kind: "STUDY_GROUP", timeZone: "Asia/Seoul" }, now))).toBe("ok");
    expect(owner.role).toBe("INSTRUCTOR");
  });
});

describe("the due date holds on the server", () => {
  it("refuses starting and answering after the due time under REFUSE, in practice and in exams", async () => {
    const { owner, groupId, members: [early, late] } = await classWith(2);
    const { assignmentId } = await createAssignment(asActor(owner), groupId, base, now);
    const { assignmentId: examId } = await createAssignment(asActor(owner), groupId, { ...base, title: "Exam", mode: "TIMED" }, now);
    const practice = await startAssignment(asActor(early!), assignmentId, now);
    const exam = await startAssignment(asActor(early!), examId, minutes(110));
    // A 17-minute exam started 10 minutes before the due time ends at the due time.
    const examRow = await database.db.attempt.findUniqueOrThrow({ where: { id: exam.attemptId }, select: { deadlineAt: true } });
    expect(examRow.deadlineAt?.toISOString()).toBe(new Date("2026-11-20T03:00:00Z").toISOString());
    const afterDue = minutes(121);
    expect(await codeOf(startAssignment(asActor(late!), assignmentId, afterDue))).toBe("deadline_passed");
    const item = await database.db.attemptItem.findFirstOrThrow({ where: { attemptId: practice.attemptId }, select: { id: true } });
    expect(await codeOf(answerPractice(early!.id, { attemptId: practice.attemptId, itemId: item.id, choiceKeys: ["a"] }, afterDue))).toBe("deadline_passed");
    const examItem = await database.db.attemptItem.findFirstOrThrow({ where: { attemptId: exam.attemptId }, select: { id: true } });
    expect(await codeOf(saveExamAnswer(early!.id, { attemptId: exam.attemptId, itemId: examItem.id, choiceKeys: ["a"] }, afterDue))).toBe("deadline_passed");
    expect(await database.db.attemptItem.count({ where: { attemptId: practice.attemptId, answeredAt: { not: null } } })).toBe(0);
    // Before it opens, nothing starts either.
    const { assignmentId: future } = await createAssignment(asActor(owner), groupId, { ...base, openAt: "2026-11-21T09:00", dueAt: "2026-11-22T09:00" }, now);
    expect(await codeOf(startAssignment(asActor(late!), future, now))).toBe("not_open");
  });

  it("accepts late work under ACCEPT_LATE and marks it late; one attempt per learner even when started twice at once", async () => {
    const { owner, groupId, members: [learner, absent] } = await classWith(2);
    const { assignmentId } = await createAssignment(asActor(owner), groupId, { ...base, latePolicy: "ACCEPT_LATE" }, now);
    const afterDue = minutes(180);
    const [a, b] = await Promise.all([startAssignment(asActor(learner!), assignmentId, afterDue), startAssignment(asActor(learner!), assignmentId, afterDue)]);
    expect(a.attemptId).toBe(b.attemptId);
    await answerAll(learner!.id, a.attemptId, afterDue);
    expect(await codeOf(startAssignment(asActor(learner!), assignmentId, afterDue))).toBe("already_submitted");
    const report = await loadGroupReport(asActor(owner), groupId, undefined, afterDue);
    const results = report.completion.results;
    expect(results[learner!.id]![assignmentId]).toMatchObject({ status: "late", correct: 4, total: 4, points: 200 });
    expect(results[absent!.id]![assignmentId]!.status).toBe("missed");
    // Assignment answers feed mastery like any other answer.
    expect(await database.db.masteryEvent.count({ where: { userId: learner!.id, mode: "ASSIGNMENT" } })).toBe(4);
  });
});

describe("an assignment's timed exam beside the learner's own mock exam", () => {
  it("lets both be open on the same bank at once, each resumed and submitted on its own", async () => {
    const { owner, groupId, members: [learner] } = await classWith(1);
    const own = await startMockExam(learner!.id, "fixture-bank", now, "short");
    const { assignmentId } = await createAssignment(asActor(owner), groupId, { ...base, title: "Timed", mode: "TIMED" }, now);
    const assigned = await startAssignment(asActor(learner!), assignmentId, minutes(1));
    expect(assigned.attemptId).not.toBe(own.attemptId);
    // Each is resumed as itself: the own exam from the exams page, the assignment from the assignment.
    expect(await startMockExam(learner!.id, "fixture-bank", minutes(2), "short")).toEqual({ attemptId: own.attemptId, resumed: true });
    expect((await startAssignment(asActor(learner!), assignmentId, minutes(2))).attemptId).toBe(assigned.attemptId);
    // Submitting the assignment leaves the own exam open, and the reverse.
    await submitExam(learner!.id, assigned.attemptId, minutes(3), { auto: false });
    const open = await database.db.attempt.findMany({ where: { userId: learner!.id, status: "IN_PROGRESS" }, select: { id: true } });
    expect(open.map((a) => a.id)).toEqual([own.attemptId]);
    const report = await loadGroupReport(asActor(owner), groupId, undefined, minutes(3));
    expect(report.completion.results[learner!.id]![assignmentId]!.status).toBe("submitted");
  });
});

describe("a timed assignment's due date, called directly", () => {
  it("under REFUSE: a start, save or submit after the due time changes nothing; the exam stays as it was at the due time", async () => {
    const { owner, groupId, members: [learner, latecomer, submitter] } = await classWith(3);
    const { assignmentId } = await createAssignment(asActor(owner), groupId, { ...base, title: "Timed", mode: "TIMED" }, now);
    const { attemptId } = await startAssignment(asActor(learner!), assignmentId, minutes(115));
    const { attemptId: unsubmitted } = await startAssignment(asActor(submitter!), assignmentId, minutes(115));
    const items = await database.db.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" }, select: { id: true } });
    await saveExamAnswer(learner!.id, { attemptId, itemId: items[0]!.id, choiceKeys: ["a"] }, minutes(119));
    const afterDue = minutes(125);
    expect(await codeOf(startAssignment(asActor(latecomer!), assignmentId, afterDue))).toBe("deadline_passed");
    expect(await database.db.attempt.count({ where: { assignmentId, userId: latecomer!.id } })).toBe(0);
    expect(await codeOf(saveExamAnswer(learner!.id, { attemptId, itemId: items[1]!.id, choiceKeys: ["a"] }, afterDue))).toBe("deadline_passed");
    await submitExam(learner!.id, attemptId, afterDue, { auto: false });
    const attempt = await database.db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true, submittedAt: true, items: { where: { answeredAt: { not: null } }, select: { id: true } } } });
    // Only the answer given before the due time counts, and the attempt closed at the due time.
    expect(attempt.items.map((i) => i.id)).toEqual([items[0]!.id]);
    expect(attempt.status).toBe("SUBMITTED");
    expect(attempt.submittedAt!.getTime()).toBeLessThanOrEqual(minutes(120).getTime());
    // A submit click after the due time, with nothing saved late first: closed as of the due time, not later.
    await submitExam(submitter!.id, unsubmitted, afterDue, { auto: false });
    const closed = await database.db.attempt.findUniqueOrThrow({ where: { id: unsubmitted }, select: { submittedAt: true, autoSubmitted: true } });
    expect(closed.submittedAt!.getTime()).toBeLessThanOrEqual(minutes(120).getTime());
    expect(closed.autoSubmitted).toBe(true);
    const results = (await loadGroupReport(asActor(owner), groupId, undefined, afterDue)).completion.results;
    expect(results[learner!.id]![assignmentId]!.status).toBe("submitted");
    expect(results[latecomer!.id]![assignmentId]!.status).toBe("missed");
  });

  it("under ACCEPT_LATE: a late start, save and submit are taken and marked late", async () => {
    const { owner, groupId, members: [learner] } = await classWith(1);
    const { assignmentId } = await createAssignment(asActor(owner), groupId, { ...base, title: "Timed", mode: "TIMED", latePolicy: "ACCEPT_LATE" }, now);
    const afterDue = minutes(150);
    const { attemptId } = await startAssignment(asActor(learner!), assignmentId, afterDue);
    const item = await database.db.attemptItem.findFirstOrThrow({ where: { attemptId }, orderBy: { position: "asc" }, select: { id: true } });
    await saveExamAnswer(learner!.id, { attemptId, itemId: item.id, choiceKeys: ["a"] }, minutes(151));
    await submitExam(learner!.id, attemptId, minutes(152), { auto: false });
    const results = (await loadGroupReport(asActor(owner), groupId, undefined, minutes(152))).completion.results;
    expect(results[learner!.id]![assignmentId]!.status).toBe("late");
    expect(results[learner!.id]![assignmentId]!.total).toBeGreaterThan(0);
  });
});

describe("reports", () => {
  it("shows every student in the heatmap and the completion list, the most missed question with its most picked wrong choice, and a CSV that matches", async () => {
    const { owner, groupId, members: [done, missing] } = await classWith(2);
    await database.db.user.update({ where: { id: done!.id }, data: { name: 'Kim, "Ace" 김' } });
    await database.db.user.update({ where: { id: missing!.id }, data: { name: "=HYPERLINK(1)" } });
    const { assignmentId } = await createAssignment(asActor(owner), groupId, base, now);
    const { attemptId } = await startAssignment(asActor(done!), assignmentId, now);
    await answerAll(done!.id, attemptId, minutes(5), false);

    const report = await loadGroupReport(asActor(owner), groupId, undefined, minutes(10));
    expect(report.heatmap.students.map((s) => s.userId).sort()).toEqual([done!.id, missing!.id].sort());
    const cellsOf = (userId: string) => report.heatmap.topics.map((_, t) => heatCell(report.heatmap, report.heatmap.students.findIndex((s) => s.userId === userId), t));
    const cells = cellsOf(done!.id);
    expect(cells.filter(Boolean).length).toBeGreaterThan(0);
    // The cells are the mastery model's own numbers (lib/mastery masteryInterval), in per-mille.
    const masteryRows = await database.db.topicMastery.findMany({ where: { userId: done!.id } });
    for (const row of masteryRows) {
      const cell = cells[report.heatmap.topics.findIndex((t) => t.id === row.topicId)]!;
      const state = { ...row, lastAnsweredAt: row.lastAnsweredAt?.toISOString() ?? null };
      const band = masteryInterval(state, { now: minutes(10) });
      expect(cell.mastery).toBeCloseTo(masteryProbability(state), 2);
      expect(cell.low).toBeCloseTo(band.low, 2);
      expect(cell.high).toBeCloseTo(band.high, 2);
    }
    expect(cellsOf(missing!.id).every((cell) => cell === null)).toBe(true);
    expect(report.completion.results[missing!.id]![assignmentId]!.status).toBe("not_started");
    expect(report.missed[0]).toMatchObject({ wrong: 1, answers: 1, topWrongKey: "c", topWrongCount: 1 });
    expect(report.missed[0]!.topWrongText).toMatch(/보기 \d+c/);

    const csv = await exportGroupCsv(asActor(owner), groupId, "assignments", labels, undefined, minutes(10));
    expect(csv.body.startsWith("\uFEFF")).toBe(true);
    expect(csv.body).toContain("\r\n");
    // RFC 4180: a comma or quote in a field is quoted, quotes doubled.
    expect(csv.body).toContain('"Kim, ""Ace"" 김"');
    const rows = parse(csv.body.slice(1)) as string[][];
    expect(rows[0]).toEqual(["이름", "Email", "Week 1", "Week 1 점수"]);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3]]).sort()).toEqual([["'=HYPERLINK(1)", "시작 전", ""], ['Kim, "Ace" 김', "제출", "0/4"]]);
    const heat = parse((await exportGroupCsv(asActor(owner), groupId, "heatmap", labels, undefined, minutes(10))).body.slice(1)) as string[][];
    expect(heat).toHaveLength(3);
  });

  it("shows each cell as the mastery model does (a stale topic's wider band, no answer time, large counts) and the mastery CSV repeats the page's numbers", async () => {
    const { owner, groupId, members: [a, b] } = await classWith(2);
    const topics = await database.db.topic.findMany({ where: { bank: { slug: "fixture-bank" }, questions: { some: { status: "PUBLISHED" } } }, orderBy: { order: "asc" }, select: { id: true, titleKo: true } });
    const [first, second] = topics as [(typeof topics)[0], (typeof topics)[0]];
    const day = 86_400_000;
    const rows = [
      { userId: a!.id, topicId: first.id, theta: 1.3, uncertainty: 0.4, answers: 12, lastAnsweredAt: new Date(now.getTime() - 60 * day) },
      { userId: a!.id, topicId: second.id, theta: -0.7, uncertainty: 0.9, answers: 3, lastAnsweredAt: null },
      { userId: b!.id, topicId: second.id, theta: 0.2, uncertainty: 2.5, answers: 40_000, lastAnsweredAt: new Date(now.getTime() - day) },
      // Never answered: no cell.
      { userId: b!.id, topicId: first.id, theta: 0, uncertainty: 1.5, answers: 0, lastAnsweredAt: null },
    ];
    await database.db.topicMastery.createMany({ data: rows });
    const { heatmap } = await loadGroupReport(asActor(owner), groupId, "fixture-bank", now);
    const cellOf = (userId: string, topicId: string) => heatCell(heatmap, heatmap.students.findIndex((s) => s.userId === userId), heatmap.topics.findIndex((t) => t.id === topicId));
    const perMille = (x: number) => Math.round(x * 1000) / 1000;
    for (const row of rows.filter((r) => r.answers > 0)) {
      const state = { ...row, correctAnswers: 0, lastAnsweredAt: row.lastAnsweredAt?.toISOString() ?? null };
      const band = masteryInterval(state, { now });
      expect(cellOf(row.userId, row.topicId)).toEqual({ mastery: perMille(masteryProbability(state)), low: perMille(band.low), high: perMille(band.high), answers: row.answers });
    }
    expect(cellOf(b!.id, first.id)).toBeNull();
    // Two idle months widen the band beyond the stored uncertainty's.
    const fresh = masteryInterval({ ...rows[0]!, correctAnswers: 0, lastAnsweredAt: now.toISOString() }, { now });
    expect(cellOf(a!.id, first.id)!.low).toBeLessThan(perMille(fresh.low));
    expect(heatmap.topicMeans[second.id]).toEqual({ mastery: (cellOf(a!.id, second.id)!.mastery + cellOf(b!.id, second.id)!.mastery) / 2, learners: 2 });
    expect(heatmap.topicMeans[first.id]).toEqual({ mastery: cellOf(a!.id, first.id)!.mastery, learners: 1 });

    const csv = parse((await exportGroupCsv(asActor(owner), groupId, "heatmap", labels, "fixture-bank", now)).body.slice(1)) as string[][];
    const column = 2 + 2 * heatmap.topics.findIndex((t) => t.id === first.id);
    expect(csv[0]![column]).toBe(first.titleKo);
    const pct = (x: number) => String(Math.round(x * 100));
    for (const [s, student] of heatmap.students.entries()) {
      const line = csv.find((r) => r[1] === student.email)!;
      heatmap.topics.forEach((_, t) => {
        const cell = heatCell(heatmap, s, t);
        expect(line.slice(2 + 2 * t, 4 + 2 * t)).toEqual(cell ? [pct(cell.mastery), `${pct(cell.low)}-${pct(cell.high)}`] : ["", ""]);
      });
    }
    expect(csv.find((r) => r[1] === b!.email)!.slice(column, column + 2)).toEqual(["", ""]);
  });

  it("shows what changed since the last load (new answers, a re-scored θ, a submission, members joining and leaving, a new assignment) exactly as a first load would", async () => {
    const { owner, groupId, joinCode, members: [a, b, c] } = await classWith(3);
    const { assignmentId } = await createAssignment(asActor(owner), groupId, base, now);
    const first = await startAssignment(asActor(a!), assignmentId, now);
    await answerAll(a!.id, first.attemptId, minutes(5));
    const report = () => loadGroupReport(asActor(owner), groupId, "fixture-bank", minutes(30));
    const cold = async () => {
      clearReportCaches();
      return report();
    };
    const comparable = (r: Awaited<ReturnType<typeof report>>) => ({ heatmap: r.heatmap, completion: r.completion });
    expect(comparable(await report())).toEqual(comparable(await cold()));

    // b answers and submits; a's mastery is re-scored without a new answer; c leaves, d joins.
    const second = await startAssignment(asActor(b!), assignmentId, minutes(6));
    await answerAll(b!.id, second.attemptId, minutes(7), false);
    const rescored = await database.db.topicMastery.findFirstOrThrow({ where: { userId: a!.id } });
    await database.db.topicMastery.update({ where: { userId_topicId: { userId: a!.id, topicId: rescored.topicId } }, data: { theta: rescored.theta - 1.5 } });
    await leaveGroup(asActor(c!), groupId);
    const d = await createUser(database.db);
    await joinGroup(asActor(d), joinCode, minutes(8));
    const after = await report();
    expect(after.heatmap.students.map((s) => s.userId).sort()).toEqual([a!.id, b!.id, d.id].sort());
    const bRow = after.heatmap.students.findIndex((s) => s.userId === b!.id);
    expect(after.heatmap.topics.some((_, t) => heatCell(after.heatmap, bRow, t))).toBe(true);
    const aRow = after.heatmap.students.findIndex((s) => s.userId === a!.id);
    const aCell = heatCell(after.heatmap, aRow, after.heatmap.topics.findIndex((t) => t.id === rescored.topicId))!;
    expect(aCell.mastery).toBeCloseTo(masteryProbability({ ...rescored, theta: rescored.theta - 1.5, lastAnsweredAt: null }), 2);
    expect(after.completion.results[b!.id]![assignmentId]!.status).toBe("submitted");
    expect(comparable(after)).toEqual(comparable(await cold()));

    // A new assignment is a new column for everyone.
    await report();
    const { assignmentId: next } = await createAssignment(asActor(owner), groupId, { ...base, title: "Week 2" }, now);
    const withNext = await report();
    expect(withNext.completion.assignments.map((x) => x.id)).toContain(next);
    expect(withNext.completion.results[a!.id]![next]!.status).toBe("not_started");
    expect(comparable(withNext)).toEqual(comparable(await cold()));
  });

  it("gives members their own results, the season leaderboard and the dashboard list, never others' details", async () => {
    const { owner, groupId, members: [first, second] } = await classWith(2);
    const { assignmentId } = await createAssignment(asActor(owner), groupId, base, now);
    const { attemptId } = await startAssignment(asActor(first!), assignmentId, now);
    await answerAll(first!.id, attemptId, minutes(5));
    const view = await loadGroupOverview(asActor(second!), groupId, minutes(6));
    expect(view.members).toEqual([]);
    expect(view.group.joinCode).toBeNull();
    expect(view.assignments[0]!.mine?.status).toBe("not_started");
    expect(view.leaderboard[0]).toMatchObject({ userId: first!.id, points: 400, rank: 1 });
    expect(view.leaderboard.map((r) => r.userId)).not.toContain(owner.id);
    const mine = await loadMyAssignments(asActor(first!), minutes(6));
    expect(mine).toEqual([expect.objectContaining({ id: assignmentId, status: "submitted", correct: 4, total: 4 })]);
  });
});

describe("the scheduler", () => {
  it("tells members once that work is due within 24 h (not those who submitted), and releases results after the due time", async () => {
    const { owner, groupId, members: [submitter, waiting] } = await classWith(2);
    const { assignmentId } = await createAssignment(asActor(owner), groupId, base, now);
    const { attemptId } = await startAssignment(asActor(submitter!), assignmentId, now);
    await answerAll(submitter!.id, attemptId, minutes(1));
    // Rows that never qualify for a "due soon" notice (live games, work already past due) must not crowd it out.
    const bank = await database.db.questionBank.findFirstOrThrow({ select: { id: true } });
    const filler = (mode: "LIVE" | "PRACTICE", dueAt: Date) => Array.from({ length: 25 }, (_, i) => ({
      groupId, bankId: bank.id, title: `filler ${mode} ${i}`, topicIds: [], size: 1, mode, openAt: minutes(-600), dueAt, createdById: owner.id, resultsReleasedAt: minutes(-1),
    }));
    await database.db.assignment.createMany({ data: [...filler("PRACTICE", minutes(-300)), ...filler("LIVE", minutes(-200))] });
    // Two processes ticking at once.
    await Promise.all([runGroupScheduler(minutes(2), { rooms: undefined, nodeId: "a" }), runGroupScheduler(minutes(2), { rooms: undefined, nodeId: "b" })]);
    const dueSoon = await database.db.notification.findMany({ where: { assignmentId, kind: "ASSIGNMENT_DUE_SOON" }, select: { userId: true } });
    expect(dueSoon.map((n) => n.userId)).toEqual([waiting!.id]);
    expect(await database.db.notification.count({ where: { assignmentId, kind: "ASSIGNMENT_NEW" } })).toBe(2);
    expect(await database.db.notification.count({ where: { assignmentId, kind: "RESULTS_RELEASED" } })).toBe(0);
    await runGroupScheduler(minutes(125), { rooms: undefined, nodeId: "a" });
    await runGroupScheduler(minutes(126), { rooms: undefined, nodeId: "b" });
    expect(await database.db.notification.count({ where: { assignmentId, kind: "RESULTS_RELEASED" } })).toBe(2);
  });
});
