// With Redis, room limits are one budget per key across processes: what a player spent on
// one process is spent on the other too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { createUser, seedFixtureBank } from "../../../test/fixtures";
import { connectPlayer, guestToken, startNode, userCookie, type Player, type TestNode } from "./testing";

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)("room limits shared over Redis (needs REDIS_URL: the test script starts a redis-server)", () => {
  let database: TestDatabase;
  let nodeA: TestNode;
  let nodeB: TestNode;
  const clients: Player[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedFixtureBank(database.db, { questions: 4 });
    nodeA = await startNode({ db: database.db, nodeId: "limits-a", redisUrl });
    nodeB = await startNode({ db: database.db, nodeId: "limits-b", redisUrl });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await nodeA?.stop();
    await nodeB?.stop();
    await database?.drop();
  });

  async function on(node: TestNode, auth: { cookie?: string; guestToken?: string }) {
    const client = await connectPlayer(node.url, auth);
    clients.push(client);
    return client;
  }

  async function joins(player: Player, code: string, count: number): Promise<string[]> {
    const codes: string[] = [];
    for (let i = 0; i < count; i++) {
      const reply = await player.send("room:join", { code });
      codes.push(reply.ok ? "ok" : reply.code);
    }
    return codes;
  }

  it("refuses on the second process a player's joins spent on the first", async () => {
    const host = await on(nodeA, { cookie: await userCookie({ id: (await createUser(database.db)).id, name: "Host" }) });
    const created = await host.send<{ roomId: string; code: string }>("room:create", { bankSlug: "fixture-bank", questionCount: 2, secondsPerQuestion: 30, speedScoring: true, hostPlays: false });
    if (!created.ok) throw new Error(created.code);
    const eve = guestToken("Eve", "eve-limits");
    expect(await joins(await on(nodeA, { guestToken: eve }), created.data.code, 10)).toEqual(Array(10).fill("ok"));
    // The same guest on the other process: the join budget is already spent.
    expect(await joins(await on(nodeB, { guestToken: eve }), created.data.code, 2)).toEqual(["rate_limited", "rate_limited"]);
    // Another player on that process is not affected.
    expect(await joins(await on(nodeB, { guestToken: guestToken("Finn", "finn-limits") }), created.data.code, 1)).toEqual(["ok"]);
  });

  it("counts unknown room codes per address across processes", async () => {
    const guessA = await on(nodeA, { guestToken: guestToken("Guess A", "guess-a-limits") });
    const guessB = await on(nodeB, { guestToken: guestToken("Guess B", "guess-b-limits") });
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const reply = await (i % 2 ? guessB : guessA).send("room:join", { code: `ZZZZ${"ABCDEFGHJK"[i]}Z` });
      codes.push(reply.ok ? "ok" : reply.code);
    }
    expect(codes).toEqual(Array(10).fill("room_not_found"));
    expect(await guessB.send("room:join", { code: "ZZZZMZ" })).toEqual({ ok: false, code: "rate_limited" });
    expect(await guessA.send("room:join", { code: "ZZZZNZ" })).toEqual({ ok: false, code: "rate_limited" });
  });
});
