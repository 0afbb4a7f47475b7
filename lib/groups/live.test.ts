// A study group's scheduled live game, end to end on the real room service (Socket.IO on a
// random port, real PostgreSQL): the scheduler opens the room at its time, only members take
// seats, the game is played, and its scores reach the group's leaderboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoundStartPayload } from "../realtime/engine";
import { connectPlayer, guestToken, startNode, userCookie, type Player, type TestNode } from "../realtime/rooms/testing";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { createUser, seedFixtureBank } from "../../test/fixtures";
import type { Actor } from "./access";
import { loadGroupOverview } from "./data";
import { createAssignment, createGroup, joinGroup } from "./mutations";
import { LIVE_AUTO_START_MS, utcToZonedLocal } from "./rules";
import { runGroupScheduler } from "./scheduler";

let database: TestDatabase;
let node: TestNode;
const sockets: Player[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  await seedFixtureBank(database.db, { questions: 8 });
  node = await startNode({ db: database.db, nodeId: "node-groups" });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await node.stop();
  await database.drop();
});

async function person(name: string) {
  const user = await createUser(database.db);
  await database.db.user.update({ where: { id: user.id }, data: { name } });
  const socket = await connectPlayer(node.url, { cookie: await userCookie({ id: user.id, name }) });
  sockets.push(socket);
  return { actor: { kind: "user", id: user.id, role: "LEARNER" } as Actor, id: user.id, socket };
}

async function studyGroupWithGame(now: Date) {
  const [owner, ana, ben, outsider] = [await person("Owner"), await person("Ana"), await person("Ben"), await person("Stranger")];
  const { groupId } = await createGroup(owner.actor, { name: "Study", kind: "STUDY_GROUP", timeZone: "Asia/Seoul" }, now);
  const { joinCode } = await database.db.group.findUniqueOrThrow({ where: { id: groupId }, select: { joinCode: true } });
  await joinGroup(ana.actor, joinCode, now);
  await joinGroup(ben.actor, joinCode, now);
  const { assignmentId } = await createAssignment(
    owner.actor, groupId,
    { title: "Friday game", bankSlug: "fixture-bank", topicIds: [], mode: "LIVE", size: 2, examFormat: "short", secondsPerQuestion: 30, openAt: utcToZonedLocal(now, "Asia/Seoul"), latePolicy: "REFUSE" },
    now,
  );
  return { owner, ana, ben, outsider, groupId, assignmentId };
}

const correctFor = (start: RoundStartPayload) => (start.question.type === "multiple" ? ["a", "b"] : ["a"]);

describe("a group's scheduled live game", () => {
  it("opens at its time for the members only, and its scores feed the group's leaderboard", async () => {
    const now = new Date();
    const { owner, ana, ben, outsider, groupId, assignmentId } = await studyGroupWithGame(now);
    // Two processes tick at once: one room.
    const ticks = await Promise.all([
      runGroupScheduler(now, { rooms: node.realtime.rooms, nodeId: "a" }),
      runGroupScheduler(now, { rooms: node.realtime.rooms, nodeId: "b" }),
    ]);
    expect(ticks[0].opened + ticks[1].opened).toBe(1);
    const game = await database.db.groupGame.findUniqueOrThrow({ where: { assignmentId }, select: { room: { select: { code: true, id: true } } } });
    const notices = await database.db.notification.findMany({ where: { assignmentId, kind: "LIVE_GAME_OPEN" }, select: { userId: true, href: true } });
    expect(notices.map((n) => n.userId).sort()).toEqual([ana.id, ben.id].sort());
    expect(notices[0]!.href).toBe(`/play/${game.room.code}`);

    // Not a member, or a guest: no seat.
    expect(await outsider.socket.send("room:join", { code: game.room.code })).toMatchObject({ ok: false, code: "not_in_group" });
    const visitor = await connectPlayer(node.url, { guestToken: guestToken("Visitor") });
    sockets.push(visitor);
    expect(await visitor.send("room:join", { code: game.room.code })).toMatchObject({ ok: false, code: "not_in_group" });

    for (const p of [owner, ana, ben]) expect(await p.socket.send("room:join", { code: game.room.code })).toMatchObject({ ok: true });
    expect(await owner.socket.send("room:start", { roomId: game.room.id })).toMatchObject({ ok: true });
    for (let round = 0; round < 2; round++) {
      const start = await ana.socket.next<RoundStartPayload>("round:start", (s) => s.round === round);
      await ana.socket.send("round:answer", { roomId: game.room.id, round, choiceIds: correctFor(start) });
      await ben.socket.send("round:answer", { roomId: game.room.id, round, choiceIds: ["c"].concat(start.question.type === "multiple" ? ["d"] : []) });
      await owner.socket.send("round:answer", { roomId: game.room.id, round, choiceIds: correctFor(start) });
      await owner.socket.next("round:reveal", (r: { round: number }) => r.round === round, 15_000);
      await owner.socket.send("round:next", { roomId: game.room.id });
    }
    await ana.socket.next("room:finished", () => true, 15_000);
    await node.realtime.rooms.settled();

    const view = await loadGroupOverview(ana.actor, groupId, new Date());
    const points = Object.fromEntries(view.leaderboard.map((r) => [r.userId, r.points]));
    expect(points[ana.id]).toBeGreaterThan(100);
    expect(points[ben.id]).toBe(0);
    expect(view.assignments.find((a) => a.id === assignmentId)?.mine?.status).toBe("submitted");
    // A finished game releases its results.
    await runGroupScheduler(new Date(), { rooms: node.realtime.rooms, nodeId: "a" });
    expect(await database.db.notification.count({ where: { assignmentId, kind: "RESULTS_RELEASED" } })).toBe(3);
  });

  it("starts by itself when the host has not started it a few minutes after it opened", async () => {
    const now = new Date();
    const { ana, assignmentId } = await studyGroupWithGame(now);
    await runGroupScheduler(now, { rooms: node.realtime.rooms, nodeId: "a" });
    const game = await database.db.groupGame.findUniqueOrThrow({ where: { assignmentId }, select: { room: { select: { code: true, id: true } } } });
    await ana.socket.send("room:join", { code: game.room.code });
    const later = new Date(now.getTime() + LIVE_AUTO_START_MS + 60_000);
    const tick = await runGroupScheduler(later, { rooms: node.realtime.rooms, nodeId: "b" });
    expect(tick.started).toBe(1);
    await ana.socket.next<RoundStartPayload>("round:start", (s) => s.round === 0, 15_000);
    // Claimed once: the next tick starts nothing.
    expect((await runGroupScheduler(later, { rooms: node.realtime.rooms, nodeId: "a" })).started).toBe(0);
  });
});
