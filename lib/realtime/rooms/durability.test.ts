// The room log's group commit is shared by every room of a process. A reveal that adds
// nothing durable (a round closed by its deadline: the answers are already stored) must not
// wait behind another room's commit, and an acked answer must be in PostgreSQL when acked.
// Real PostgreSQL; the database handle given to the server holds the room-log batches while
// the test says so, as a slow commit of another room would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db";
import type { RevealPayload, RoundResultPayload, RoundStartPayload } from "../engine";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { createUser, seedFixtureBank } from "../../../test/fixtures";
import { connectPlayer, guestToken, startNode, userCookie, type Player, type TestNode } from "./testing";

let database: TestDatabase;
let node: TestNode;
const players: Player[] = [];

/** Room-log batches (the writer's statements) wait while `held` is set; the rest runs. */
const gate = {
  held: null as Promise<void> | null,
  release: () => {},
  /** Batches that arrived while held (observable, so the test waits on state, not on time). */
  waiting: 0,
  hold(): void {
    this.held = new Promise<void>((resolve) => {
      this.release = () => {
        this.held = null;
        resolve();
      };
    });
  },
};

function sqlText(arg: unknown): string {
  if (Array.isArray(arg)) return arg.join("?");
  const sql = arg as { sql?: string; strings?: string[] } | undefined;
  return sql?.sql ?? sql?.strings?.join("?") ?? "";
}

function gated(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === "$queryRaw") {
        const queryRaw = value as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          const held = gate.held;
          if (held && sqlText(args[0]).includes(`INSERT INTO "RoomLog"`)) {
            gate.waiting += 1;
            await held;
          }
          return queryRaw.apply(target, args);
        };
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixtureBank(database.db, { questions: 4 });
  node = await startNode({ db: gated(database.db), nodeId: "node-durability" });
});

afterAll(async () => {
  gate.release();
  for (const p of players) p.close();
  await node.stop();
  await database.drop();
});

async function until(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A presenter's room with two guests, started: its first question (5 s) is open. The second
 * guest never answers, so the round closes at its deadline (the room's timer).
 */
async function roomWith(hostName: string, guestName: string, idleName: string) {
  const hostUser = await createUser(database.db);
  const host = await connectPlayer(node.url, { cookie: await userCookie({ id: hostUser.id, name: hostName }) });
  const guest = await connectPlayer(node.url, { guestToken: guestToken(guestName) });
  const idle = await connectPlayer(node.url, { guestToken: guestToken(idleName) });
  players.push(host, guest, idle);
  const created = await host.send<{ roomId: string; code: string }>("room:create", { bankSlug: "fixture-bank", questionCount: 2, secondsPerQuestion: 5, speedScoring: true, hostPlays: false });
  if (!created.ok) throw new Error(`room:create refused: ${created.code}`);
  expect(await guest.send("room:join", { code: created.data.code })).toMatchObject({ ok: true });
  expect(await idle.send("room:join", { code: created.data.code })).toMatchObject({ ok: true });
  expect(await host.send("room:start", { roomId: created.data.roomId })).toMatchObject({ ok: true });
  const start = await guest.next<RoundStartPayload>("round:start", (s) => s.round === 0, 10_000);
  return { host, guest, roomId: created.data.roomId, start };
}

describe("the room log's group commit and the reveal", () => {
  it("reveals a round closed by its deadline while another room's commit is pending, and an acked answer is stored", { timeout: 40_000 }, async () => {
    // Room A: Ana answers, then the round closes at its deadline. Room B: Ben's answer is in
    // a batch that does not commit until the test releases it.
    const a = await roomWith("Host A", "Ana", "Abe");
    const b = await roomWith("Host B", "Ben", "Bo");

    const choiceIds = a.start.question.type === "multiple" ? ["a", "b"] : ["a"];
    const acked = await a.guest.send<{ round: number }>("round:answer", { roomId: a.roomId, round: 0, choiceIds });
    expect(acked).toMatchObject({ ok: true, data: { round: 0 } });
    // Acked means stored: the row is there now, read outside the server.
    const stored = await database.db.roomAnswer.findMany({ where: { round: { roomId: a.roomId } }, include: { player: true } });
    expect(stored.map((s) => [s.player.nickname, s.choiceIds])).toEqual([["Ana", choiceIds]]);

    gate.hold();
    let benReply: { ok: boolean } | null = null;
    const benChoice = b.start.question.type === "multiple" ? ["c", "d"] : ["b"];
    const benAnswer = b.guest.send("round:answer", { roomId: b.roomId, round: 0, choiceIds: benChoice }, 30_000).then((reply) => (benReply = reply));
    benAnswer.catch(() => {}); // awaited below; a failure before that must not go unhandled
    await until(() => gate.waiting > 0, "room B's batch to be in flight");

    // Room A's deadline passes with Ben's batch still pending: the reveal and Ana's result come anyway.
    const reveal = await a.host.next<RevealPayload>("round:reveal", (r) => r.round === 0, 15_000);
    expect(reveal).toMatchObject({ closeReason: "deadline", answered: 1, noAnswer: 1 });
    const result = await a.guest.next<RoundResultPayload>("round:result", (r) => r.round === 0, 5_000);
    expect(result).toMatchObject({ answered: true, correct: true, rank: 1, players: 2 });
    expect(result.points).toBeGreaterThan(0);
    // Nothing of room B's batch committed meanwhile (the lane really was busy), and Ben has no ack.
    expect(benReply).toBeNull();
    expect(await database.db.roomAnswer.count({ where: { round: { roomId: b.roomId } } })).toBe(0);

    gate.release();
    expect(await benAnswer).toMatchObject({ ok: true });
    expect(await database.db.roomAnswer.count({ where: { round: { roomId: b.roomId } } })).toBe(1);

    // The close itself is durable too once committed: round A scored and closed in the database.
    await node.realtime.rooms.settled();
    const round = await database.db.roomRound.findFirstOrThrow({ where: { roomId: a.roomId, index: 0 } });
    expect(round.closedAt).not.toBeNull();
    const scored = await database.db.roomAnswer.findFirstOrThrow({ where: { roundId: round.id } });
    expect(scored).toMatchObject({ correct: true, points: result.points });
  });
});
