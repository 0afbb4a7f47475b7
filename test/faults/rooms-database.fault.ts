// PostgreSQL stopped and started mid-game (the suite's own server): answers sent meanwhile are
// refused with `unavailable` or `internal`, never acknowledged and lost; the game goes on after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinishedPayload, RevealPayload, RoundStartPayload } from "../../lib/realtime/engine";
import { guestToken, userCookie } from "../../lib/realtime/rooms/testing";
import { createUser } from "../fixtures";
import { answer, closeAll, correctCounts, createRoom, joinAll, Ledger, rejoin, seat, storedAnswers, type Seat } from "./game";
import { report, sleep, startApp, startFaultDatabase, until, type AppProcess, type FaultDatabase } from "./support";

let database: FaultDatabase;
let app: AppProcess;
const seats: Seat[] = [];

beforeAll(async () => {
  database = await startFaultDatabase();
  app = await startApp({ databaseUrl: database.url, nodeId: "fault-db" });
});
afterAll(async () => {
  closeAll(seats);
  await app?.stop();
  await database?.close();
});

describe("PostgreSQL stopped mid-game", () => {
  it("refuses answers while it is down, stores none of them, and the game goes on once it is back", { timeout: 180_000 }, async () => {
    const ledger = new Ledger();
    const user = await createUser(database.db, "INSTRUCTOR");
    const host = await seat("host", app.url, { cookie: await userCookie({ id: user.id, name: "Host" }) });
    const players = await Promise.all(["Ivy", "Jon", "Kim"].map((name) => seat(name, app.url, { guestToken: guestToken(name, `${name}-db`) })));
    seats.push(host, ...players);
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
    report("postgresql stopped mid-game", { outageMs: upAt - downAt, recoveredAfterRestartMs: recoveredMs, refusedDuringOutage: during, appReadyMs: app.readyMs });
  });
});
