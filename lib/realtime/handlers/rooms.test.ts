// Hostile clients against the room handlers: wrong types, oversized values and frames,
// `__proto__` keys, a forged player id, unknown events, floods and code guessing. The
// server stays up and the other players' game goes on untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RevealPayload, RoundStartPayload } from "../engine";
import type { RoomJoinView } from "../events";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { createUser, seedFixtureBank } from "../../../test/fixtures";
import { connectPlayer, guestToken, startNode, userCookie, type Player, type TestNode } from "../rooms/testing";

let database: TestDatabase;
let node: TestNode;
const clients: Player[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixtureBank(database.db, { questions: 8 });
  node = await startNode({ db: database.db, nodeId: "node-hostile" });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await node.stop();
  await database.drop();
});

async function client(auth: { cookie?: string; guestToken?: string }) {
  const c = await connectPlayer(node.url, auth);
  clients.push(c);
  return c;
}

async function hostAuth() {
  const user = await createUser(database.db);
  return { cookie: await userCookie({ id: user.id, name: "Host" }) };
}

/** Emits whatever a hostile client would, outside the typed protocol. */
const rawEmit = (p: Player, ...args: unknown[]) => (p.socket.emit as unknown as (...a: unknown[]) => void)(...args);

const refusedWith = (codes: string[]) => (reply: { ok: boolean; code?: string }) => !reply.ok && codes.includes(reply.code ?? "");

/**
 * Sends until the socket's token bucket lets the event through (a `rate_limited` reply means
 * nothing was looked at), then returns that reply: waits on the server's verdict, not on a
 * guess of how long a refill takes on a loaded machine.
 */
async function sendPastLimit(p: Player, event: string, payload: unknown) {
  for (let attempt = 0; ; attempt++) {
    const reply = await p.send(event, payload);
    if (reply.ok || reply.code !== "rate_limited" || attempt >= 100) return reply;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("hostile payloads", () => {
  // Its own time budget and the longest question: on a loaded machine the flood below can take
  // longer than a short round (whose deadline would then close it before the checks).
  it("refuses malformed and hostile events one by one, stays up, and leaves the other players' round untouched", { timeout: 120_000 }, async () => {
    const host = await client(await hostAuth());
    const ana = await client({ guestToken: guestToken("Ana", "ana-h") });
    const mallory = await client({ guestToken: guestToken("Mallory", "mallory-h") });
    const created = await host.send<{ roomId: string; code: string }>("room:create", { bankSlug: "fixture-bank", questionCount: 2, secondsPerQuestion: 120, speedScoring: true, hostPlays: false });
    if (!created.ok) throw new Error(created.code);
    const { roomId, code } = created.data;
    await ana.send("room:join", { code });
    await mallory.send("room:join", { code });
    await host.send("room:start", { roomId });
    const start = await ana.next<RoundStartPayload>("round:start", (s) => s.round === 0);

    // Wrong types, missing fields, oversized values, operators, nesting: invalid_input (or rate_limited once the socket's bucket is empty).
    const junk: unknown[] = [
      42,
      "ABCDEF",
      null,
      [],
      { code: 123 },
      { code: "X".repeat(5_000) },
      { code: { $gt: "" } },
      { roomId, round: "0", choiceIds: ["a"] },
      { roomId, round: 0, choiceIds: Array.from({ length: 500 }, (_, i) => `c${i}`) },
      { roomId, round: 0, choiceIds: "a" },
      { roomId: "../../etc/passwd", round: 0, choiceIds: ["a"] },
      { roomId, round: 1e300, choiceIds: ["a"] },
      JSON.parse('{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{}}}}}}}}}}}'),
    ];
    for (const payload of junk) {
      for (const event of ["room:join", "round:answer", "room:create", "room:start"]) {
        expect(await mallory.send(event, payload), `${event} ${JSON.stringify(payload).slice(0, 40)}`).toSatisfy(refusedWith(["invalid_input", "rate_limited", "not_signed_in"]));
      }
    }
    // Unknown events and events without an ack: ignored.
    rawEmit(mallory, "admin:drop", { everything: true });
    rawEmit(mallory, "round:answer");
    rawEmit(mallory, "room:join", () => {});
    // The flood above emptied Mallory's bucket: each send below waits until it lets the event through.

    // `__proto__`, isHost and a forged playerId in a valid answer: stripped; the answer is Mallory's own.
    const wrong = JSON.stringify(start.question.type === "multiple" ? ["c", "d"] : ["b"]);
    const forged = JSON.parse(`{"roomId":"${roomId}","round":0,"choiceIds":${wrong},"playerId":"g:ana-h","__proto__":{"isHost":true},"isHost":true}`) as unknown;
    expect(await sendPastLimit(mallory, "round:answer", forged)).toMatchObject({ ok: true });
    expect(await sendPastLimit(mallory, "round:skip", JSON.parse(`{"roomId":"${roomId}","__proto__":{"isHost":true}}`) as unknown)).toMatchObject({ ok: false, code: "not_host" });
    expect(await sendPastLimit(mallory, "room:end", { roomId, playerId: "u:host" })).toMatchObject({ ok: false, code: "not_host" });

    // A frame over the 16 KB limit: that socket alone is dropped.
    const bigSender = await client({ guestToken: guestToken("Big", "big-h") });
    const dropped = new Promise<string>((resolve) => bigSender.socket.once("disconnect", resolve));
    rawEmit(bigSender, "room:join", { code: "A".repeat(40_000) });
    expect(await dropped).toBe("transport close");

    // The server is up, and Ana's answer was not taken by the forged id.
    expect(await ana.send("system:health", {})).toMatchObject({ ok: true });
    expect(await ana.send("round:answer", { roomId, round: 0, choiceIds: start.question.type === "multiple" ? ["a", "b"] : ["a"] })).toMatchObject({ ok: true });
    const reveal = await host.next<RevealPayload>("round:reveal", (r) => r.round === 0);
    expect(reveal).toMatchObject({ answered: 2, noAnswer: 0, closeReason: "all_answered" });
    expect(reveal.leaderboard[0]!.nickname).toBe("Ana");
  });

  it("throttles a flooding socket without slowing anyone else", async () => {
    const host = await client(await hostAuth());
    const created = await host.send<{ roomId: string; code: string }>("room:create", { bankSlug: "fixture-bank", questionCount: 2, secondsPerQuestion: 30, speedScoring: true, hostPlays: false });
    if (!created.ok) throw new Error(created.code);
    const flooder = await client({ guestToken: guestToken("Flood", "flood-h") });
    await flooder.send("room:join", { code: created.data.code });
    const replies = await Promise.all(Array.from({ length: 60 }, () => flooder.send("room:rejoin", { roomId: created.data.roomId })));
    const limited = replies.filter((r) => !r.ok && r.code === "rate_limited").length;
    expect(limited).toBeGreaterThan(30);
    expect(replies.filter((r) => r.ok).length).toBeGreaterThan(0);
    // Another socket of the same room is not affected.
    const calm = await client({ guestToken: guestToken("Calm", "calm-h") });
    expect(await calm.send<RoomJoinView>("room:join", { code: created.data.code })).toMatchObject({ ok: true });
  });
});

describe("room codes cannot be enumerated", () => {
  it("limits unknown codes per IP (across sockets), and per socket any join", async () => {
    // Its own server: the per-IP bucket is shared by every test client on 127.0.0.1.
    const own = await startNode({ db: database.db, nodeId: "node-codes" });
    try {
      const host = await connectPlayer(own.url, await hostAuth());
      clients.push(host);
      const created = await host.send<{ roomId: string; code: string }>("room:create", { bankSlug: "fixture-bank", questionCount: 2, secondsPerQuestion: 30, speedScoring: true, hostPlays: false });
      if (!created.ok) throw new Error(created.code);
      // Per identity: any join by code, 10 a minute (a real code, so the address is not charged).
      const eager = await connectPlayer(own.url, { guestToken: guestToken("Eager", "eager-c") });
      clients.push(eager);
      const joins: string[] = [];
      for (let i = 0; i < 12; i++) {
        const reply = await eager.send("room:join", { code: created.data.code });
        joins.push(reply.ok ? "ok" : reply.code);
      }
      expect(joins).toEqual([...Array(10).fill("ok"), "rate_limited", "rate_limited"]);
      // Unknown codes: 10 failed lookups per IP, then refused before any lookup, whichever socket asks.
      const guessers = await Promise.all([1, 2, 3].map((i) => connectPlayer(own.url, { guestToken: guestToken(`Guess ${i}`, `guess-${i}`) })));
      clients.push(...guessers);
      const codes: string[] = [];
      for (let i = 0; i < 15; i++) {
        const reply = await guessers[i % 3]!.send("room:join", { code: `ZZZZ${"ABCDEFGHJKMNPQR"[i]}Z` });
        codes.push(reply.ok ? "ok" : reply.code);
      }
      expect(codes).toEqual([...Array(10).fill("room_not_found"), ...Array(5).fill("rate_limited")]);
    } finally {
      await own.stop();
    }
  });
});
