// Two app processes sharing live rooms through Redis: the room's owner is killed (kill -9)
// mid-question, then Redis goes away for 5 s mid-game, then PostgreSQL (the suite's own) is
// stopped and started mid-game. The game goes on; every acknowledged answer counts exactly
// once, and an answer refused meanwhile is not stored; players on both processes end with the
// same leaderboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinishedPayload, RevealPayload, RoundStartPayload } from "../../lib/realtime/engine";
import { guestToken, userCookie } from "../../lib/realtime/rooms/testing";
import { createUser } from "../fixtures";
import { answer, choicesFor, closeAll, correctCounts, createRoom, joinAll, Ledger, rejoin, seat, storedAnswers, type Seat } from "./game";
import { report, sleep, startApp, startFaultDatabase, startFaultRedis, until, type AppProcess, type FaultDatabase, type FaultRedis } from "./support";

let database: FaultDatabase;
let redis: FaultRedis;
const apps: AppProcess[] = [];
const seats: Seat[] = [];

beforeAll(async () => {
  [database, redis] = await Promise.all([startFaultDatabase(), startFaultRedis()]);
});
afterAll(async () => {
  closeAll(seats);
  for (const app of apps) await app.stop();
  await redis?.stop();
  await database?.close();
});

async function startedApp(nodeId: string): Promise<AppProcess> {
  const started = await startApp({ databaseUrl: database.url, redisUrl: redis.url, nodeId });
  apps.push(started);
  return started;
}

async function sit(name: string, node: AppProcess, auth: { cookie?: string; guestToken?: string }, roomId?: string): Promise<Seat> {
  const s = await seat(name, node.url, auth, roomId);
  seats.push(s);
  return s;
}

async function hostAuth(name: string) {
  const user = await createUser(database.db, "INSTRUCTOR");
  return { cookie: await userCookie({ id: user.id, name }) };
}

/** Answers the open round with everyone listed (in parallel); returns the acknowledgement codes. */
const answerAll = (players: Seat[], ledger: Ledger, roomId: string, start: RoundStartPayload) => Promise.all(players.map((p) => answer(p, ledger, roomId, start)));

describe("faults under live rooms", () => {
  it("kill -9 of the room's owner mid-question: the game goes on (target: within 10 s) and every acked answer counts once", { timeout: 180_000 }, async () => {
    const [a, b] = await Promise.all([startedApp("fault-a"), startedApp("fault-b")]);
    const ledger = new Ledger();
    const hostCredentials = await hostAuth("Host");
    const host = await sit("host", a, hostCredentials);
    const players = [
      await sit("ana", a, { guestToken: guestToken("Ana", "ana-kill") }),
      await sit("ben", a, { guestToken: guestToken("Ben", "ben-kill") }),
      await sit("cho", b, { guestToken: guestToken("Cho", "cho-kill") }),
      await sit("dan", b, { guestToken: guestToken("Dan", "dan-kill") }),
    ];
    const [ana, ben, cho, dan] = players as [Seat, Seat, Seat, Seat];
    const { roomId, code } = await createRoom(host, { questionCount: 3, secondsPerQuestion: 60 });
    await joinAll(players, code);
    await host.player.send("room:start", { roomId });

    // Round 0: everyone answers.
    let start = await cho.player.next<RoundStartPayload>("round:start", (s) => s.round === 0, 20_000);
    expect(await answerAll(players, ledger, roomId, start)).toEqual(["ok", "ok", "ok", "ok"]);
    ledger.reveal(await dan.player.next<RevealPayload>("round:reveal", (r) => r.round === 0, 20_000));
    await host.player.send("round:next", { roomId });

    // Round 1: one player on each process answers, then the owner dies.
    start = await cho.player.next<RoundStartPayload>("round:start", (s) => s.round === 1, 20_000);
    expect(await answerAll([ana, cho], ledger, roomId, start)).toEqual(["ok", "ok"]);
    await a.kill9();
    const killedAt = Date.now();
    closeAll([host, ana, ben]);

    // Everyone who was on A reconnects to B; B takes the room over once A's lease runs out.
    const host2 = await sit("host", b, hostCredentials);
    // Bounded generously for a loaded machine; the figure is reported against the 10 s target.
    const hostView = await rejoin(host2, roomId, 30_000);
    const recoveredMs = Date.now() - killedAt;
    expect(hostView).toMatchObject({ phase: "question", round: { status: "open" } });
    const ana2 = await sit("ana", b, ana.auth, roomId);
    const ben2 = await sit("ben", b, ben.auth, roomId);
    // Ana's answer from before the crash is kept: a second one is a duplicate.
    expect(await answer(ana2, ledger, roomId, start)).toBe("duplicate");
    expect(await answerAll([ben2, dan], ledger, roomId, start)).toEqual(["ok", "ok"]);
    ledger.reveal(await cho.player.next<RevealPayload>("round:reveal", (r) => r.round === 1, 20_000));
    await host2.player.send("round:next", { roomId });

    start = await cho.player.next<RoundStartPayload>("round:start", (s) => s.round === 2, 20_000);
    expect(await answerAll([ana2, ben2, cho, dan], ledger, roomId, start)).toEqual(["ok", "ok", "ok", "ok"]);
    ledger.reveal(await cho.player.next<RevealPayload>("round:reveal", (r) => r.round === 2, 20_000));
    await host2.player.send("round:next", { roomId });

    const finished = await ana2.player.next<FinishedPayload>("room:finished", () => true, 20_000);
    expect(finished).toMatchObject({ reason: "completed", roundsPlayed: 3 });
    const counts = correctCounts(finished);
    for (const [playerId, correct] of ledger.expectedCorrect()) expect(counts.get(playerId), playerId).toBe(correct);
    await until("the last answers to be stored", async () => (await database.db.roomAnswer.count({ where: { round: { roomId } } })) === ledger.ackedCount(), 10_000);
    expect(await storedAnswers(database.db, roomId)).toEqual(ledger.acked);
    report("owner kill -9 mid-question", { recoveredMs, targetMs: 10_000, ackedAnswers: ledger.ackedCount() });
    closeAll([host2, ana2, ben2, cho, dan]);
  });

  it("Redis stopped for 5 s mid-game: the game goes on, no acked answer is lost, both processes show one leaderboard", { timeout: 180_000 }, async () => {
    const [a, b] = await Promise.all([startedApp("fault-c"), apps.find((x) => x.nodeId === "fault-b") ?? startedApp("fault-b")]);
    const ledger = new Ledger();
    const host = await sit("host", a, await hostAuth("Host 2"));
    const players = [
      await sit("eve", a, { guestToken: guestToken("Eve", "eve-redis") }),
      await sit("fay", a, { guestToken: guestToken("Fay", "fay-redis") }),
      await sit("gus", b, { guestToken: guestToken("Gus", "gus-redis") }),
      await sit("hal", b, { guestToken: guestToken("Hal", "hal-redis") }),
    ];
    const [eve, fay, gus, hal] = players as [Seat, Seat, Seat, Seat];
    const { roomId, code } = await createRoom(host, { questionCount: 3, secondsPerQuestion: 60 });
    await joinAll(players, code);
    await host.player.send("room:start", { roomId });

    let start = await gus.player.next<RoundStartPayload>("round:start", (s) => s.round === 0, 20_000);
    expect(await answerAll(players, ledger, roomId, start)).toEqual(["ok", "ok", "ok", "ok"]);
    ledger.reveal(await hal.player.next<RevealPayload>("round:reveal", (r) => r.round === 0, 20_000));
    await host.player.send("round:next", { roomId });
    start = await gus.player.next<RoundStartPayload>("round:start", (s) => s.round === 1, 20_000);

    // Redis goes away. Answers on the owner's process are stored; answers on the other one
    // cannot reach the owner and must be refused, never acknowledged and lost.
    await redis.stop();
    const downAt = Date.now();
    const duringOutage = Promise.all([answer(eve, ledger, roomId, start), answer(gus, ledger, roomId, start)]);
    await sleep(5_000);
    await redis.start();
    const upAt = Date.now();
    const [onOwner, during] = await duringOutage;
    expect(onOwner).toBe("ok");
    expect(["ok", "unavailable", "internal"]).toContain(during);

    // Gus tries again until the owner answers (a "duplicate" means his first try was stored after all).
    let retried = during;
    const recoveredMs = await until("an answer from the other process to reach the owner again", async () => {
      if (retried === "ok" || retried === "duplicate") return true;
      retried = await answer(gus, ledger, roomId, start);
      return retried === "ok" || retried === "duplicate";
    }, 30_000, 250);
    // Refused, yet stored (the owner applied it; its reply was lost with Redis): it counts, once.
    if (retried === "duplicate" && !ledger.acked.get(gus.playerId)?.has(1)) ledger.record(gus.playerId, 1, choicesFor(start));
    expect(await answerAll([fay, hal], ledger, roomId, start)).toEqual(["ok", "ok"]);
    ledger.reveal(await eve.player.next<RevealPayload>("round:reveal", (r) => r.round === 1, 20_000));
    // Broadcasts from the owner reach the other process again.
    await hal.player.next<RevealPayload>("round:reveal", (r) => r.round === 1, 20_000);
    await host.player.send("round:next", { roomId });

    start = await gus.player.next<RoundStartPayload>("round:start", (s) => s.round === 2, 20_000);
    expect(await answerAll(players, ledger, roomId, start)).toEqual(["ok", "ok", "ok", "ok"]);
    ledger.reveal(await eve.player.next<RevealPayload>("round:reveal", (r) => r.round === 2, 20_000));
    await host.player.send("round:next", { roomId });

    const onA = await fay.player.next<FinishedPayload>("room:finished", () => true, 20_000);
    const onB = await hal.player.next<FinishedPayload>("room:finished", () => true, 20_000);
    expect(onB).toEqual(onA);
    const counts = correctCounts(onA);
    for (const [playerId, correct] of ledger.expectedCorrect()) expect(counts.get(playerId), playerId).toBe(correct);
    await until("the last answers to be stored", async () => (await database.db.roomAnswer.count({ where: { round: { roomId } } })) === ledger.ackedCount(), 10_000);
    expect(await storedAnswers(database.db, roomId)).toEqual(ledger.acked);
    report("redis stopped 5 s mid-game", { outageMs: upAt - downAt, recoveredAfterRestartMs: recoveredMs, answerDuringOutage: during, ackedAnswers: ledger.ackedCount() });
  });

  it("PostgreSQL stopped mid-game: answers are refused while it is down, none of them is stored, and the game goes on once it is back", { timeout: 180_000 }, async () => {
    const ledger = new Ledger();
    // One process of the cluster runs this room; PostgreSQL is the suite's own server.
    const app = apps.find((x) => x.nodeId === "fault-b") ?? (await startedApp("fault-b"));
    const host = await sit("host", app, await hostAuth("Host 3"));
    const players = await Promise.all(["Ivy", "Jon", "Kim"].map((name) => sit(name, app, { guestToken: guestToken(name, `${name}-db`) })));
    const [ivy, jon, kim] = players as [Seat, Seat, Seat];
    const { roomId, code } = await createRoom(host, { questionCount: 3, secondsPerQuestion: 60 });
    await joinAll(players, code);
    await host.player.send("room:start", { roomId });

    let start = await ivy.player.next<RoundStartPayload>("round:start", (s) => s.round === 0, 20_000);
    expect(await Promise.all(players.map((p) => answer(p, ledger, roomId, start)))).toEqual(["ok", "ok", "ok"]);
    ledger.reveal(await ivy.player.next<RevealPayload>("round:reveal", (r) => r.round === 0, 20_000));
    await host.player.send("round:next", { roomId });
    start = await ivy.player.next<RoundStartPayload>("round:start", (s) => s.round === 1, 20_000);
    expect(await answer(kim, ledger, roomId, start)).toBe("ok");

    await database.stopServer();
    const downAt = Date.now();
    // Both answers are refused; neither may be acknowledged.
    const during = [await answer(ivy, ledger, roomId, start), await answer(jon, ledger, roomId, start)];
    for (const code of during) expect(["unavailable", "internal"]).toContain(code);
    await sleep(Math.max(0, 3_000 - (Date.now() - downAt)));
    await database.startServer();
    const upAt = Date.now();

    // Ivy tries again until the room is back (reloaded from what was committed); Jon does not.
    const recoveredMs = await until("an answer to be accepted again", async () => (await answer(ivy, ledger, roomId, start)) === "ok", 30_000, 250);
    // Kim's answer from before the outage was kept.
    expect(await answer(kim, ledger, roomId, start)).toBe("duplicate");
    const hostView = await rejoin(host, roomId, 10_000);
    expect(hostView).toMatchObject({ phase: "question", round: { round: 1, status: "open" } });
    await host.player.send("round:skip", { roomId });
    ledger.reveal(await ivy.player.next<RevealPayload>("round:reveal", (r) => r.round === 1, 20_000));
    await host.player.send("round:next", { roomId });

    start = await jon.player.next<RoundStartPayload>("round:start", (s) => s.round === 2, 20_000);
    expect(await Promise.all(players.map((p) => answer(p, ledger, roomId, start)))).toEqual(["ok", "ok", "ok"]);
    ledger.reveal(await ivy.player.next<RevealPayload>("round:reveal", (r) => r.round === 2, 20_000));
    await host.player.send("round:next", { roomId });

    const finished = await kim.player.next<FinishedPayload>("room:finished", () => true, 20_000);
    expect(finished).toMatchObject({ reason: "completed", roundsPlayed: 3 });
    const counts = correctCounts(finished);
    for (const [playerId, correct] of ledger.expectedCorrect()) expect(counts.get(playerId), playerId).toBe(correct);
    // Jon's refused answer is nowhere: only acknowledged answers are stored.
    await until("the last answers to be stored", async () => (await database.db.roomAnswer.count({ where: { round: { roomId } } })) === ledger.ackedCount(), 10_000);
    const stored = await storedAnswers(database.db, roomId);
    expect(stored).toEqual(ledger.acked);
    expect(stored.get(jon.playerId)?.has(1)).toBe(false);
    report("postgresql stopped mid-game", { outageMs: upAt - downAt, recoveredAfterRestartMs: recoveredMs, refusedDuringOutage: during });
  });
});
