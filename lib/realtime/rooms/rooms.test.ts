// Live group rooms end to end: a real Socket.IO server on a random port, real PostgreSQL,
// socket.io-client players. Rounds close early once everyone answered, so no test waits
// for a deadline; the late-answer test moves the server's clock instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinishedPayload, RevealPayload, RoomResultPayload, RoundResultPayload, RoundStartPayload } from "../engine";
import type { LobbyPayload, RoomJoinView, RoomReviewPayload } from "../events";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { createUser, seedFixtureBank } from "../../../test/fixtures";
import { connectPlayer, guestToken, userCookie, startNode, type Player, type TestNode } from "./testing";

let database: TestDatabase;
let node: TestNode;
let clockOffset = 0;
const players: Player[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixtureBank(database.db, { questions: 8 });
  // Single-answer questions only ("a" is always a valid answer): for the race test.
  await seedFixtureBank(database.db, { questions: 3, slug: "singles-bank" });
  node = await startNode({ db: database.db, nodeId: "node-rooms", rooms: { clock: () => Date.now() + clockOffset } });
});

afterAll(async () => {
  for (const p of players) p.close();
  await node.stop();
  await database.drop();
});

/** The fixture bank's answer key: "a" for single, "a" + "b" for multiple. */
function correctFor(start: RoundStartPayload): string[] {
  return start.question.type === "multiple" ? ["a", "b"] : ["a"];
}
function wrongFor(start: RoundStartPayload): string[] {
  return start.question.type === "multiple" ? ["c", "d"] : ["b"];
}

async function signedIn(name: string) {
  const user = await createUser(database.db);
  await database.db.user.update({ where: { id: user.id }, data: { name } });
  const player = await connectPlayer(node.url, { cookie: await userCookie({ id: user.id, name }) });
  players.push(player);
  return { player, userId: user.id };
}

async function guest(nickname: string, guestId?: string) {
  const player = await connectPlayer(node.url, { guestToken: guestToken(nickname, guestId) });
  players.push(player);
  return player;
}

type Room = { roomId: string; code: string };

async function openRoom(host: Player, questionCount: number, extra: Record<string, unknown> = {}): Promise<Room> {
  const created = await host.send<Room>("room:create", { bankSlug: "fixture-bank", questionCount, secondsPerQuestion: 30, speedScoring: true, hostPlays: false, ...extra });
  if (!created.ok) throw new Error(`room:create refused: ${created.code}`);
  return created.data;
}

async function join(player: Player, code: string): Promise<RoomJoinView> {
  const joined = await player.send<RoomJoinView>("room:join", { code });
  if (!joined.ok) throw new Error(`room:join refused: ${joined.code}`);
  return joined.data;
}

/** Ana and Ben (guests) in a presenter's two-question room, started: the first question is open. */
async function twoGuestsPlaying(host: Player) {
  const ana = await guest("Ana");
  const ben = await guest("Ben");
  const room = await openRoom(host, 2);
  await join(ana, room.code);
  await join(ben, room.code);
  await host.send("room:start", { roomId: room.roomId });
  const start = await ana.next<RoundStartPayload>("round:start", (s) => s.round === 0);
  return { ana, ben, room, start };
}

describe("a group room", () => {
  it("plays a full game: lobby, every round, reveal, leaderboard, podium, results, review and mastery", async () => {
    const { player: host } = await signedIn("Host");
    const { player: ana, userId: anaId } = await signedIn("Ana");
    const ben = await guest("Ben");
    const cho = await guest("Cho");
    const room = await openRoom(host, 3);

    for (const p of [ana, ben, cho]) {
      const view = await join(p, room.code.toLowerCase());
      expect(view).toMatchObject({ roomId: room.roomId, phase: "lobby", mode: "group" });
    }
    const lobby = await host.next<LobbyPayload>("room:lobby", (l) => l.players === 3);
    expect(lobby.nicknames).toEqual(expect.arrayContaining(["Ana", "Ben", "Cho"]));
    expect(lobby.hostNickname).toBe("Host");

    // Only the host starts.
    expect(await ana.send("room:start", { roomId: room.roomId })).toMatchObject({ ok: false, code: "not_host" });
    expect(await host.send("room:start", { roomId: room.roomId })).toEqual({ ok: true, data: null });

    for (let round = 0; round < 3; round++) {
      const start = await ana.next<RoundStartPayload>("round:start", (s) => s.round === round);
      // Ana answers right at once, Cho right a little later, Ben wrong.
      const a = await ana.send("round:answer", { roomId: room.roomId, round, choiceIds: correctFor(start) });
      expect(a).toMatchObject({ ok: true, data: { round, questionId: start.question.id } });
      await new Promise((r) => setTimeout(r, 30));
      expect(await cho.send("round:answer", { roomId: room.roomId, round, choiceIds: correctFor(start) })).toMatchObject({ ok: true });
      expect(await ben.send("round:answer", { roomId: room.roomId, round, choiceIds: wrongFor(start) })).toMatchObject({ ok: true });
      const reveal = await host.next<RevealPayload>("round:reveal", (r) => r.round === round);
      expect(reveal).toMatchObject({ closeReason: "all_answered", answered: 3, noAnswer: 0, isLast: round === 2 });
      expect(reveal.correctChoiceIds.sort()).toEqual(correctFor(start));
      const result = await ben.next<RoundResultPayload>("round:result", (r) => r.round === round);
      expect(result).toMatchObject({ answered: true, correct: false, points: 0, score: 0, rank: 3, players: 3 });
      expect(await host.send("round:next", { roomId: room.roomId })).toEqual({ ok: true, data: null });
    }

    const finished = await cho.next<FinishedPayload>("room:finished");
    expect(finished.reason).toBe("completed");
    expect(finished.roundsPlayed).toBe(3);
    expect(finished.podium.map((e) => e.nickname)).toEqual(["Ana", "Cho", "Ben"]);
    expect(finished.leaderboard[2]).toMatchObject({ nickname: "Ben", score: 0 });
    const anaResult = await ana.next<RoomResultPayload>("room:result");
    expect(anaResult).toMatchObject({ rank: 1, players: 3, correctCount: 3, bestStreak: 3, roundsPlayed: 3 });
    const review = await ben.next<RoomReviewPayload>("room:review");
    expect(review.items).toHaveLength(3);
    for (const item of review.items) {
      expect(item.explanation).toContain("SECRET-EXPLANATION");
      expect(item.noteHref).toMatch(/^\/banks\/fixture-bank\/topics\/(alpha|beta)$/);
      expect(item.correct).toBe(false);
      expect(item.choices.filter((c) => c.correct).map((c) => c.id).sort()).toEqual(item.choices.length === 5 ? ["a", "b"] : ["a"]);
    }
    // A presenting host is not ranked and gets no result.
    expect(host.of("room:result")).toHaveLength(0);

    // Stored: one scored answer per player per round, totals, and Ana's mastery (a signed-in learner).
    await node.realtime.rooms.settled();
    const answers = await database.db.roomAnswer.findMany({ where: { round: { roomId: room.roomId } }, include: { player: true } });
    expect(answers).toHaveLength(9);
    expect(answers.every((a) => a.correct !== null && a.points !== null && a.masteryRecordedAt !== null)).toBe(true);
    const stored = await database.db.roomPlayer.findMany({ where: { roomId: room.roomId, isHost: false }, orderBy: { score: "desc" } });
    expect(stored.map((p) => p.nickname)).toEqual(["Ana", "Cho", "Ben"]);
    expect(stored[1]!.playerKey).toMatch(/^g:/);
    expect(stored[0]!.score).toBe(anaResult.score);
    const events = await database.db.masteryEvent.findMany({ where: { userId: anaId } });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.mode === "LIVE" && e.correct)).toBe(true);
    const dbRoom = await database.db.room.findUniqueOrThrow({ where: { id: room.roomId } });
    expect(dbRoom.phase).toBe("FINISHED");
  });

  it("never sends a correct answer, a correctness flag or an explanation before the reveal", async () => {
    const { player: host } = await signedIn("Host");
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const room = await openRoom(host, 2);
    await join(ana, room.code);
    await join(ben, room.code);
    await host.send("room:start", { roomId: room.roomId });
    for (let round = 0; round < 2; round++) {
      const start = await ana.next<RoundStartPayload>("round:start", (s) => s.round === round);
      await ana.send("round:answer", { roomId: room.roomId, round, choiceIds: correctFor(start) });
      // Ben reconnects mid-question: the rejoin view is part of what he receives.
      await ben.send("room:rejoin", { roomId: room.roomId });
      await ben.send("round:answer", { roomId: room.roomId, round, choiceIds: wrongFor(start) });
      await host.next("round:reveal", (r: RevealPayload) => r.round === round);
      await ben.next("round:result", (r: RoundResultPayload) => r.round === round);
      await host.send("round:next", { roomId: room.roomId });
    }
    await ana.next("room:review");
    for (const p of [host, ana, ben]) {
      let open = false;
      let checkedOpen = 0;
      let reveals = 0;
      for (const frame of p.frames) {
        if (frame.includes('"round:start"')) open = true;
        if (frame.includes('"round:reveal"')) {
          expect(frame).toContain("correctChoiceIds");
          open = false;
          reveals += 1;
          continue;
        }
        if (!open) continue;
        checkedOpen += 1;
        expect(frame).not.toContain("correctChoiceIds");
        expect(frame).not.toMatch(/"correct":\s*true/);
        expect(frame).not.toContain("SECRET-EXPLANATION");
        expect(frame).not.toContain('"points"');
      }
      expect(reveals).toBe(2);
      expect(checkedOpen).toBeGreaterThan(1);
    }
    // After the game the review does carry them: the check above can see them when present.
    expect(ana.frames.some((f) => f.includes("SECRET-EXPLANATION"))).toBe(true);
  });

  it("scores a duplicate answer once, keeps one RoomAnswer row, and refuses replays of a closed round", async () => {
    const { player: host } = await signedIn("Host");
    const { ana, ben, room, start } = await twoGuestsPlaying(host);
    const payload = { roomId: room.roomId, round: 0, choiceIds: correctFor(start) };
    const replies = await Promise.all([ana.send("round:answer", payload), ana.send("round:answer", payload), ana.send("round:answer", { ...payload, choiceIds: wrongFor(start) })]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(["duplicate", "duplicate"]);
    await ben.send("round:answer", { ...payload, choiceIds: wrongFor(start) });
    const result = await ana.next<RoundResultPayload>("round:result", (r) => r.round === 0);
    expect(result.correct).toBe(true);
    expect(result.score).toBe(result.points);
    // The same answer again after the reveal: too late, nothing changes.
    expect(await ana.send("round:answer", payload)).toMatchObject({ ok: false, code: "too_late" });
    await node.realtime.rooms.settled();
    const rows = await database.db.roomAnswer.findMany({ where: { round: { roomId: room.roomId, index: 0 } }, include: { player: true } });
    expect(rows).toHaveLength(2);
    const anaRow = rows.find((r) => r.player.nickname === "Ana");
    expect(anaRow).toMatchObject({ correct: true, points: result.points, choiceIds: payload.choiceIds });
  });

  it("acks an answer only once it is stored: while the database holds the write back, no ack comes", async () => {
    const { player: host } = await signedIn("Host");
    const { ana, ben, room, start } = await twoGuestsPlaying(host);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another session locks the room's row: the log write (which share-locks it) must wait.
    const blocker = database.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Room" WHERE id = ${room.roomId} FOR UPDATE`;
      locked();
      await released;
    }, { timeout: 20_000 });
    await isLocked;
    let acked = false;
    const reply = ana.send("round:answer", { roomId: room.roomId, round: 0, choiceIds: correctFor(start) }).then((r) => {
      acked = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(acked).toBe(false);
    expect(await database.db.roomAnswer.count({ where: { round: { roomId: room.roomId } } })).toBe(0);
    release();
    await blocker;
    expect(await reply).toMatchObject({ ok: true });
    expect(await database.db.roomAnswer.count({ where: { round: { roomId: room.roomId } } })).toBe(1);
  });

  it("refuses an answer that arrives after the deadline and its grace, and takes one just inside the grace", async () => {
    const { player: host } = await signedIn("Host");
    const { ana, ben, room, start } = await twoGuestsPlaying(host);
    const now = () => Date.now() + clockOffset;
    try {
      // Ben: 100 ms after the deadline (inside the 500 ms grace), scored as if at the deadline.
      clockOffset = start.deadlineAt + 100 - Date.now();
      expect(await ben.send("round:answer", { roomId: room.roomId, round: 0, choiceIds: correctFor(start) })).toMatchObject({ ok: true, data: { responseMs: 30_000 } });
      // Ana: after deadline + grace.
      clockOffset = start.deadlineAt + 501 - Date.now();
      expect(now()).toBeGreaterThan(start.deadlineAt + 500);
      expect(await ana.send("round:answer", { roomId: room.roomId, round: 0, choiceIds: correctFor(start) })).toMatchObject({ ok: false, code: "too_late" });
      expect(await host.send("round:skip", { roomId: room.roomId })).toMatchObject({ ok: true });
      const reveal = await host.next<RevealPayload>("round:reveal", (r) => r.round === 0);
      expect(reveal).toMatchObject({ answered: 1, noAnswer: 1 });
      const benResult = await ben.next<RoundResultPayload>("round:result", (r) => r.round === 0);
      expect(benResult.points).toBe(500);
    } finally {
      clockOffset = 0;
    }
  });

  it("stores an answer that races the round's opening (same write batch as the round it answers)", async () => {
    const { player: host } = await signedIn("Host");
    const ana = await guest("Ana");
    const room = await openRoom(host, 2, { hostPlays: true, bankSlug: "singles-bank" });
    await join(ana, room.code);
    // No waiting between the two: with no countdown the round opens on `start`, and the answer
    // is accepted before the opening is committed.
    const [started, answered] = await Promise.all([
      host.send("room:start", { roomId: room.roomId }),
      host.send("round:answer", { roomId: room.roomId, round: 0, choiceIds: ["a"] }),
    ]);
    expect(started).toMatchObject({ ok: true });
    expect(answered).toMatchObject({ ok: true });
    const rows = await database.db.roomAnswer.findMany({ where: { round: { roomId: room.roomId, index: 0 } }, include: { player: true } });
    expect(rows.map((r) => r.player.nickname)).toEqual(["Host"]);
  });

  it("aggregates counters: in a room above 10 seats only the host gets them while a question is open, never one per answer", async () => {
    const { player: host } = await signedIn("Host");
    const crowd = await Promise.all(Array.from({ length: 11 }, (_, i) => guest(`P${i}`)));
    const room = await openRoom(host, 2);
    for (const p of crowd) await join(p, room.code);
    await host.next<LobbyPayload>("room:lobby", (l) => l.players === 11);
    await host.send("room:start", { roomId: room.roomId });
    const start = await crowd[0]!.next<RoundStartPayload>("round:start", (s) => s.round === 0);
    const hostMark = host.events.length;
    const answer = (p: Player) => p.send("round:answer", { roomId: room.roomId, round: 0, choiceIds: correctFor(start) });
    await Promise.all(crowd.slice(0, 5).map(answer));
    // The host's screen gets the count…
    await host.next<{ answered: number }>("room:progress", (p) => p.answered === 5, 10_000, hostMark);
    // …and the players get nothing, however long the question stays open (longer than the room-wide interval here).
    await new Promise((r) => setTimeout(r, 1_300));
    await Promise.all(crowd.slice(5).map(answer));
    await Promise.all(crowd.map((p) => p.next("round:reveal", (r: RevealPayload) => r.round === 0)));
    for (const p of crowd) {
      expect(p.of<{ phase: string }>("room:progress").filter((x) => x.phase === "question")).toHaveLength(0);
    }
    // Aggregated: fewer counter messages than answers.
    expect(host.events.slice(hostMark).filter((e) => e.event === "room:progress").length).toBeLessThan(11);
  });

  it("gives a reconnecting player the same seat, score, question, own answer and remaining time", async () => {
    const { player: host } = await signedIn("Host");
    const ana = await guest("Ana");
    const benId = "ben-reconnects";
    const ben = await guest("Ben", benId);
    const room = await openRoom(host, 2);
    await join(ana, room.code);
    await join(ben, room.code);
    await host.send("room:start", { roomId: room.roomId });
    let start = await ben.next<RoundStartPayload>("round:start", (s) => s.round === 0);
    await ben.send("round:answer", { roomId: room.roomId, round: 0, choiceIds: correctFor(start) });
    await ana.send("round:answer", { roomId: room.roomId, round: 0, choiceIds: wrongFor(start) });
    const result = await ben.next<RoundResultPayload>("round:result", (r) => r.round === 0);
    expect(result.score).toBeGreaterThan(0);
    await host.send("round:next", { roomId: room.roomId });
    start = await ben.next<RoundStartPayload>("round:start", (s) => s.round === 1);
    await ben.send("round:answer", { roomId: room.roomId, round: 1, choiceIds: wrongFor(start) });

    // The network drops; a new connection with the same guest token comes back.
    ben.close();
    const progress = await host.next<{ connected: number }>("room:progress", (p) => p.connected === 1);
    expect(progress.connected).toBe(1);
    const again = await guest("Ben", benId);
    const rejoined = await again.send<RoomJoinView>("room:rejoin", { roomId: room.roomId });
    expect(rejoined.ok).toBe(true);
    if (!rejoined.ok) return;
    const view = rejoined.data;
    expect(view.playerId).toBe(`g:${benId}`);
    expect(view.phase).toBe("question");
    expect(view.me).toMatchObject({ nickname: "Ben", score: result.score, streak: 1, connected: true, answer: { round: 1, choiceIds: wrongFor(start) } });
    expect(view.me.answer).not.toHaveProperty("correct");
    expect(view.round).toMatchObject({ status: "open", round: 1, deadlineAt: start.deadlineAt, question: { id: start.question.id } });
    expect(view.remainingMs).toBeGreaterThan(0);
    expect(view.remainingMs).toBeLessThanOrEqual(30_000);
    expect(view.remainingMs).toBe(Math.max(0, start.deadlineAt - view.serverNow));
    await host.next("room:progress", (p: { connected: number }) => p.connected === 2);

    // Someone else's room: no seat there, and acting in it is refused.
    const other = await openRoom((await signedIn("Other host")).player, 2);
    expect(await again.send("round:answer", { roomId: other.roomId, round: 0, choiceIds: ["a"] })).toMatchObject({ ok: false, code: "not_in_room" });
    expect(await again.send("room:rejoin", { roomId: other.roomId })).toMatchObject({ ok: false, code: "not_in_room" });
  });
});
