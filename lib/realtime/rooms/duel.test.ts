// Duels: a challenge link, matchmaking, and a rematch, end to end against PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinishedPayload, RevealPayload, RoomResultPayload, RoundResultPayload, RoundStartPayload } from "../engine";
import type { RoomJoinView, RoomReviewPayload } from "../events";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { seedFixtureBank } from "../../../test/fixtures";
import { connectPlayer, guestToken, startNode, type Player, type TestNode } from "./testing";

// Auto-advance (1 s, the engine's minimum) dominates a duel's length: keep duels short.
const ROUNDS = 2;
let database: TestDatabase;
let node: TestNode;
const clients: Player[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixtureBank(database.db, { questions: 8 });
  node = await startNode({ db: database.db, nodeId: "node-duel", rooms: { duel: { questionCount: ROUNDS, secondsPerQuestion: 5, countdownMs: 0, autoAdvanceMs: 1000 } } });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await node.stop();
  await database.drop();
});

async function guest(nickname: string) {
  const client = await connectPlayer(node.url, { guestToken: guestToken(nickname) });
  clients.push(client);
  return client;
}

const correctFor = (start: RoundStartPayload) => (start.question.type === "multiple" ? ["a", "b"] : ["a"]);
const wrongFor = (start: RoundStartPayload) => (start.question.type === "multiple" ? ["c", "d"] : ["c"]);

/** Both play every round (a answers right, b wrong); the duel advances on its own. */
async function playDuel(roomId: string, a: Player, b: Player, after = { a: 0, b: 0 }) {
  for (let round = 0; round < ROUNDS; round++) {
    const start = await a.next<RoundStartPayload>("round:start", (s) => s.round === round, 10_000, after.a);
    expect(await a.send("round:answer", { roomId, round, choiceIds: correctFor(start) })).toMatchObject({ ok: true });
    expect(await b.send("round:answer", { roomId, round, choiceIds: wrongFor(start) })).toMatchObject({ ok: true });
    const reveal = await b.next<RevealPayload>("round:reveal", (r) => r.round === round, 10_000, after.b);
    expect(reveal).toMatchObject({ closeReason: "all_answered", answered: 2 });
    expect((await b.next<RoundResultPayload>("round:result", (r) => r.round === round, 10_000, after.b)).correct).toBe(false);
  }
  const finished = await a.next<FinishedPayload>("room:finished", () => true, 10_000, after.a);
  return finished;
}

describe("duels", () => {
  it("a challenge link: the friend joins with the code, the duel starts by itself, advances by itself, ends with results and review; then a rematch", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const challenge = await ana.send<{ roomId: string; code: string }>("duel:challenge", { bankSlug: "fixture-bank" });
    if (!challenge.ok) throw new Error(challenge.code);
    const { roomId, code } = challenge.data;
    const joined = await ben.send<RoomJoinView>("room:join", { code });
    expect(joined).toMatchObject({ ok: true, data: { mode: "duel", roomId } });
    // A duel has two seats.
    expect(await (await guest("Cho")).send("room:join", { code })).toMatchObject({ ok: false });

    const finished = await playDuel(roomId, ana, ben);
    expect(finished.podium.map((e) => e.nickname)).toEqual(["Ana", "Ben"]);
    expect(await ana.next<RoomResultPayload>("room:result")).toMatchObject({ rank: 1, players: 2, correctCount: ROUNDS });
    expect(await ben.next<RoomResultPayload>("room:result")).toMatchObject({ rank: 2, correctCount: 0 });
    const review = await ben.next<RoomReviewPayload>("room:review");
    expect(review.items.map((i) => i.correct)).toEqual([false, false]);
    expect(review.items.every((i) => i.explanation.includes("SECRET-EXPLANATION"))).toBe(true);

    // Only the host (the challenger) can ask for a rematch; both are moved to the new room, which starts at once.
    expect(await ben.send("room:rematch", { roomId })).toMatchObject({ ok: false, code: "not_host" });
    const marks = { a: ana.events.length, b: ben.events.length };
    const again = await ana.send<{ roomId: string; code: string }>("room:rematch", { roomId });
    if (!again.ok) throw new Error(again.code);
    expect(again.data.roomId).not.toBe(roomId);
    expect(await ben.next<{ roomId: string }>("room:rematch")).toEqual(again.data);
    const rejoined = await ben.send<RoomJoinView>("room:rejoin", { roomId: again.data.roomId });
    expect(rejoined).toMatchObject({ ok: true, data: { roomId: again.data.roomId, me: { score: 0 } } });
    const second = await playDuel(again.data.roomId, ana, ben, marks);
    expect(second.roundsPlayed).toBe(ROUNDS);
    const rooms = await database.db.room.findMany({ where: { id: { in: [roomId, again.data.roomId] } } });
    expect(rooms.map((r) => r.kind)).toEqual(["DUEL", "DUEL"]);
    // Every answer of both games is stored, the rematch's first round (open from its creation) included.
    await node.realtime.rooms.settled();
    for (const id of [roomId, again.data.roomId]) {
      expect(await database.db.roomAnswer.count({ where: { round: { roomId: id } } })).toBe(2 * ROUNDS);
    }
  });

  it("matchmaking pairs two players of the same bank into a started duel; a cancelled player is not matched", async () => {
    const eve = await guest("Eve");
    expect(await eve.send("duel:queue", { bankSlug: "fixture-bank" })).toEqual({ ok: true, data: { queued: true } });
    expect(await eve.send("duel:cancel", {})).toEqual({ ok: true, data: null });
    const dan = await guest("Dan");
    const fay = await guest("Fay");
    expect(await dan.send("duel:queue", { bankSlug: "fixture-bank" })).toEqual({ ok: true, data: { queued: true } });
    expect(await fay.send("duel:queue", { bankSlug: "fixture-bank" })).toEqual({ ok: true, data: { queued: true } });
    const matchedDan = await dan.next<{ roomId: string; code: string }>("duel:matched");
    const matchedFay = await fay.next<{ roomId: string; code: string }>("duel:matched");
    expect(matchedFay).toEqual(matchedDan);
    expect(eve.of("duel:matched")).toHaveLength(0);
    const finished = await playDuel(matchedDan.roomId, dan, fay);
    expect(finished.podium[0]!.nickname).toBe("Dan");
    // An unknown bank is refused up front.
    expect(await eve.send("duel:queue", { bankSlug: "no-such-bank" })).toMatchObject({ ok: false, code: "not_found" });
  });
});
