// A live group room played by socket.io-client players, with a ledger of every answer the
// server acknowledged: what the cases compare the final scores and the stored rows against.
import type { Db } from "../../lib/db";
import type { FinishedPayload, RevealPayload, RoundStartPayload } from "../../lib/realtime/engine";
import type { RoomJoinView } from "../../lib/realtime/events";
import { connectPlayer, type Player } from "../../lib/realtime/rooms/testing";
import { sleep } from "./support";

export type Auth = { cookie?: string; guestToken?: string };

/** The first `choose` choices (one for a single-response question): right or wrong, the ledger decides. */
export const choicesFor = (start: RoundStartPayload) => start.question.choiceIds.slice(0, start.question.choose ?? 1);

export class Ledger {
  /** playerId → round → the acknowledged choice ids. */
  readonly acked = new Map<string, Map<number, string[]>>();
  readonly correctByRound = new Map<number, string[]>();
  /** Answers refused (never acknowledged) with their codes. */
  readonly refused: { playerId: string; round: number; code: string }[] = [];

  record(playerId: string, round: number, choiceIds: string[]): void {
    const rounds = this.acked.get(playerId) ?? new Map<number, string[]>();
    if (rounds.has(round)) throw new Error(`${playerId} had round ${round} acknowledged twice`);
    rounds.set(round, choiceIds);
    this.acked.set(playerId, rounds);
  }

  reveal(reveal: RevealPayload): void {
    this.correctByRound.set(reveal.round, reveal.correctChoiceIds);
  }

  /** How many right answers each player should have, from what was acknowledged. */
  expectedCorrect(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [playerId, rounds] of this.acked) {
      let correct = 0;
      for (const [round, choiceIds] of rounds) {
        const right = this.correctByRound.get(round);
        if (!right) throw new Error(`no reveal seen for round ${round}`);
        if ([...choiceIds].sort().join() === [...right].sort().join()) correct += 1;
      }
      counts.set(playerId, correct);
    }
    return counts;
  }

  ackedCount(): number {
    return [...this.acked.values()].reduce((n, rounds) => n + rounds.size, 0);
  }
}

export type Seat = { name: string; auth: Auth; player: Player; playerId: string };

export async function seat(name: string, url: string, auth: Auth, roomId?: string): Promise<Seat> {
  const player = await connectPlayer(url, auth);
  const health = await player.send<{ identity: { kind: string; guestId?: string; userId?: string } }>("system:health", {});
  if (!health.ok) throw new Error(`${name}: system:health refused`);
  const identity = health.data.identity;
  const playerId = identity.kind === "guest" ? `g:${identity.guestId}` : `u:${identity.userId}`;
  const s = { name, auth, player, playerId };
  if (roomId) await rejoin(s, roomId, 10_000);
  return s;
}

/** Sends an answer; records it in the ledger when acknowledged. Returns the ack's code ("ok" when accepted). */
export async function answer(s: Seat, ledger: Ledger, roomId: string, start: RoundStartPayload): Promise<string> {
  const choiceIds = choicesFor(start);
  const reply = await s.player.send("round:answer", { roomId, round: start.round, choiceIds }, 15_000).catch(() => ({ ok: false as const, code: "no_ack" }));
  if (reply.ok) {
    ledger.record(s.playerId, start.round, choiceIds);
    return "ok";
  }
  ledger.refused.push({ playerId: s.playerId, round: start.round, code: reply.code });
  return reply.code;
}

/** room:rejoin until accepted (another process may still be taking the room over). */
export async function rejoin(s: Seat, roomId: string, timeoutMs: number): Promise<RoomJoinView> {
  const giveUpAt = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < giveUpAt) {
    const reply = await s.player.send<RoomJoinView>("room:rejoin", { roomId }, Math.max(1_000, giveUpAt - Date.now())).catch(() => ({ ok: false as const, code: "no_ack" }));
    if (reply.ok) return reply.data;
    last = reply.code;
    await sleep(200);
  }
  throw new Error(`${s.name} could not rejoin within ${timeoutMs} ms (last: ${last})`);
}

export async function createRoom(host: Seat, options: { questionCount: number; secondsPerQuestion: number }): Promise<{ roomId: string; code: string }> {
  const created = await host.player.send<{ roomId: string; code: string }>("room:create", {
    bankSlug: "soa-c03",
    questionCount: options.questionCount,
    secondsPerQuestion: options.secondsPerQuestion,
    speedScoring: true,
    hostPlays: false,
  });
  if (!created.ok) throw new Error(`room:create: ${created.code}`);
  return created.data;
}

export async function joinAll(seats: Seat[], code: string): Promise<void> {
  for (const s of seats) {
    const joined = await s.player.send("room:join", { code });
    if (!joined.ok) throw new Error(`${s.name} could not join: ${joined.code}`);
  }
}

/** Every acknowledged answer of the room stored exactly once, and nothing else. */
export async function storedAnswers(db: Db, roomId: string): Promise<Map<string, Map<number, string[]>>> {
  const rows = await db.roomAnswer.findMany({ where: { round: { roomId } }, select: { choiceIds: true, round: { select: { index: true } }, player: { select: { playerKey: true } } } });
  const stored = new Map<string, Map<number, string[]>>();
  for (const row of rows) {
    const rounds = stored.get(row.player.playerKey) ?? new Map<number, string[]>();
    if (rounds.has(row.round.index)) throw new Error(`${row.player.playerKey} has two stored answers for round ${row.round.index}`);
    rounds.set(row.round.index, row.choiceIds);
    stored.set(row.player.playerKey, rounds);
  }
  return stored;
}

export const correctCounts = (finished: FinishedPayload) => new Map(finished.leaderboard.map((entry) => [entry.playerId, entry.correctCount]));

export function closeAll(seats: Seat[]): void {
  for (const s of seats) s.player.close();
}
