// The authorization matrix against a real PostgreSQL: every action × every role. A refused
// call answers with the right code AND leaves the database exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { codeOf, createUser, seedFixtureBank } from "../../test/fixtures";
import type { Actor } from "./access";
import { exportGroupCsv, loadGroupReport, loadMemberAttempt } from "./data";
import { openGameNow, type RoomOpener } from "./live";
import { createAssignment, createGroup, deleteAssignment, joinGroup, removeMember, rotateJoinCode, setCoTeacher, startAssignment, updateAssignment } from "./mutations";
import type { AssignmentInput } from "./schema";
import { submitExam } from "../exams/mutations";

let database: TestDatabase;
const now = new Date("2026-11-20T10:00:00+09:00");
const labels = { name: "Name", email: "Email", score: "score", band: "80%", status: { not_started: "n", in_progress: "i", submitted: "s", late: "l", missed: "m" }, topicTitle: (t: { ko: string }) => t.ko };

const timed: AssignmentInput = { title: "Week 1", bankSlug: "fixture-bank", topicIds: [], mode: "TIMED", size: 10, examFormat: "short", secondsPerQuestion: 20, openAt: "2026-11-20T09:00", dueAt: "2026-11-21T23:59", latePolicy: "REFUSE" };
const live: AssignmentInput = { ...timed, title: "Friday game", mode: "LIVE", size: 3, openAt: "2026-11-22T20:00", dueAt: undefined };

/** A room service stand-in: writes the Room row a real one would, so the game can be recorded. */
let roomCounter = 0;
function fakeRooms(): RoomOpener & { created: number } {
  const fake = {
    created: 0,
    async createGroupRoom() {
      roomCounter += 1;
      fake.created += 1;
      const bank = await database.db.questionBank.findFirstOrThrow({ select: { id: true } });
      const room = await database.db.room.create({ data: { code: `ROOM${String(roomCounter).padStart(3, "0")}`, kind: "GROUP", bankId: bank.id, config: {} }, select: { id: true, code: true } });
      return { ok: true as const, data: { roomId: room.id, code: room.code } };
    },
    async request() {
      return { ok: true as const, data: null };
    },
  };
  return fake as unknown as RoomOpener & { created: number };
}

type World = {
  owner: Actor; coTeacher: Actor; member: Actor; outsider: Actor; guest: Actor; signedOut: Actor;
  memberId: string; groupId: string; assignmentId: string; liveId: string; attemptId: string;
};

const asActor = (u: { id: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" }): Actor => ({ kind: "user", id: u.id, role: u.role });

/** A class with an owner, a co-teacher, a member who submitted the timed assignment, and a scheduled live game. */
async function world(): Promise<World> {
  const [owner, coTeacher, member, outsider] = await Promise.all([
    createUser(database.db, "INSTRUCTOR"), createUser(database.db, "INSTRUCTOR"), createUser(database.db), createUser(database.db),
  ]);
  const { groupId } = await createGroup(asActor(owner), { name: "SOA 1반", kind: "CLASS", timeZone: "Asia/Seoul" }, now);
  const { joinCode } = await database.db.group.findUniqueOrThrow({ where: { id: groupId }, select: { joinCode: true } });
  await joinGroup(asActor(coTeacher), joinCode, now);
  await joinGroup(asActor(member), joinCode, now);
  await setCoTeacher(asActor(owner), groupId, coTeacher.id, true);
  const { assignmentId } = await createAssignment(asActor(owner), groupId, timed, now);
  const { assignmentId: liveId } = await createAssignment(asActor(owner), groupId, live, now);
  const { attemptId } = await startAssignment(asActor(member), assignmentId, now);
  await submitExam(member.id, attemptId, new Date(now.getTime() + 60_000), { auto: false });
  return { owner: asActor(owner), coTeacher: asActor(coTeacher), member: asActor(member), outsider: asActor(outsider), guest: { kind: "guest" }, signedOut: null, memberId: member.id, groupId, assignmentId, liveId, attemptId };
}

/** Everything an action could touch, as one comparable value. */
async function snapshot(): Promise<string> {
  const [groups, memberships, assignments, attempts, notifications, games, rooms] = await Promise.all([
    database.db.group.findMany({ orderBy: { id: "asc" } }),
    database.db.groupMembership.findMany({ orderBy: [{ groupId: "asc" }, { userId: "asc" }] }),
    database.db.assignment.findMany({ orderBy: { id: "asc" } }),
    database.db.attempt.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, assignmentId: true } }),
    database.db.notification.findMany({ orderBy: { id: "asc" } }),
    database.db.groupGame.findMany({ orderBy: { roomId: "asc" } }),
    database.db.room.count(),
  ]);
  return JSON.stringify({ groups, memberships, assignments, attempts, notifications, games, rooms });
}

const ROLES = ["owner", "coTeacher", "member", "outsider", "guest", "signedOut"] as const;
type Role = (typeof ROLES)[number];
const TEACHERS_ONLY: Record<Role, string> = { owner: "ok", coTeacher: "ok", member: "forbidden", outsider: "not_found", guest: "unauthenticated", signedOut: "unauthenticated" };
const OWNER_ONLY: Record<Role, string> = { ...TEACHERS_ONLY, coTeacher: "forbidden" };

const ACTIONS: { name: string; expected: Record<Role, string>; run: (w: World, actor: Actor) => Promise<unknown> }[] = [
  { name: "view the report", expected: TEACHERS_ONLY, run: (w, a) => loadGroupReport(a, w.groupId, undefined, now) },
  { name: "export the CSV", expected: TEACHERS_ONLY, run: (w, a) => exportGroupCsv(a, w.groupId, "assignments", labels, undefined, now) },
  { name: "create an assignment", expected: TEACHERS_ONLY, run: (w, a) => createAssignment(a, w.groupId, { ...timed, title: "Extra" }, now) },
  { name: "edit an assignment", expected: TEACHERS_ONLY, run: (w, a) => updateAssignment(a, w.assignmentId, { ...timed, title: "Renamed" }, now) },
  { name: "delete an assignment", expected: TEACHERS_ONLY, run: (w, a) => deleteAssignment(a, w.liveId) },
  { name: "remove a member", expected: OWNER_ONLY, run: (w, a) => removeMember(a, w.groupId, w.memberId) },
  { name: "rotate the join code", expected: OWNER_ONLY, run: (w, a) => rotateJoinCode(a, w.groupId) },
  { name: "start the group's live game", expected: TEACHERS_ONLY, run: (w, a) => openGameNow(a, fakeRooms(), w.liveId, now) },
  { name: "read another member's attempt", expected: TEACHERS_ONLY, run: (w, a) => loadMemberAttempt(a, w.groupId, w.attemptId) },
];

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  await seedFixtureBank(database.db, { questions: 12 });
});
afterAll(async () => database.drop());

describe("the groups authorization matrix", () => {
  for (const action of ACTIONS) {
    it(`${action.name}: allowed for ${ROLES.filter((r) => action.expected[r] === "ok").join(" and ")}; refused for everyone else, changing nothing`, async () => {
      const w = await world();
      for (const role of ROLES.filter((r) => action.expected[r] !== "ok")) {
        const before = await snapshot();
        expect(await codeOf(action.run(w, w[role])), `${role}`).toBe(action.expected[role]);
        expect(await snapshot(), `${role} changed the database`).toBe(before);
      }
      for (const role of ROLES.filter((r) => action.expected[r] === "ok")) {
        // A fresh class for each allowed caller: removing or deleting must find its target.
        const fresh = await world();
        expect(await codeOf(action.run(fresh, fresh[role])), `${role}`).toBe("ok");
      }
    });
  }

  it("lets a member read their own data but not another member's attempt, and hides the group's existence from outsiders", async () => {
    const w = await world();
    // The member's own attempt, asked for through the teachers' door: refused.
    expect(await codeOf(loadMemberAttempt(w.member, w.groupId, w.attemptId))).toBe("forbidden");
    // A group id that does not exist and a group the caller is not in answer the same.
    expect(await codeOf(loadGroupReport(w.outsider, "no-such-group", undefined, now))).toBe("not_found");
    expect(await codeOf(loadGroupReport(w.outsider, w.groupId, undefined, now))).toBe("not_found");
    // An attempt of another group cannot be read through this one.
    const other = await world();
    expect(await codeOf(loadMemberAttempt(w.owner, w.groupId, other.attemptId))).toBe("not_found");
  });
});
