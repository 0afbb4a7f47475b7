// Two server processes sharing rooms through Redis (the Socket.IO adapter, forwarding to the
// owner) and one PostgreSQL; then the owner dies mid-round without a hand-off and the other
// process takes the room over from the database and finishes the game.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import type { FinishedPayload, RevealPayload, RoomResultPayload, RoundResultPayload, RoundStartPayload } from "../engine";
import type { RoomJoinView, RoomReviewPayload } from "../events";
import { createDb, type Db } from "../../db";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { createUser, seedFixtureBank } from "../../../test/fixtures";
import type { BusTiming } from "./cluster";
import { connectPlayer, guestToken, startNode, userCookie, type Player, type TestNode } from "./testing";

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)("two processes over Redis (needs REDIS_URL: the test script starts a redis-server)", () => {
  let database: TestDatabase;
  let nodeA: TestNode;
  let nodeB: TestNode;
  const clients: Player[] = [];
  /** What each process received over the room bus, timed (RealtimeOptions.onBusTiming). */
  const timings: Record<"a" | "b", BusTiming[]> = { a: [], b: [] };
  /** B's own database client, counting the ownership claims (store.ts claimRoom) B runs, by room id. */
  let dbB: Db;
  const claimsByB = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedFixtureBank(database.db, { questions: 8 });
    nodeA = await startNode({ db: database.db, nodeId: "node-a", redisUrl, onBusTiming: (t) => timings.a.push(t) });
    dbB = createDb(database.url);
    const queryRaw = dbB.$queryRaw.bind(dbB);
    dbB.$queryRaw = ((strings: TemplateStringsArray, ...values: unknown[]) => {
      if (Array.isArray(strings) && strings.join("?").includes("WITH claimed AS")) for (const v of values) if (typeof v === "string") claimsByB.set(v, (claimsByB.get(v) ?? 0) + 1);
      return queryRaw(strings, ...values);
    }) as typeof dbB.$queryRaw;
    nodeB = await startNode({ db: dbB, nodeId: "node-b", redisUrl, onBusTiming: (t) => timings.b.push(t) });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await nodeA?.stop();
    await nodeB?.stop();
    await dbB?.$disconnect();
    await database?.drop();
  });

  const correctFor = (start: RoundStartPayload) => (start.question.type === "multiple" ? ["a", "b"] : ["a"]);

  async function on(node: TestNode, auth: { cookie?: string; guestToken?: string }) {
    const client = await connectPlayer(node.url, auth);
    clients.push(client);
    return client;
  }

  /** A signed-in host on A and a one-question room of theirs, with its players on the given processes. */
  async function roomOnA(players: [TestNode, string, string][]) {
    const hostUser = await createUser(database.db);
    const host = await on(nodeA, { cookie: await userCookie({ id: hostUser.id, name: "Host" }) });
    const joined = await Promise.all(players.map(([node, nickname, id]) => on(node, { guestToken: guestToken(nickname, id) })));
    const created = await host.send<{ roomId: string; code: string }>("room:create", { bankSlug: "fixture-bank", questionCount: 1, secondsPerQuestion: 30, speedScoring: true, hostPlays: false });
    if (!created.ok) throw new Error(created.code);
    const { roomId, code } = created.data;
    for (const p of joined) expect(await p.send("room:join", { code })).toMatchObject({ ok: true });
    return { host, players: joined, roomId };
  }

  it("sends a player's personal messages over Redis only when the player is on the other process", async () => {
    // Every Socket.IO adapter message, by channel: a one-socket channel names the socket's id.
    const watcher = createClient({ url: redisUrl });
    await watcher.connect();
    const channels: string[] = [];
    await watcher.pSubscribe("socket.io#*", (_message, channel) => channels.push(channel));
    // The room bus: its broadcasts and the batches of personal messages, in one ordered stream.
    const bus: { broadcast?: { channel: string; event: string }; items?: { socketIds: string[]; event: string }[] }[] = [];
    await watcher.subscribe("sa:rooms:deliver", (message) => bus.push(JSON.parse(message) as (typeof bus)[number]));
    try {
      const { host, players: [ana, ben], roomId } = await roomOnA([[nodeA, "Ana", "ana-local"], [nodeB, "Ben", "ben-remote"]]);
      if (!ana || !ben) throw new Error("two players");
      await host.send("room:start", { roomId });
      const start = await ana.next<RoundStartPayload>("round:start", (s) => s.round === 0);
      for (const p of [ana, ben]) expect(await p.send("round:answer", { roomId, round: 0, choiceIds: correctFor(start) })).toMatchObject({ ok: true });
      // Both get their own result: Ana's from A's sockets, Ben's carried to B.
      for (const p of [ana, ben]) expect(await p.next<RoundResultPayload>("round:result", (r) => r.round === 0)).toMatchObject({ answered: true, correct: true });
      await host.next<RevealPayload>("round:reveal", (r) => r.round === 0);
      // The room's broadcasts crossed Redis on the room bus; no one-socket adapter message did
      // (personal messages went to the local socket, or in the bus's batch: Ben's result only).
      expect(bus.filter((m) => m.broadcast?.channel.includes(roomId)).map((m) => m.broadcast?.event)).toEqual(expect.arrayContaining(["round:start", "round:reveal"]));
      const batched = bus.flatMap((m) => (m.items ?? []).filter((i) => i.event === "round:result").flatMap((i) => i.socketIds));
      expect(batched).toEqual([ben.socket.id]);
      const perSocket = channels.filter((c) => [host, ana, ben].some((p) => p.socket.id && c.includes(p.socket.id)));
      expect(perSocket).toEqual([]);
      // B timed what reached it over the bus, from A's PUBLISH to its sockets' frames; A, the
      // owner, received none of its own messages back.
      const atB = timings.b.map(({ kind, event, count }) => ({ kind, event, count }));
      expect(atB).toEqual(expect.arrayContaining([
        { kind: "broadcast", event: "round:start", count: 1 },
        { kind: "broadcast", event: "round:reveal", count: 1 },
        { kind: "deliveries", event: "round:result", count: 1 },
      ]));
      for (const t of timings.b) {
        expect(t.transitMs).toBeGreaterThanOrEqual(0);
        expect(t.lagMs).toBeGreaterThanOrEqual(t.transitMs);
      }
      expect(timings.a.filter((t) => t.event.startsWith("round:"))).toEqual([]);
    } finally {
      await watcher.quit();
    }
  });

  it("looks a room's owner up in PostgreSQL once, then forwards that room's requests straight to it", async () => {
    // Dee, on A, never answers: the round stays open.
    const { host, players: [cy], roomId } = await roomOnA([[nodeB, "Cy", "cy-remote"], [nodeA, "Dee", "dee-local"]]);
    if (!cy) throw new Error("a player");
    await host.send("room:start", { roomId });
    const start = await cy.next<RoundStartPayload>("round:start", (s) => s.round === 0);
    // Eleven requests cross to A: a join and ten answers (the first counts, A refuses the rest as duplicates).
    const replies = [];
    for (let i = 0; i < 10; i++) replies.push(await cy.send("round:answer", { roomId, round: 0, choiceIds: correctFor(start) }));
    expect(replies[0]).toMatchObject({ ok: true });
    expect(replies.slice(1)).toEqual(Array(9).fill({ ok: false, code: "duplicate" }));
    // B asked who owns the room for the join (and once more at most, had a second passed).
    expect(claimsByB.get(roomId)).toBeGreaterThanOrEqual(1);
    expect(claimsByB.get(roomId)).toBeLessThanOrEqual(2);
  });

  it("plays one room with players on both processes, and finishes it on B after A dies mid-round", async () => {
    const hostUser = await createUser(database.db);
    const hostAuth = { cookie: await userCookie({ id: hostUser.id, name: "Host" }) };
    const anaAuth = { guestToken: guestToken("Ana", "ana-a") };
    const benAuth = { guestToken: guestToken("Ben", "ben-b") };
    const choAuth = { guestToken: guestToken("Cho", "cho-b") };
    const host = await on(nodeA, hostAuth);
    const ana = await on(nodeA, anaAuth);
    const ben = await on(nodeB, benAuth);
    const cho = await on(nodeB, choAuth);

    const created = await host.send<{ roomId: string; code: string }>("room:create", { bankSlug: "fixture-bank", questionCount: 3, secondsPerQuestion: 30, speedScoring: true, hostPlays: false });
    if (!created.ok) throw new Error(created.code);
    const { roomId, code } = created.data;
    expect(nodeA.realtime.rooms.ownedRoomIds()).toContain(roomId);
    for (const p of [ana, ben, cho]) expect(await p.send<RoomJoinView>("room:join", { code })).toMatchObject({ ok: true, data: { roomId } });
    // B forwarded its players' joins to A, the owner.
    expect(nodeB.realtime.rooms.ownedRoomIds()).not.toContain(roomId);

    await host.send("room:start", { roomId });
    let start = await ben.next<RoundStartPayload>("round:start", (s) => s.round === 0);
    for (const p of [ana, ben, cho]) expect(await p.send("round:answer", { roomId, round: 0, choiceIds: correctFor(start) })).toMatchObject({ ok: true });
    const reveal0 = await cho.next<RevealPayload>("round:reveal", (r) => r.round === 0);
    expect(reveal0.answered).toBe(3);
    await host.send("round:next", { roomId });
    start = await ben.next<RoundStartPayload>("round:start", (s) => s.round === 1);
    // Ben (on B) answers round 1; the ack means it is stored in PostgreSQL.
    expect(await ben.send("round:answer", { roomId, round: 1, choiceIds: correctFor(start) })).toMatchObject({ ok: true });

    // A crashes: sockets, timers, Redis connections gone; no lease released, no hand-off.
    await nodeA.stop(false);
    host.close();
    ana.close();

    // The host and Ana reconnect to B and rejoin: B claims the room once A's lease expires.
    const host2 = await on(nodeB, hostAuth);
    const ana2 = await on(nodeB, anaAuth);
    const hostView = await host2.send<RoomJoinView>("room:rejoin", { roomId });
    expect(hostView).toMatchObject({ ok: true, data: { phase: "question", round: { round: 1, status: "open" } } });
    expect(nodeB.realtime.rooms.ownedRoomIds()).toContain(roomId);
    const anaView = await ana2.send<RoomJoinView>("room:rejoin", { roomId });
    expect(anaView.ok && anaView.data.me.score).toBeGreaterThan(0);
    // Ben's answer from before the crash survived: a second one is a duplicate.
    expect(await ben.send("round:answer", { roomId, round: 1, choiceIds: correctFor(start) })).toMatchObject({ ok: false, code: "duplicate" });

    for (const p of [ana2, cho]) expect(await p.send("round:answer", { roomId, round: 1, choiceIds: correctFor(start) })).toMatchObject({ ok: true });
    const reveal1 = await host2.next<RevealPayload>("round:reveal", (r) => r.round === 1);
    expect(reveal1).toMatchObject({ answered: 3, closeReason: "all_answered" });
    await host2.send("round:next", { roomId });
    start = await cho.next<RoundStartPayload>("round:start", (s) => s.round === 2);
    for (const p of [ana2, ben, cho]) await p.send("round:answer", { roomId, round: 2, choiceIds: correctFor(start) });
    await host2.next("round:reveal", (r: RevealPayload) => r.round === 2);
    await host2.send("round:next", { roomId });

    const finished = await ben.next<FinishedPayload>("room:finished");
    expect(finished).toMatchObject({ reason: "completed", roundsPlayed: 3 });
    expect(finished.leaderboard.map((e) => e.nickname).sort()).toEqual(["Ana", "Ben", "Cho"]);
    expect(finished.leaderboard.every((e) => e.correctCount === 3)).toBe(true);
    const benResult = await ben.next<RoomResultPayload>("room:result");
    expect(benResult.correctCount).toBe(3);
    expect((await ana2.next<RoomReviewPayload>("room:review")).items).toHaveLength(3);

    await nodeB.realtime.rooms.settled();
    const rows = await database.db.roomAnswer.findMany({ where: { round: { roomId } } });
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.correct === true)).toBe(true);
    const dbRoom = await database.db.room.findUniqueOrThrow({ where: { id: roomId } });
    expect(dbRoom).toMatchObject({ phase: "FINISHED", ownerNode: "node-b" });
  });

  it("a room whose owner died keeps its clock: the takeover re-arms the pending timer with nobody asking", async () => {
    const nodeC = await startNode({ db: database.db, nodeId: "node-c", redisUrl });
    const ana = await on(nodeC, { guestToken: guestToken("Ana", "ana-c") });
    const ben = await on(nodeB, { guestToken: guestToken("Ben", "ben-c") });
    // A duel: autoStart when both seats are taken, then auto-advance between rounds.
    const challenge = await ana.send<{ roomId: string; code: string }>("duel:challenge", { bankSlug: "fixture-bank" });
    if (!challenge.ok) throw new Error(challenge.code);
    expect(await ben.send("room:join", { code: challenge.data.code })).toMatchObject({ ok: true });
    const start = await ben.next<RoundStartPayload>("round:start", (s) => s.round === 0);
    await ben.send("round:answer", { roomId: challenge.data.roomId, round: 0, choiceIds: correctFor(start) });
    await nodeC.stop(false);
    // Ana is gone; nobody sends anything. B's takeover loop claims the room, marks Ana
    // offline (her socket died with C), and Ben having answered, the round closes.
    const reveal = await ben.next<RevealPayload>("round:reveal", (r) => r.round === 0, 15_000);
    expect(reveal.answered).toBe(1);
    expect(nodeB.realtime.rooms.ownedRoomIds()).toContain(challenge.data.roomId);
  });
});
