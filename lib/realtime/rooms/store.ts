// The rooms' data layer: room rows, ownership leases, the room log and its side tables
// (RoomPlayer, RoomRound, RoomAnswer), snapshots and round results. Times in the database
// are UTC `timestamp(3)`, as Prisma writes them: epoch milliseconds go to SQL as float8 and
// become UTC there (no driver time-zone guessing), and SQL compares with now() AT TIME ZONE 'UTC'.
import type { Db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import type { RoomState, RoundResult } from "../engine";
import type { RoomLogEntry } from "./replay";
import type { WeakDuelMeta } from "../weak-duel/store";

type Tx = Prisma.TransactionClient;

export type RoomKind = "DUEL" | "GROUP";

/** What the room was made from, beyond the engine's state (Room.config). A group's room seats its members only. */
export type RoomMeta = { bankId: string; bankSlug: string; topicIds: string[]; groupId?: string; weakDuel?: WeakDuelMeta };

export type NewRoom = {
  state: RoomState;
  kind: RoomKind;
  meta: RoomMeta;
  nodeId: string;
  leaseMs: number;
};

export type PlayerRow = { roomId: string; playerKey: string; nickname: string; isHost: boolean; joinedAt: number };
export type RoundRow = { roomId: string; index: number; questionId: string; startsAt: number; deadlineAt: number };
export type AnswerRow = { roomId: string; round: number; playerKey: string; choiceIds: string[]; responseMs: number; answeredAt: number };
export type PhaseRow = { roomId: string; phase: "PLAYING" | "FINISHED"; finishedAt: number | null };
export type LogRow = { roomId: string; seq: number; entry: RoomLogEntry };

export class RoomCodeTaken extends Error {}

// Seat and round rows have ids derived from what they are, so the hot path (a round's
// answers) writes RoomAnswer rows without looking them up: no join whose plan depends on
// table statistics (a fresh, unanalyzed RoomPlayer table once made each answer scan every
// seat of its room).
export const playerRowId = (roomId: string, playerKey: string) => `${roomId}/${playerKey}`;
export const roundRowId = (roomId: string, index: number) => `${roomId}/${index}`;


function isUniqueViolation(error: unknown, field: string): boolean {
  const text = String((error as { message?: unknown })?.message ?? error);
  return (text.includes("Unique constraint") || text.includes("unique constraint") || text.includes("23505")) && text.includes(field);
}

/** Inserts the room (snapshot at its first seq, owned by `nodeId`) and its seats. */
export async function insertRoom(db: Db, room: NewRoom): Promise<void> {
  const { state } = room;
  const players: PlayerRow[] = [];
  for (const shard of state.seats) {
    for (const seat of Object.values(shard)) {
      players.push({ roomId: state.roomId, playerKey: seat.playerId, nickname: seat.nickname, isHost: seat.isHost, joinedAt: seat.joinedAt });
    }
  }
  const hostUser = state.hostId.startsWith("u:") ? state.hostId.slice(2) : null;
  const hostGuest = state.hostId.startsWith("g:") ? state.hostId.slice(2) : null;
  try {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "Room" (id, code, kind, "bankId", "hostUserId", "hostGuestId", config, phase, state, "stateVersion", "ownerNode", "leaseUntil", "createdAt", "updatedAt")
        VALUES (${state.roomId}, ${state.code}, ${room.kind}::"RoomKind", ${room.meta.bankId}, ${hostUser}, ${hostGuest},
          ${JSON.stringify(room.meta)}::jsonb, ${state.phase === "lobby" ? "LOBBY" : "PLAYING"}::"RoomPhase", ${JSON.stringify(state)}::jsonb, ${state.seq},
          ${room.nodeId}, (now() AT TIME ZONE 'UTC') + ${room.leaseMs} * interval '1 millisecond',
          (to_timestamp(${state.createdAt}::float8 / 1000.0) AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))`;
      await upsertPlayers(tx, players);
      // A rematch with autoStart and no countdown is created with its first round open.
      const round = state.round;
      if (state.phase === "question" && round) {
        await tx.$executeRaw`
          INSERT INTO "RoomRound" (id, "roomId", index, "questionId", "startsAt", "deadlineAt")
          VALUES (${roundRowId(state.roomId, round.index)}, ${state.roomId}, ${round.index}, ${round.questionId},
                  (to_timestamp(${round.startsAt}::float8 / 1000.0) AT TIME ZONE 'UTC'), (to_timestamp(${round.deadlineAt}::float8 / 1000.0) AT TIME ZONE 'UTC'))`;
      }
    });
  } catch (error) {
    if (isUniqueViolation(error, "code")) throw new RoomCodeTaken(state.code);
    throw error;
  }
}

export async function roomIdByCode(db: Db, code: string): Promise<string | null> {
  const room = await db.room.findUnique({ where: { code }, select: { id: true } });
  return room?.id ?? null;
}

export type Ownership = { exists: false } | { exists: true; claimed: boolean; ownerNode: string | null };

/**
 * Takes the room when nobody holds a live lease on it (or this node already does), in one
 * atomic UPDATE: of two processes racing for an expired room, exactly one wins.
 */
export async function claimRoom(db: Db, roomId: string, nodeId: string, leaseMs: number): Promise<Ownership> {
  const rows = await db.$queryRaw<{ ownerNode: string | null; claimed: boolean }[]>`
    WITH claimed AS (
      UPDATE "Room" SET "ownerNode" = ${nodeId}, "leaseUntil" = (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond'
      WHERE id = ${roomId} AND ("ownerNode" = ${nodeId} OR "ownerNode" IS NULL OR "leaseUntil" IS NULL OR "leaseUntil" < (now() AT TIME ZONE 'UTC'))
      RETURNING id)
    SELECT r."ownerNode", EXISTS (SELECT 1 FROM claimed) AS claimed FROM "Room" r WHERE r.id = ${roomId}`;
  const row = rows[0];
  if (!row) return { exists: false };
  return { exists: true, claimed: row.claimed, ownerNode: row.claimed ? nodeId : row.ownerNode };
}

/** Extends this node's leases; returns the rooms it still owns (a room missing was taken over). */
export async function renewLeases(db: Db, roomIds: string[], nodeId: string, leaseMs: number): Promise<Set<string>> {
  if (roomIds.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Room" SET "leaseUntil" = (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond'
    WHERE id = ANY(${roomIds}::text[]) AND "ownerNode" = ${nodeId}
    RETURNING id`;
  return new Set(rows.map((r) => r.id));
}

/** Gives rooms up (graceful shutdown, idle eviction): any process may claim them at once. */
export async function releaseRooms(db: Db, roomIds: string[], nodeId: string): Promise<void> {
  if (roomIds.length === 0) return;
  await db.$executeRaw`
    UPDATE "Room" SET "ownerNode" = NULL, "leaseUntil" = NULL
    WHERE id = ANY(${roomIds}::text[]) AND "ownerNode" = ${nodeId}`;
}

/** Rooms in play whose owner stopped renewing: candidates for a takeover. */
export async function orphanedRooms(db: Db, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Room"
    WHERE phase = 'PLAYING' AND ("leaseUntil" IS NULL OR "leaseUntil" < (now() AT TIME ZONE 'UTC'))
    ORDER BY "leaseUntil" ASC NULLS FIRST LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export type StoredRoom = {
  snapshot: RoomState;
  entries: RoomLogEntry[];
  kind: RoomKind;
  meta: RoomMeta;
  /** Closed rounds whose results were never written (the owner died in between). */
  unscoredRounds: number[];
};

export async function loadRoom(db: Db, roomId: string): Promise<StoredRoom | null> {
  const room = await db.room.findUnique({
    where: { id: roomId },
    select: { state: true, kind: true, config: true, bank: { select: { id: true, slug: true } } },
  });
  if (!room || !room.state) return null;
  const snapshot = room.state as unknown as RoomState;
  const [log, rounds] = await Promise.all([
    db.roomLog.findMany({ where: { roomId, seq: { gt: snapshot.seq } }, orderBy: { seq: "asc" }, select: { entry: true } }),
    db.roomRound.findMany({ where: { roomId, closedAt: null }, select: { index: true } }),
  ]);
  const config = (room.config ?? {}) as Partial<RoomMeta>;
  return {
    snapshot,
    entries: log.map((row) => row.entry as unknown as RoomLogEntry),
    kind: room.kind,
    meta: {
      bankId: room.bank.id, bankSlug: room.bank.slug, topicIds: Array.isArray(config.topicIds) ? config.topicIds : [],
      ...(typeof config.groupId === "string" ? { groupId: config.groupId } : {}),
    },
    unscoredRounds: rounds.map((r) => r.index),
  };
}

// ---------------------------------------------------------------------------
// The log batch (writer.ts): one transaction per batch, every room's entries in seq order.

export type LogBatch = {
  logs: LogRow[];
  players: PlayerRow[];
  rounds: RoundRow[];
  answers: AnswerRow[];
  phases: PhaseRow[];
};

/**
 * Writes a batch, fenced by ownership: the rooms' rows are share-locked and must still name
 * this node as owner, so a process that lost a room (a pause longer than its lease) cannot
 * append to a log another process now continues. Returns the rooms whose entries were NOT
 * written (taken over); everything else is committed atomically.
 *
 * Usually one statement (data-modifying CTEs: atomic, no BEGIN/COMMIT round trips). Those
 * CTEs all see the same snapshot, so an answer cannot find a seat or round inserted by the
 * same statement: a batch holding both (only a client that answers without waiting for its
 * join ack, or right as the round opens) takes a transaction with seats and rounds first.
 */
export async function writeLogBatch(db: Db, nodeId: string, batch: LogBatch): Promise<Set<string>> {
  const roomIds = [...new Set(batch.logs.map((l) => l.roomId))];
  const dependent = batch.answers.length > 0 && (batch.players.length > 0 || batch.rounds.length > 0);
  if (!dependent) {
    const rows = await db.$queryRaw<{ owned: string[] | null }[]>(batchSql(roomIds, nodeId, batch));
    return lostRooms(roomIds, rows[0]?.owned ?? []);
  }
  return db.$transaction(async (tx) => {
    const setup = await tx.$queryRaw<{ owned: string[] | null }[]>(batchSql(roomIds, nodeId, { ...batch, answers: [] }));
    const lost = lostRooms(roomIds, setup[0]?.owned ?? []);
    const owned = roomIds.filter((id) => !lost.has(id));
    await tx.$queryRaw(batchSql(owned, nodeId, { logs: [], players: [], rounds: [], phases: [], answers: batch.answers }));
    return lost;
  });
}

function lostRooms(roomIds: string[], owned: string[]): Set<string> {
  const ownedIds = new Set(owned);
  return new Set(roomIds.filter((id) => !ownedIds.has(id)));
}

/**
 * Each section travels as ONE JSON parameter read back with jsonb_to_recordset: a single
 * JSON.stringify per section instead of per-element array escaping in the driver (that
 * escaping was a large share of the server's CPU with 250 rooms flushing at once).
 */
function batchSql(roomIds: string[], nodeId: string, batch: LogBatch) {
  const logs = JSON.stringify(batch.logs.map((x) => ({ r: x.roomId, s: x.seq, e: x.entry })));
  const players = JSON.stringify(batch.players.map((x) => ({ id: playerRowId(x.roomId, x.playerKey), r: x.roomId, k: x.playerKey, n: x.nickname, h: x.isHost, t: x.joinedAt })));
  const rounds = JSON.stringify(batch.rounds.map((x) => ({ id: roundRowId(x.roomId, x.index), r: x.roomId, i: x.index, q: x.questionId, s: x.startsAt, d: x.deadlineAt })));
  const answers = JSON.stringify(batch.answers.map((x) => ({ r: x.roomId, rr: roundRowId(x.roomId, x.round), p: playerRowId(x.roomId, x.playerKey), c: x.choiceIds, ms: x.responseMs, t: x.answeredAt })));
  const phases = JSON.stringify(batch.phases.map((x) => ({ r: x.roomId, ph: x.phase, f: x.finishedAt })));
  return Prisma.sql`
    WITH owned AS (
      SELECT id FROM "Room" WHERE id = ANY(${roomIds}::text[]) AND "ownerNode" = ${nodeId} FOR SHARE
    ), log AS (
      INSERT INTO "RoomLog" ("roomId", seq, entry)
      SELECT v.r, v.s, v.e FROM jsonb_to_recordset(${logs}::jsonb) AS v(r text, s int, e jsonb)
      WHERE v.r IN (SELECT id FROM owned)
    ), players AS (
      -- A user id that no longer exists becomes NULL instead of failing the whole batch.
      INSERT INTO "RoomPlayer" (id, "roomId", "playerKey", "userId", "guestId", nickname, "isHost", "joinedAt")
      SELECT v.id, v.r, v.k,
             (SELECT u.id FROM "User" u WHERE v.k LIKE 'u:%' AND u.id = substr(v.k, 3)),
             CASE WHEN v.k LIKE 'g:%' THEN substr(v.k, 3) END,
             v.n, v.h, (to_timestamp(v.t / 1000.0) AT TIME ZONE 'UTC')
      FROM jsonb_to_recordset(${players}::jsonb) AS v(id text, r text, k text, n text, h boolean, t float8)
      WHERE v.r IN (SELECT id FROM owned)
      ON CONFLICT DO NOTHING
    ), rounds AS (
      INSERT INTO "RoomRound" (id, "roomId", index, "questionId", "startsAt", "deadlineAt")
      SELECT v.id, v.r, v.i, v.q, (to_timestamp(v.s / 1000.0) AT TIME ZONE 'UTC'), (to_timestamp(v.d / 1000.0) AT TIME ZONE 'UTC')
      FROM jsonb_to_recordset(${rounds}::jsonb) AS v(id text, r text, i int, q text, s float8, d float8)
      WHERE v.r IN (SELECT id FROM owned)
      ON CONFLICT ("roomId", index) DO UPDATE SET "startsAt" = EXCLUDED."startsAt", "deadlineAt" = EXCLUDED."deadlineAt"
    ), answers AS (
      -- One answer per player per round, enforced here too (RoomAnswer's unique key).
      INSERT INTO "RoomAnswer" (id, "roundId", "playerId", "choiceIds", "responseMs", "answeredAt")
      SELECT gen_random_uuid()::text, v.rr, v.p, ARRAY(SELECT jsonb_array_elements_text(v.c)), v.ms, (to_timestamp(v.t / 1000.0) AT TIME ZONE 'UTC')
      FROM jsonb_to_recordset(${answers}::jsonb) AS v(r text, rr text, p text, c jsonb, ms int, t float8)
      WHERE v.r IN (SELECT id FROM owned)
      ON CONFLICT ("roundId", "playerId") DO NOTHING
    ), phases AS (
      UPDATE "Room" room SET phase = v.ph::"RoomPhase",
             "finishedAt" = (to_timestamp(v.f / 1000.0) AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM jsonb_to_recordset(${phases}::jsonb) AS v(r text, ph text, f float8)
      WHERE room.id = v.r AND v.r IN (SELECT id FROM owned)
    )
    SELECT array_agg(id) AS owned FROM owned`;
}

async function upsertPlayers(tx: Tx, players: PlayerRow[]): Promise<void> {
  if (players.length === 0) return;
  // A user id that no longer exists becomes NULL instead of failing the whole batch.
  await tx.$executeRaw`
    INSERT INTO "RoomPlayer" (id, "roomId", "playerKey", "userId", "guestId", nickname, "isHost", "joinedAt")
    SELECT v.room_id || '/' || v.player_key, v.room_id, v.player_key,
           (SELECT u.id FROM "User" u WHERE v.player_key LIKE 'u:%' AND u.id = substr(v.player_key, 3)),
           CASE WHEN v.player_key LIKE 'g:%' THEN substr(v.player_key, 3) END,
           v.nickname, v.is_host, (to_timestamp(v.joined_at / 1000.0) AT TIME ZONE 'UTC')
    FROM unnest(${players.map((p) => p.roomId)}::text[], ${players.map((p) => p.playerKey)}::text[], ${players.map((p) => p.nickname)}::text[],
                ${players.map((p) => p.isHost)}::bool[], ${players.map((p) => p.joinedAt)}::float8[])
         AS v(room_id, player_key, nickname, is_host, joined_at)
    ON CONFLICT DO NOTHING`;
}

/** The room's full state at state.seq; the log up to it is no longer needed. One statement. */
export async function writeSnapshot(db: Db, nodeId: string, state: RoomState): Promise<void> {
  await db.$executeRaw`
    WITH updated AS (
      UPDATE "Room" SET state = ${JSON.stringify(state)}::jsonb, "stateVersion" = ${state.seq}, "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE id = ${state.roomId} AND "ownerNode" = ${nodeId} AND "stateVersion" < ${state.seq}
      RETURNING id
    )
    DELETE FROM "RoomLog" WHERE "roomId" IN (SELECT id FROM updated) AND seq <= ${state.seq}`;
}

/**
 * A closed round's scores in one statement: RoomAnswer.correct/points (a guest's answer is
 * marked as needing no mastery record), the players' totals, RoomRound.closedAt.
 */
export async function writeRoundResults(
  db: Db,
  input: { roomId: string; round: number; closedAt: number; results: RoundResult[]; totals: { playerKey: string; score: number; streak: number }[] },
): Promise<void> {
  const answered = JSON.stringify(
    input.results.filter((r) => r.choiceIds !== null).map((r) => ({ p: playerRowId(input.roomId, r.playerId), c: r.correct, pt: r.points, g: r.playerId.startsWith("g:") })),
  );
  const totals = JSON.stringify(input.totals.map((t) => ({ id: playerRowId(input.roomId, t.playerKey), s: t.score, k: t.streak })));
  const roundId = roundRowId(input.roomId, input.round);
  await db.$executeRaw`
    WITH answers AS (
      UPDATE "RoomAnswer" a SET correct = v.c, points = v.pt,
             "masteryRecordedAt" = CASE WHEN v.g THEN (now() AT TIME ZONE 'UTC') ELSE a."masteryRecordedAt" END
      FROM jsonb_to_recordset(${answered}::jsonb) AS v(p text, c boolean, pt int, g boolean)
      WHERE a."roundId" = ${roundId} AND a."playerId" = v.p
    ), totals AS (
      UPDATE "RoomPlayer" p SET score = v.s, streak = v.k
      FROM jsonb_to_recordset(${totals}::jsonb) AS v(id text, s int, k int)
      WHERE p.id = v.id
    )
    UPDATE "RoomRound" SET "closedAt" = (to_timestamp(${input.closedAt}::float8 / 1000.0) AT TIME ZONE 'UTC') WHERE id = ${roundId}`;
}

/** Whether a signed-in user may take a seat in a group's room: a member of that group. */
export async function isGroupMember(db: Db, groupId: string, userId: string): Promise<boolean> {
  const row = await db.groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { userId: true } });
  return row !== null;
}
