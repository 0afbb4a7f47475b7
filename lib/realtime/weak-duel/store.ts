// Weak-topic duel: the database side. What a pairing needs (the bank's playable questions,
// both players' mastery, what either saw in the last 7 days in any mode), the plan it makes
// with the pure selection (./selection.ts), and the podium's summary: which topics were
// played and how each player's mastery there moved. The "before" values are taken when the
// pair is matched and kept in the room's config (Room.config.weakDuel): no schema change.
import type { Db } from "../../db";
import { masteryAt, masteryInterval, masteryProbability, type MasteryState } from "../../mastery";
import { rankCommonWeakTopics, seededOrder, selectWeakDuelQuestions, SEEN_WINDOW_MS, type CandidateQuestion } from "./selection";

export type MasteryNumbers = Pick<MasteryState, "theta" | "uncertainty" | "answers" | "correctAnswers" | "lastAnsweredAt">;

/** Kept in the room's config when a weak-topic duel is created. */
export type WeakDuelMeta = {
  topics: { id: string; titleKo: string; titleEn: string | null }[];
  /** playerKey (`u:<userId>`) → topicId → mastery when the pair was matched (absent: never practised). */
  before: Record<string, Record<string, MasteryNumbers>>;
  /** Questions seen in the last 7 days that had to be used (the pool was too small). */
  seenUsed: number;
};

export type WeakDuelPlan = { topicIds: string[]; questionIds: string[]; weakDuel: WeakDuelMeta };

/** The question types a live round plays (no cloze), published. */
const ROOM_TYPES = ["SINGLE", "MULTIPLE", "TRUE_FALSE"] as const;

export async function loadPool(db: Db, bankSlug: string): Promise<{ bankId: string; questions: CandidateQuestion[] } | null> {
  const bank = await db.questionBank.findUnique({ where: { slug: bankSlug }, select: { id: true } });
  if (!bank) return null;
  const questions = await db.question.findMany({
    where: { bankId: bank.id, status: "PUBLISHED", type: { in: [...ROOM_TYPES] } },
    select: { id: true, topicId: true },
  });
  return { bankId: bank.id, questions };
}

export async function loadMasteries(db: Db, userIds: readonly string[], topicIds?: readonly string[]): Promise<Map<string, Map<string, MasteryState>>> {
  const rows = await db.topicMastery.findMany({
    where: { userId: { in: [...userIds] }, ...(topicIds ? { topicId: { in: [...topicIds] } } : {}) },
    select: { userId: true, topicId: true, theta: true, uncertainty: true, answers: true, correctAnswers: true, lastAnsweredAt: true },
  });
  const out = new Map<string, Map<string, MasteryState>>(userIds.map((id) => [id, new Map()]));
  for (const row of rows) {
    out.get(row.userId)?.set(row.topicId, {
      theta: row.theta, uncertainty: row.uncertainty, answers: row.answers, correctAnswers: row.correctAnswers,
      lastAnsweredAt: row.lastAnsweredAt?.toISOString() ?? null,
    });
  }
  return out;
}

/**
 * Questions of the bank either user saw since `since` (ms), with when they last saw one:
 * practice and assignment items they answered, every item of a mock exam they started (the
 * navigator shows them all), live rounds in rooms they sat in, and any answer the mastery
 * model recorded (the catch-all for modes added later).
 */
export async function lastSeenQuestions(db: Db, bankId: string, userIds: readonly string[], since: number): Promise<Map<string, number>> {
  const users = [...userIds];
  const rows = await db.$queryRaw<{ questionId: string; seenAt: number }[]>`
    WITH since AS (SELECT (to_timestamp(${since}::float8 / 1000.0) AT TIME ZONE 'UTC') AS t),
    seen AS (
      SELECT i."questionId", COALESCE(i."answeredAt", a."startedAt") AS at
      FROM "AttemptItem" i JOIN "Attempt" a ON a.id = i."attemptId"
      WHERE a."userId" = ANY(${users}::text[]) AND (i."answeredAt" IS NOT NULL OR a.mode = 'MOCK_EXAM')
        AND COALESCE(i."answeredAt", a."startedAt") >= (SELECT t FROM since)
      UNION ALL
      SELECT r."questionId", r."startsAt" FROM "RoomRound" r JOIN "RoomPlayer" p ON p."roomId" = r."roomId"
      WHERE p."userId" = ANY(${users}::text[]) AND r."startsAt" >= (SELECT t FROM since)
      UNION ALL
      SELECT m."questionId", m."createdAt" FROM "MasteryEvent" m
      WHERE m."userId" = ANY(${users}::text[]) AND m."createdAt" >= (SELECT t FROM since)
    )
    SELECT s."questionId", (EXTRACT(EPOCH FROM max(s.at)) * 1000)::float8 AS "seenAt"
    FROM seen s JOIN "Question" q ON q.id = s."questionId"
    WHERE q."bankId" = ${bankId}
    GROUP BY s."questionId"`;
  return new Map(rows.map((row) => [row.questionId, Number(row.seenAt)]));
}

const numbers = (s: MasteryState): MasteryNumbers => ({ theta: s.theta, uncertainty: s.uncertainty, answers: s.answers, correctAnswers: s.correctAnswers, lastAnsweredAt: s.lastAnsweredAt });

/** Topics and questions for a matched pair of signed-in users; null when the bank cannot fill a duel. */
export async function planWeakDuel(
  db: Db,
  input: { bankSlug: string; userIds: [string, string]; count: number; now: number; seed: number },
): Promise<WeakDuelPlan | null> {
  const pool = await loadPool(db, input.bankSlug);
  if (!pool) return null;
  const topicIds = [...new Set(pool.questions.map((q) => q.topicId))];
  const [masteries, lastSeen] = await Promise.all([
    loadMasteries(db, input.userIds, topicIds),
    lastSeenQuestions(db, pool.bankId, input.userIds, input.now - SEEN_WINDOW_MS),
  ]);
  const [a, b] = input.userIds.map((id) => masteries.get(id) ?? new Map<string, MasteryState>());
  const ranked = rankCommonWeakTopics(topicIds, a!, b!, new Date(input.now));
  const selection = selectWeakDuelQuestions({ ranked, questions: pool.questions, lastSeen, count: input.count, order: seededOrder(input.seed) });
  if (!selection) return null;
  const topics = await db.topic.findMany({ where: { id: { in: selection.topicIds } }, select: { id: true, titleKo: true, titleEn: true } });
  const byId = new Map(topics.map((t) => [t.id, t]));
  const before: WeakDuelMeta["before"] = {};
  for (const userId of input.userIds) {
    const own: Record<string, MasteryNumbers> = {};
    for (const topicId of selection.topicIds) {
      const state = masteries.get(userId)?.get(topicId);
      if (state) own[topicId] = numbers(state);
    }
    before[`u:${userId}`] = own;
  }
  return {
    topicIds: selection.topicIds,
    questionIds: selection.questionIds,
    weakDuel: { topics: selection.topicIds.map((id) => byId.get(id)).filter((t) => t !== undefined), before, seenUsed: selection.seenUsed },
  };
}

// ---------------------------------------------------------------------------
// The podium's summary

export type MasteryPoint = { p: number; low: number; high: number; answers: number };

export type WeakDuelSummary = {
  roomId: string;
  finished: boolean;
  /** Answers of the last rounds are still being fed to the mastery model: ask again shortly. */
  pending: boolean;
  topics: { id: string; titleKo: string; titleEn: string | null }[];
  /** Questions seen in the last 7 days that were used because the pool was too small. */
  seenUsed: number;
  /** After the game: the topic of each round played. */
  rounds: { round: number; topicId: string }[];
  players: { playerKey: string; nickname: string; topics: { topicId: string; before: MasteryPoint | null; after: MasteryPoint | null }[] }[];
};

function point(state: MasteryNumbers | undefined, now: Date): MasteryPoint | null {
  if (!state) return null;
  const band = masteryInterval(masteryAt(state, now), { now });
  return { p: masteryProbability(state), low: band.low, high: band.high, answers: state.answers };
}

/**
 * The summary for one of the room's players (`requester`), or "not_weak_duel" / "not_in_room".
 * Mastery "after" is only given once the room is finished and its answers are recorded.
 */
export async function weakDuelSummary(db: Db, roomId: string, requester: string, now: number): Promise<WeakDuelSummary | "not_weak_duel" | "not_in_room"> {
  const room = await db.room.findUnique({ where: { id: roomId }, select: { config: true, phase: true, players: { select: { playerKey: true, nickname: true, userId: true } } } });
  const meta = (room?.config as { weakDuel?: WeakDuelMeta } | null)?.weakDuel;
  if (!room || !meta) return "not_weak_duel";
  if (!room.players.some((p) => p.playerKey === requester)) return "not_in_room";
  const finished = room.phase === "FINISHED";
  const topicIds = meta.topics.map((t) => t.id);
  let pending = false;
  let rounds: WeakDuelSummary["rounds"] = [];
  let after = new Map<string, Map<string, MasteryState>>();
  if (finished) {
    const [played, unrecorded] = await Promise.all([
      db.roomRound.findMany({ where: { roomId }, orderBy: { index: "asc" }, select: { index: true, closedAt: true, question: { select: { topicId: true } } } }),
      db.roomAnswer.count({ where: { round: { roomId }, masteryRecordedAt: null, player: { userId: { not: null } } } }),
    ]);
    rounds = played.map((r) => ({ round: r.index, topicId: r.question.topicId }));
    pending = unrecorded > 0 || played.some((r) => r.closedAt === null);
    if (!pending) after = await loadMasteries(db, room.players.flatMap((p) => (p.userId ? [p.userId] : [])), topicIds);
  }
  const at = new Date(now);
  return {
    roomId,
    finished,
    pending,
    topics: meta.topics,
    seenUsed: meta.seenUsed,
    rounds,
    players: room.players.map((p) => ({
      playerKey: p.playerKey,
      nickname: p.nickname,
      topics: topicIds.map((topicId) => {
        const afterState = p.userId ? after.get(p.userId)?.get(topicId) : undefined;
        return { topicId, before: point(meta.before[p.playerKey]?.[topicId], at), after: finished && !pending ? point(afterState, at) : null };
      }),
    })),
  };
}
