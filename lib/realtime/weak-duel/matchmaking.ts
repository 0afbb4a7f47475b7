// The weak-topic duel's pair planner for the Matchmaker (rooms/matchmaking.ts): both players
// are signed in (the handler refuses guests), so their mastery decides the duel's topics and
// questions (./store.ts → ./selection.ts).
import { randomBytes } from "node:crypto";
import type { Db } from "../../db";
import type { Ack } from "../events";
import type { DuelPlan, PlanDuel } from "../rooms/matchmaking";
import { userIdOf } from "../rooms/players";
import type { RoomService } from "../rooms/service";
import { planWeakDuel } from "./store";

export function weakDuelPlanner(db: Db, rooms: RoomService, clock: () => number): PlanDuel {
  return async (challenger, opponent): Promise<Ack<DuelPlan>> => {
    const a = userIdOf(challenger.playerId);
    const b = userIdOf(opponent.playerId);
    if (!a || !b) return { ok: false, code: "weak_duel_needs_account" };
    const plan = await planWeakDuel(db, { bankSlug: challenger.bankSlug, userIds: [a, b], count: rooms.duelQuestionCount, now: clock(), seed: randomBytes(4).readUInt32LE(0) });
    if (!plan) return { ok: false, code: "not_enough_questions" };
    return { ok: true, data: plan };
  };
}
