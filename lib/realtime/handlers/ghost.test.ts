// Ghost race events through the real socket layer against PostgreSQL: refusals, keys only in
// the ack that closes a question, and the ghost's closes emitted on the server's clock at the
// recorded offsets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { createUser, seedFixtureBank } from "../../../test/fixtures";
import type { AnswerOutcome, RaceView } from "../../ghost/races";
import type { GhostEvent } from "../../ghost/timeline";
import { connectPlayer, guestToken, startNode, userCookie, type Player, type TestNode } from "../rooms/testing";

let database: TestDatabase;
let node: TestNode;
const clients: Player[] = [];
const set = { kind: "topics", bankSlug: "fixture-bank", topicIds: [], size: 3, secondsPerQuestion: 20 };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixtureBank(database.db, { questions: 8 });
  node = await startNode({ db: database.db, nodeId: "ghost-test" });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await node?.stop();
  await database?.drop();
});

async function player(user?: { id: string }): Promise<Player> {
  const client = user ? await connectPlayer(node.url, { cookie: await userCookie({ id: user.id, name: "Racer" }) }) : await connectPlayer(node.url, { guestToken: guestToken("Gus") });
  clients.push(client);
  return client;
}

const right = (view: RaceView) => (view.current!.type === "multiple" ? ["a", "b"] : ["a"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ghost race events", () => {
  it("refuses guests and malformed payloads", async () => {
    const guest = await player();
    expect(await guest.send("ghost:start", { set, ghost: { kind: "none" } })).toMatchObject({ ok: false, code: "not_signed_in" });
    const user = await player(await createUser(database.db));
    expect(await user.send("ghost:start", { set: { ...set, secondsPerQuestion: 7 }, ghost: { kind: "none" } })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await user.send("ghost:start", { set, ghost: { kind: "group" } })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await user.send("ghost:resume", { runId: "x".repeat(65) })).toMatchObject({ ok: false, code: "invalid_input" });
  });

  it("sends a key only in the ack closing its question, and the ghost's closes at their recorded offsets", async () => {
    const owner = await createUser(database.db);
    const racer = await player(owner);
    const first = await racer.send<RaceView>("ghost:start", { set, ghost: { kind: "none" } });
    if (!first.ok) throw new Error(first.code);
    // Nothing about right or wrong before an answer: the view of an open question has no key.
    expect(racer.frames.join("\n")).not.toContain("correctChoiceIds\":[\"");
    let view = first.data;
    for (const delay of [400, 700, 300]) {
      await sleep(delay);
      const answered = await racer.send<AnswerOutcome>("ghost:answer", { runId: view.runId, questionIndex: view.current!.index, choiceIds: right(view) });
      if (!answered.ok) throw new Error(answered.code);
      expect(answered.data.correctChoiceIds.length).toBeGreaterThan(0);
      view = answered.data.view;
    }
    expect(view.finished).toBe(true);
    const recorded = view.closed.map((c) => c.offsetMs);

    // Another learner cannot read or answer the run.
    const stranger = await player(await createUser(database.db));
    expect(await stranger.send("ghost:resume", { runId: view.runId })).toMatchObject({ ok: false, code: "not_found" });

    const before = racer.events.length;
    const race = await racer.send<RaceView>("ghost:start", { set: { kind: "last" }, ghost: { kind: "self" } });
    const ackAt = performance.now();
    if (!race.ok) throw new Error(race.code);
    const startAt = ackAt - (race.data.serverNow - race.data.startedAt);
    const arrivals: { event: GhostEvent; at: number }[] = [];
    racer.socket.on("ghost:progress", ({ event }) => arrivals.push({ event, at: performance.now() - startAt }));
    await racer.next("ghost:progress", (p: { event: GhostEvent }) => p.event.index === 2, 10_000, before);
    expect(arrivals.map((a) => a.event.offsetMs)).toEqual(recorded);
    for (const { event, at } of arrivals) {
      expect(Math.abs(at - event.offsetMs)).toBeLessThanOrEqual(300);
      // The ghost's choices never travel.
      expect(Object.keys(event).sort()).toEqual(["correct", "index", "offsetMs", "points", "timedOut", "totalPoints"]);
    }
  });
});
