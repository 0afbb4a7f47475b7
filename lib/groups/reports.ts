// Reports for a group's owner and co-teachers: the student × topic mastery heatmap (one
// query: TopicMastery joined to the members), assignment completion and scores, the most
// missed questions with the wrong choice most of them picked, and CSV of both tables.
// Callers authorize first (data.ts); these functions take the group's scope as arguments.
import Papa from "papaparse";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { logistic, masteryBand80 } from "../mastery";
import { participantRoles } from "./notifications";
import { MemberRowCache, membersThroughCache, type KnownRows } from "./report-cache";
import type { GroupKind } from "./permissions";
import { assignmentPoints, liveStatus, memberStatusOf, type MemberStatus } from "./rules";

export type HeatCell = { mastery: number; low: number; high: number; answers: number };
export type HeatmapStudent = { userId: string; name: string; email: string };
export type Heatmap = {
  topics: { id: string; title: { ko: string; en: string | null } }[];
  students: HeatmapStudent[];
  /**
   * Student × topic, row-major, HEAT_FIELDS numbers a cell: mastery, low and high in per-mille,
   * answers; mastery −1 where the student has no answer in the topic. Read with heatCell. Numbers
   * in one typed array, not 18,000 objects for the garbage collector to move about.
   */
  cells: Int32Array;
  /** Mean mastery per topic over the students who answered it. */
  topicMeans: Record<string, { mastery: number; learners: number }>;
};

const HEAT_FIELDS = 4;

export function emptyHeatmap(): Heatmap {
  return { topics: [], students: [], cells: new Int32Array(0), topicMeans: {} };
}

/** The cell of heatmap.students[student] for heatmap.topics[topic], or null where they have not answered it. */
export function heatCell(heatmap: Heatmap, student: number, topic: number): HeatCell | null {
  if (student < 0) return null;
  const at = (student * heatmap.topics.length + topic) * HEAT_FIELDS;
  const mastery = heatmap.cells[at];
  if (mastery === undefined || mastery < 0) return null;
  return { mastery: mastery / 1000, low: heatmap.cells[at + 1]! / 1000, high: heatmap.cells[at + 2]! / 1000, answers: heatmap.cells[at + 3]! };
}

/** Bytes per cell in loadHeatmap's packed column: topic index (int4), θ and sd (float8), lastAnsweredAt (µs since 2000, int8), answers (int4). */
const CELL_BYTES = 32;
/** PostgreSQL's timestamp epoch (2000-01-01) in Unix ms. */
const PG_EPOCH_MS = 946_684_800_000;
/** The high word of -infinity (int64 minimum): a row with no answer time. */
const NO_TIME_HIGH = -0x8000_0000;

/** Heatmap rows kept between loads (report-cache.ts): a few classes' worth, about 0.6 MB each at 500 × 40. */
const heatmapCache = new MemberRowCache(32);

/**
 * A member's fingerprint of all their TopicMastery rows: count and integer sums of what a cell
 * shows. Every write that moves lastAnsweredAt also counts an answer, and θ or sd moving by under
 * 1e-6 cannot change a cell's per-mille, so equal fingerprints mean equal cells. Rows of every
 * bank: an answer in another bank costs one needless re-read, and the check joins no topics.
 */
const MASTERY_FINGERPRINT = Prisma.sql`CASE WHEN count(tm."userId") = 0 THEN '' ELSE count(tm."userId")::text || ':' || sum(tm.answers)::text
  || ':' || sum((tm.theta * 1e6)::int8)::text || ':' || sum((tm.uncertainty * 1e6)::int8)::text END`;

/** The bank's topics that have a published question, in order: the heatmap's columns. */
const heatmapTopics = (bankId: string) => Prisma.sql`
  SELECT t.id, t."titleKo", t."titleEn", (row_number() OVER (ORDER BY t."order", t.id))::int - 1 AS i
  FROM "Topic" t
  WHERE t."bankId" = ${bankId} AND EXISTS (SELECT 1 FROM "Question" q WHERE q."topicId" = t.id AND q.status = 'PUBLISHED')`;

/**
 * The CTEs through which a report query learns what the cache holds and which members to pack:
 * `same_columns` (are the columns, `columns` by index, the ones the cached rows were packed
 * against), `known` (each cached member's fingerprint) and `members` (the group's participants,
 * each with the current fingerprint from the query's `fp` CTE and `fresh` where their rows must be
 * packed again). The query defines `fp` before these.
 */
function cacheCtes(columns: "tp" | "asg", known: KnownRows | null, groupId: string, roles: string[], onlyUserId?: string) {
  return Prisma.sql`
    same_columns AS (SELECT COALESCE(array_agg(c.id ORDER BY c.i), '{}') = ${known?.columns ?? []}::text[] AS same FROM ${Prisma.raw(columns)} c),
    known AS (SELECT * FROM unnest(${known?.userIds ?? []}::text[], ${known?.fingerprints ?? []}::text[]) AS k("userId", fingerprint)),
    members AS (
      SELECT u.id, u.name, u.email, COALESCE(fp.fingerprint, '') AS fingerprint,
             NOT (SELECT same FROM same_columns) OR k.fingerprint IS DISTINCT FROM COALESCE(fp.fingerprint, '') AS fresh
      FROM "GroupMembership" m JOIN "User" u ON u.id = m."userId" LEFT JOIN fp ON fp."userId" = m."userId" LEFT JOIN known k ON k."userId" = m."userId"
      WHERE m."groupId" = ${groupId} AND m.role = ANY(${roles}::"GroupRole"[]) ${onlyUserId ? Prisma.sql`AND m."userId" = ${onlyUserId}` : Prisma.empty}
    )`;
}

/**
 * A report query's rows split into its columns (part 0, in order) and its members (part 1) with
 * their packed records decoded from base64, as membersThroughCache reads them.
 */
function splitReportRows<Row extends { part: number; id: string; name: string | null; email: string | null; fingerprint: string; fresh: boolean }>(rows: Row[], packedOf: (row: Row) => string | null) {
  const columnRows = rows.filter((r) => r.part === 0);
  return {
    columnRows,
    columns: columnRows.map((r) => r.id),
    members: rows.slice(columnRows.length).map((r) => {
      const packed = packedOf(r);
      return { id: r.id, name: r.name ?? "", email: r.email ?? "", fingerprint: r.fingerprint, fresh: r.fresh, packed: packed ? Buffer.from(packed, "base64") : null };
    }),
  };
}

type HeatmapQueryRow = { part: number; id: string; name: string; email: string | null; fingerprint: string; fresh: boolean; cells: string | null };

/**
 * One query, one round trip: the bank's topics (rows with part 0) and the members (part 1), each
 * with the fingerprint of their TopicMastery rows and, where it differs from the one the cache
 * holds (or the topics moved, or nothing is cached), their rows in this bank as fixed-width
 * binary records, base64 (a text column: Prisma passes it through, where a bytea would be
 * re-encoded twice). The records are
 * packed per member through the primary key, only for those members. PostgreSQL only copies the
 * stored numbers (its per-cell arithmetic and number-to-text output were most of the time); Node
 * reads them with a DataView and computes mastery and its 80% band by the mastery model itself
 * (masteryBand80), in per-mille as the report has always shown them. Cells go in an array by
 * topic position: 18,000 string-keyed properties cost more than the query.
 */
function heatmapQuery(groupId: string, roles: string[], bankId: string, known: KnownRows | null) {
  return db().$queryRaw<HeatmapQueryRow[]>`
    WITH tp AS (${heatmapTopics(bankId)}),
    fp AS (
      SELECT tm."userId", ${MASTERY_FINGERPRINT} AS fingerprint
      FROM "TopicMastery" tm
      WHERE tm."userId" IN (SELECT m."userId" FROM "GroupMembership" m WHERE m."groupId" = ${groupId} AND m.role = ANY(${roles}::"GroupRole"[]))
      GROUP BY 1
    ),
    ${cacheCtes("tp", known, groupId, roles)}
    SELECT 0 AS part, tp.i, tp.id, tp."titleKo" AS name, tp."titleEn" AS email, '' AS fingerprint, false AS fresh, NULL AS cells FROM tp
    UNION ALL
    SELECT 1, 0, mb.id, mb.name, mb.email, mb.fingerprint, mb.fresh, packed.cells
    FROM members mb LEFT JOIN LATERAL (
      SELECT encode(string_agg(int4send(tp.i) || float8send(tm.theta) || float8send(tm.uncertainty)
               || timestamp_send(COALESCE(tm."lastAnsweredAt", '-infinity')) || int4send(tm.answers), ''), 'base64') AS cells
      FROM "TopicMastery" tm JOIN tp ON tp.id = tm."topicId"
      WHERE mb.fresh AND tm."userId" = mb.id AND tm.answers > 0
    ) packed ON true
    ORDER BY part, i, name, id`;
}

export async function loadHeatmap(group: { id: string; kind: GroupKind }, bankId: string, now: Date): Promise<Heatmap> {
  const roles = participantRoles(group.kind);
  let topicRows: HeatmapQueryRow[] = [];
  const { members } = await membersThroughCache({
    cache: heatmapCache,
    key: `${group.id}|${bankId}|${roles.join(",")}`,
    read: async (known) => {
      const split = splitReportRows(await heatmapQuery(group.id, roles, bankId, known), (r) => r.cells);
      topicRows = split.columnRows;
      return split;
    },
  });
  const topics = topicRows.map((r) => ({ id: r.id, title: { ko: r.name ?? "", en: r.email } }));
  const sums = new Float64Array(topics.length);
  const learners = new Int32Array(topics.length);
  const cells = new Int32Array(members.length * topics.length * HEAT_FIELDS).fill(-1);
  const nowMs = now.getTime();
  const students = members.map((member, s): HeatmapStudent => {
    const packed = member.packed;
    if (packed) {
      const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
      for (let at = 0; at + CELL_BYTES <= packed.byteLength; at += CELL_BYTES) {
        const index = view.getInt32(at);
        const theta = view.getFloat64(at + 4);
        const high = view.getInt32(at + 20);
        const low = view.getUint32(at + 24);
        const lastMs = high === NO_TIME_HIGH && low === 0 ? null : (high * 2 ** 32 + low) / 1000 + PG_EPOCH_MS;
        const band = masteryBand80(theta, view.getFloat64(at + 12), lastMs, nowMs);
        const mastery = Math.round(logistic(theta) * 1000);
        const cell = (s * topics.length + index) * HEAT_FIELDS;
        cells[cell] = mastery;
        cells[cell + 1] = Math.round(band.low * 1000);
        cells[cell + 2] = Math.round(band.high * 1000);
        cells[cell + 3] = view.getInt32(at + 28);
        sums[index]! += mastery / 1000;
        learners[index]! += 1;
      }
    }
    return { userId: member.id, name: member.name, email: member.email };
  });
  return {
    topics,
    students,
    cells,
    topicMeans: Object.fromEntries(topics.flatMap((t, i) => (learners[i] ? [[t.id, { mastery: sums[i]! / learners[i]!, learners: learners[i]! }]] : []))),
  };
}

// ---------------------------------------------------------------------------
// Completion

export type AssignmentRow = {
  id: string; title: string; mode: "PRACTICE" | "TIMED" | "LIVE"; openAt: Date; dueAt: Date; latePolicy: "REFUSE" | "ACCEPT_LATE";
  bankId: string; topicIds: string[]; size: number; examFormat: string | null; secondsPerQuestion: number | null;
  gameCode: string | null; gamePhase: string | null;
};
export type MemberResult = { status: MemberStatus; correct: number | null; total: number | null; scaledScore: number | null; points: number | null };
export type Completion = {
  assignments: (AssignmentRow & { counts: Record<MemberStatus, number>; averagePercent: number | null })[];
  students: { userId: string; name: string; email: string }[];
  /** results[userId][assignmentId] */
  results: Record<string, Record<string, MemberResult>>;
};

export async function listGroupAssignments(groupId: string): Promise<AssignmentRow[]> {
  const rows = await db().assignment.findMany({
    where: { groupId },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: {
      id: true, title: true, mode: true, openAt: true, dueAt: true, latePolicy: true, bankId: true, topicIds: true, size: true, examFormat: true, secondsPerQuestion: true,
      game: { select: { room: { select: { code: true, phase: true } } } },
    },
  });
  return rows.map(({ game, ...a }) => ({ ...a, gameCode: game?.room.code ?? null, gamePhase: game?.room.phase ?? null }));
}

/** Bytes per attempt in loadCompletion's packed column: assignment index, submitted (int4 each), submittedAt (µs since 2000, int8), correct, total and scaled score (int4, -1 for none). */
const ATTEMPT_BYTES = 28;
type LiveRow = { assignmentId: string; userId: string; score: number; answered: number; correct: number; rounds: number };

/** Completion rows kept between loads (report-cache.ts). */
const completionCache = new MemberRowCache(32);

/**
 * A member's fingerprint of their attempts at the group's assignments: everything a record holds
 * is summed (submitting sets the submission time, so the latest one stands for them all).
 */
const ATTEMPT_FINGERPRINT = Prisma.sql`CASE WHEN count(at.id) = 0 THEN '' ELSE count(at.id)::text
  || ':' || count(*) FILTER (WHERE at.status = 'SUBMITTED')::text || ':' || COALESCE(sum(at."correctCount"), -1)::text
  || ':' || COALESCE(sum(at."totalCount"), -1)::text || ':' || COALESCE(sum(at."scaledScore"), -1)::text || ':' || COALESCE(max(at."submittedAt")::text, '') END`;

/** A member's attempts as ATTEMPT_BYTES records, base64 (in a query over "Attempt" at JOIN asg). */
const ATTEMPT_RECORDS = Prisma.sql`encode(string_agg(int4send(asg.i) || int4send(CASE WHEN at.status = 'SUBMITTED' THEN 1 ELSE 0 END)
  || timestamp_send(COALESCE(at."submittedAt", '-infinity')) || int4send(COALESCE(at."correctCount", -1))
  || int4send(COALESCE(at."totalCount", -1)) || int4send(COALESCE(at."scaledScore", -1)), ''), 'base64')`;

const groupAssignments = (groupId: string) => Prisma.sql`
  SELECT a.id, (row_number() OVER (ORDER BY a."dueAt", a.id))::int - 1 AS i FROM "Assignment" a WHERE a."groupId" = ${groupId}`;

type CompletionQueryRow = { part: number; i: number; id: string; name: string | null; email: string | null; fingerprint: string; fresh: boolean; packed: string | null };

/**
 * One round trip: the assignments' ids (part 0, by due time) and the members (part 1, by name),
 * each with the fingerprint of their attempts and, where it differs from the one the cache holds
 * (or the assignments moved), the attempts as fixed-width binary records (ATTEMPT_BYTES), base64:
 * no number printed as text per attempt nor parsed back. A record names its assignment by index;
 * -1 stands for a missing count, -infinity for no time. With onlyUserId, that member alone.
 * Attempts by members who left are fingerprinted and dropped (cheaper than a semi-join).
 */
function completionQuery(groupId: string, roles: string[], known: KnownRows | null, onlyUserId: string | undefined) {
  // Nothing cached: every member is packed, in one hash aggregate (a lateral per member costs more).
  if (!known) {
    return db().$queryRaw<CompletionQueryRow[]>`
      WITH asg AS (${groupAssignments(groupId)})
      SELECT 0 AS part, asg.i, asg.id, NULL AS name, NULL AS email, '' AS fingerprint, false AS fresh, NULL AS packed FROM asg
      UNION ALL
      SELECT 1, 0, u.id, u.name, u.email, ${ATTEMPT_FINGERPRINT}, true,
             ${ATTEMPT_RECORDS}
      FROM "GroupMembership" m JOIN "User" u ON u.id = m."userId"
      LEFT JOIN ("Attempt" at JOIN asg ON asg.id = at."assignmentId") ON at."userId" = m."userId"
      WHERE m."groupId" = ${groupId} AND m.role = ANY(${roles}::"GroupRole"[]) ${onlyUserId ? Prisma.sql`AND m."userId" = ${onlyUserId}` : Prisma.empty}
      GROUP BY u.id
      ORDER BY part, i, name, id`;
  }
  return db().$queryRaw<CompletionQueryRow[]>`
    WITH asg AS (${groupAssignments(groupId)}),
    fp AS (
      SELECT at."userId", ${ATTEMPT_FINGERPRINT} AS fingerprint
      FROM "Attempt" at JOIN asg ON asg.id = at."assignmentId"
      ${onlyUserId ? Prisma.sql`WHERE at."userId" = ${onlyUserId}` : Prisma.empty}
      GROUP BY 1
    ),
    ${cacheCtes("asg", known, groupId, roles, onlyUserId)}
    SELECT 0 AS part, asg.i, asg.id, NULL AS name, NULL AS email, '' AS fingerprint, false AS fresh, NULL AS packed FROM asg
    UNION ALL
    SELECT 1, 0, mb.id, mb.name, mb.email, mb.fingerprint, mb.fresh, records.packed
    FROM members mb LEFT JOIN LATERAL (
      SELECT ${ATTEMPT_RECORDS} AS packed
      FROM "Attempt" at JOIN asg ON asg.id = at."assignmentId"
      WHERE mb.fresh AND at."userId" = mb.id
    ) records ON true
    ORDER BY part, i, name, id`;
}

/** Every member's attempt records (through the cache), or one member's. */
async function attemptRecords(groupId: string, roles: string[], onlyUserId: string | undefined) {
  const read = async (known: KnownRows | null) => splitReportRows(await completionQuery(groupId, roles, known, onlyUserId), (r) => r.packed);
  if (onlyUserId) return read(null);
  return membersThroughCache({ cache: completionCache, key: `${groupId}|${roles.join(",")}`, read });
}

/** Forget every cached report row (the bench's cold runs; rows are checked on every load anyway). */
export function clearReportCaches(which: "heatmap" | "completion" | "all" = "all"): void {
  if (which !== "completion") heatmapCache.clear();
  if (which !== "heatmap") completionCache.clear();
}

export async function loadCompletion(group: { id: string; kind: GroupKind }, now: Date, onlyUserId?: string): Promise<Completion> {
  const roles = participantRoles(group.kind);
  const [assignments, records, live] = await Promise.all([
    listGroupAssignments(group.id),
    attemptRecords(group.id, roles, onlyUserId),
    db().$queryRaw<LiveRow[]>`
      SELECT gg."assignmentId", p."userId", p.score,
             count(ans.id)::int AS answered, count(ans.id) FILTER (WHERE ans.correct)::int AS correct,
             (SELECT count(*)::int FROM "RoomRound" rr WHERE rr."roomId" = gg."roomId") AS rounds
      FROM "GroupGame" gg JOIN "RoomPlayer" p ON p."roomId" = gg."roomId"
      LEFT JOIN "RoomAnswer" ans ON ans."playerId" = p.id
      WHERE gg."groupId" = ${group.id} AND gg."assignmentId" IS NOT NULL AND p."userId" IS NOT NULL ${onlyUserId ? Prisma.sql`AND p."userId" = ${onlyUserId}` : Prisma.empty}
      GROUP BY gg."assignmentId", gg."roomId", p."userId", p.score`,
  ]);
  // The assignment list is its own query: an assignment created or deleted in between must not
  // shift the columns, so the records' assignment index is mapped to the list's by id.
  const column = new Map(assignments.map((a, j) => [a.id, j]));
  const columnOf = records.columns.map((id) => column.get(id) ?? -1);
  const students = records.members.map((r) => ({ userId: r.id, name: r.name, email: r.email }));
  const userIds = students.map((s) => s.userId);
  // Each member × assignment cell (a flat index, not thousands of "user|assignment" keys) points
  // at its attempt's record in that member's bytes, or -1.
  const perMember = assignments.length;
  const views = records.members.map((r) => {
    const bytes = r.packed ?? Buffer.alloc(0);
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  });
  const attemptAt = new Int32Array(userIds.length * perMember).fill(-1);
  views.forEach((view, u) => {
    for (let at = 0; at + ATTEMPT_BYTES <= view.byteLength; at += ATTEMPT_BYTES) {
      const j = columnOf[view.getInt32(at)]!;
      if (j >= 0) attemptAt[u * perMember + j] = at;
    }
  });
  const orNull = (n: number) => (n < 0 ? null : n);
  const liveBy = new Map(live.map((l) => [`${l.userId}|${l.assignmentId}`, l]));
  const counts = assignments.map((): Record<MemberStatus, number> => ({ not_started: 0, in_progress: 0, submitted: 0, late: 0, missed: 0 }));
  const percentSums = assignments.map(() => ({ sum: 0, n: 0 }));
  // A member without an attempt has the same status as every other one without it.
  const withoutAttempt = assignments.map((a) => memberStatusOf(a, null, null, now));
  const results: Completion["results"] = {};
  userIds.forEach((userId, u) => {
    const row: Record<string, MemberResult> = {};
    assignments.forEach((a, j) => {
      let result: MemberResult;
      if (a.mode === "LIVE") {
        const played = liveBy.get(`${userId}|${a.id}`);
        const status = liveStatus(Boolean(played && played.answered > 0), a.gamePhase === "FINISHED", a, now);
        result = { status, correct: played?.correct ?? null, total: played ? played.rounds : null, scaledScore: null, points: played?.score ?? null };
      } else {
        const at = attemptAt[u * perMember + j]!;
        if (at < 0) {
          result = { status: withoutAttempt[j]!, correct: null, total: null, scaledScore: null, points: null };
        } else {
          const view = views[u]!;
          const submitted = view.getInt32(at + 4) === 1;
          const high = view.getInt32(at + 8);
          const low = view.getUint32(at + 12);
          // Whole ms, as a Date read from the database would hold it.
          const submittedAtMs = high === NO_TIME_HIGH && low === 0 ? null : Math.floor((high * 2 ** 32 + low) / 1000) + PG_EPOCH_MS;
          const status = memberStatusOf(a, submitted ? "SUBMITTED" : "IN_PROGRESS", submittedAtMs, now);
          const correct = submitted ? orNull(view.getInt32(at + 16)) : null;
          result = {
            status,
            correct,
            total: submitted ? orNull(view.getInt32(at + 20)) : null,
            scaledScore: submitted ? orNull(view.getInt32(at + 24)) : null,
            points: submitted ? assignmentPoints(correct ?? 0, status === "late") : null,
          };
        }
      }
      row[a.id] = result;
      counts[j]![result.status] += 1;
      if (result.correct !== null && result.total) {
        percentSums[j]!.sum += result.correct / result.total;
        percentSums[j]!.n += 1;
      }
    });
    results[userId] = row;
  });
  return {
    assignments: assignments.map((a, j) => ({ ...a, counts: counts[j]!, averagePercent: percentSums[j]!.n ? percentSums[j]!.sum / percentSums[j]!.n : null })),
    students,
    results,
  };
}

// ---------------------------------------------------------------------------
// Most-missed questions (assignment attempts and the group's live games)

export type MissedQuestion = { questionId: string; stem: string; answers: number; wrong: number; topWrongKey: string | null; topWrongText: string | null; topWrongCount: number };

export async function loadMostMissed(groupId: string, limit = 10): Promise<MissedQuestion[]> {
  return db().$queryRaw<MissedQuestion[]>`
    WITH answers AS (
      SELECT i."questionId", i.correct, i."selectedChoiceIds" AS picks
      FROM "AttemptItem" i JOIN "Attempt" at ON at.id = i."attemptId" JOIN "Assignment" a ON a.id = at."assignmentId"
      WHERE a."groupId" = ${groupId} AND i.correct IS NOT NULL AND (cardinality(i."selectedChoiceIds") > 0 OR i."textAnswer" IS NOT NULL)
      UNION ALL
      SELECT rr."questionId", ans.correct, ans."choiceIds"
      FROM "GroupGame" gg JOIN "RoomRound" rr ON rr."roomId" = gg."roomId" JOIN "RoomAnswer" ans ON ans."roundId" = rr.id
      WHERE gg."groupId" = ${groupId} AND ans.correct IS NOT NULL
    ), per_question AS (
      SELECT "questionId", count(*)::int AS answers, count(*) FILTER (WHERE NOT correct)::int AS wrong FROM answers GROUP BY 1
    ), wrong_picks AS (
      SELECT a."questionId", pick, count(*)::int AS n
      FROM answers a CROSS JOIN LATERAL unnest(a.picks) AS pick
      JOIN "Choice" c ON c."questionId" = a."questionId" AND c.key = pick AND NOT c.correct
      WHERE NOT a.correct GROUP BY 1, 2
    ), top_pick AS (
      SELECT DISTINCT ON ("questionId") "questionId", pick, n FROM wrong_picks ORDER BY "questionId", n DESC, pick
    )
    SELECT q.id AS "questionId", q.stem, pq.answers, pq.wrong, tp.pick AS "topWrongKey", c.text AS "topWrongText", COALESCE(tp.n, 0)::int AS "topWrongCount"
    FROM per_question pq JOIN "Question" q ON q.id = pq."questionId"
    LEFT JOIN top_pick tp ON tp."questionId" = pq."questionId"
    LEFT JOIN "Choice" c ON c."questionId" = pq."questionId" AND c.key = tp.pick
    WHERE pq.wrong > 0
    ORDER BY pq.wrong::float8 / pq.answers DESC, pq.wrong DESC, q.id
    LIMIT ${limit}`;
}

// ---------------------------------------------------------------------------
// Leaderboard points for the season

export async function loadSeasonPoints(group: { id: string; kind: GroupKind; seasonStartedAt: Date }): Promise<{ userId: string; name: string; points: number }[]> {
  const roles = participantRoles(group.kind);
  const season = group.seasonStartedAt.getTime();
  const rows = await db().$queryRaw<{ userId: string; name: string; onTime: number; late: number; live: number }[]>`
    WITH members AS (
      SELECT m."userId", u.name FROM "GroupMembership" m JOIN "User" u ON u.id = m."userId"
      WHERE m."groupId" = ${group.id} AND m.role::text = ANY(${roles}::text[])
    ), work AS (
      SELECT at."userId",
             sum(at."correctCount") FILTER (WHERE NOT (a."latePolicy" = 'ACCEPT_LATE' AND at."submittedAt" > a."dueAt" + interval '2 seconds'))::int AS on_time,
             sum(at."correctCount") FILTER (WHERE a."latePolicy" = 'ACCEPT_LATE' AND at."submittedAt" > a."dueAt" + interval '2 seconds')::int AS late
      FROM "Attempt" at JOIN "Assignment" a ON a.id = at."assignmentId"
      WHERE a."groupId" = ${group.id} AND at.status = 'SUBMITTED' AND at."submittedAt" >= (to_timestamp(${season}::float8 / 1000.0) AT TIME ZONE 'UTC')
      GROUP BY at."userId"
    ), live AS (
      SELECT p."userId", sum(p.score)::int AS score
      FROM "GroupGame" gg JOIN "RoomPlayer" p ON p."roomId" = gg."roomId"
      WHERE gg."groupId" = ${group.id} AND p."userId" IS NOT NULL AND gg."createdAt" >= (to_timestamp(${season}::float8 / 1000.0) AT TIME ZONE 'UTC')
      GROUP BY p."userId"
    )
    SELECT m."userId", m.name, COALESCE(w.on_time, 0)::int AS "onTime", COALESCE(w.late, 0)::int AS late, COALESCE(l.score, 0)::int AS live
    FROM members m LEFT JOIN work w ON w."userId" = m."userId" LEFT JOIN live l ON l."userId" = m."userId"`;
  return rows.map((r) => ({ userId: r.userId, name: r.name, points: assignmentPoints(r.onTime, false) + assignmentPoints(r.late, true) + Math.round(r.live / 10) }));
}

// ---------------------------------------------------------------------------
// CSV: UTF-8 with a BOM (Excel reads Korean correctly), RFC 4180 (CRLF, quotes doubled), one row per student.

export type CsvLabels = { name: string; email: string; status: Record<MemberStatus, string>; score: string; band: string; topicTitle: (t: { ko: string; en: string | null }) => string };

/** A name like "=HYPERLINK(…)" must not run as a formula in a spreadsheet: it is prefixed with '. */
const FORMULA = /^[=+\-@\t\r]/;
const safe = (text: string) => (FORMULA.test(text) ? `'${text}` : text);

// Papa Parse's writer quotes by RFC 4180 (a field with a comma, quote, line break or edge space
// is quoted, quotes doubled) at about twice the speed of csv-stringify on a class's export.
function toCsv(header: string[], rows: string[][]): string {
  rows.unshift(header);
  return `\uFEFF${Papa.unparse(rows, { newline: "\r\n" })}\r\n`;
}

const percent = (x: number) => Math.round(x * 100);

// The rows are built with plain loops: flatMap and spreads per cell (31,000 of them in a class's
// export) cost more than the CSV library itself.
export function heatmapCsv(heatmap: Heatmap, labels: CsvLabels): string {
  const header = [labels.name, labels.email];
  for (const t of heatmap.topics) header.push(safe(labels.topicTitle(t.title)), safe(`${labels.topicTitle(t.title)} ${labels.band}`));
  const rows = heatmap.students.map((student, s) => {
    const row = [safe(student.name), safe(student.email)];
    for (let t = 0; t < heatmap.topics.length; t++) {
      const cell = heatCell(heatmap, s, t);
      if (cell) row.push(String(percent(cell.mastery)), `${percent(cell.low)}-${percent(cell.high)}`);
      else row.push("", "");
    }
    return row;
  });
  return toCsv(header, rows);
}

export function completionCsv(completion: Completion, labels: CsvLabels): string {
  // Only the user-written texts (names, emails, titles) can start like a formula; the rest are ours.
  const header = [labels.name, labels.email];
  for (const a of completion.assignments) header.push(safe(a.title), safe(`${a.title} ${labels.score}`));
  const rows = completion.students.map((s) => {
    const row = [safe(s.name), safe(s.email)];
    const results = completion.results[s.userId]!;
    for (const a of completion.assignments) {
      const r = results[a.id]!;
      row.push(labels.status[r.status], r.correct !== null && r.total ? `${r.correct}/${r.total}` : "");
    }
    return row;
  });
  return toCsv(header, rows);
}

