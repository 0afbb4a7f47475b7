// Reports for a group's owner and co-teachers: the student × topic mastery heatmap (one
// query: TopicMastery joined to the members), assignment completion and scores, the most
// missed questions with the wrong choice most of them picked, and CSV of both tables.
// Callers authorize first (data.ts); these functions take the group's scope as arguments.
import { stringify } from "csv-stringify/sync";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { MASTERY_PARAMS, Z80 } from "../mastery";
import { participantRoles } from "./notifications";
import type { GroupKind } from "./permissions";
import { assignmentPoints, liveStatus, memberStatus, type MemberStatus } from "./rules";

/**
 * "1,-1,42,…" → numbers. JSON.parse reads the digits straight into numbers; split(",") would
 * first allocate one string per number (100,000 for a class's attempts), which dominated the time.
 */
function parseNumbers(packed: string | null): number[] {
  return packed ? (JSON.parse(`[${packed}]`) as number[]) : [];
}

export type HeatCell = { mastery: number; low: number; high: number; answers: number };
export type HeatmapStudent = { userId: string; name: string; email: string; cells: Record<string, HeatCell> };
export type Heatmap = {
  topics: { id: string; title: { ko: string; en: string | null } }[];
  students: HeatmapStudent[];
  /** Mean mastery per topic over the students who answered it. */
  topicMeans: Record<string, { mastery: number; learners: number }>;
};

/**
 * One query: the members with their TopicMastery rows in this bank, mastery and its 80% band
 * computed in SQL by the mastery model's formulas (lib/mastery/model.ts: σ(θ), σ(θ ± z·sd),
 * sd grown by the recency drift up to the prior, its parameters passed in), in per-mille
 * integers, one row per student with one string of numbers ("t,m,l,h,n,…": topic index,
 * mastery/low/high ‰, answers): 500 rows to decode, not 20,000 row objects.
 *
 * Membership, mastery and topics are hash-joined in one pass (no CTE the planner cannot see
 * into, no per-cell index probe); the role filter compares the enum itself so its statistics apply.
 */
export async function loadHeatmap(group: { id: string; kind: GroupKind }, bankId: string, now: Date): Promise<Heatmap> {
  const roles = participantRoles(group.kind);
  const priorVar = MASTERY_PARAMS.thetaPriorSd ** 2;
  const topics = await db().topic.findMany({ where: { bankId, questions: { some: { status: "PUBLISHED" } } }, orderBy: { order: "asc" }, select: { id: true, titleKo: true, titleEn: true } });
  const topicIds = topics.map((t) => t.id);
  const rows = await db().$queryRaw<{ userId: string; name: string; email: string; cells: string | null }[]>`
    SELECT u.id AS "userId", u.name, u.email, string_agg(concat_ws(',', tp.i - 1,
             round(1000.0 / (1.0 + exp(-tm.theta)))::int,
             round(1000.0 / (1.0 + exp(-(tm.theta - ${Z80}::float8 * band.sd))))::int,
             round(1000.0 / (1.0 + exp(-(tm.theta + ${Z80}::float8 * band.sd))))::int,
             tm.answers), ',') AS cells
    FROM "GroupMembership" m JOIN "User" u ON u.id = m."userId"
    LEFT JOIN ("TopicMastery" tm JOIN unnest(${topicIds}::text[]) WITH ORDINALITY AS tp(id, i) ON tp.id = tm."topicId")
      ON tm."userId" = m."userId" AND tm.answers > 0
    CROSS JOIN LATERAL (SELECT sqrt(LEAST(${priorVar}::float8, tm.uncertainty * tm.uncertainty + COALESCE(${MASTERY_PARAMS.driftPerDay}::float8
      * GREATEST(0, date_part('epoch', (to_timestamp(${now.getTime()}::float8 / 1000.0) AT TIME ZONE 'UTC') - tm."lastAnsweredAt") / 86400.0), 0))) AS sd) band
    WHERE m."groupId" = ${group.id} AND m.role = ANY(${roles}::"GroupRole"[])
    GROUP BY u.id ORDER BY u.name, u.id`;
  const sums = topicIds.map(() => ({ sum: 0, learners: 0 }));
  const students = rows.map(({ userId, name, email, cells: packed }) => {
    const cells: Record<string, HeatCell> = {};
    const numbers = parseNumbers(packed);
    for (let i = 0; i + 4 < numbers.length; i += 5) {
      const index = numbers[i]!;
      const mastery = numbers[i + 1]! / 1000;
      cells[topicIds[index]!] = { mastery, low: numbers[i + 2]! / 1000, high: numbers[i + 3]! / 1000, answers: numbers[i + 4]! };
      sums[index]!.sum += mastery;
      sums[index]!.learners += 1;
    }
    return { userId, name, email, cells };
  });
  return {
    topics: topics.map((t) => ({ id: t.id, title: { ko: t.titleKo, en: t.titleEn } })),
    students,
    topicMeans: Object.fromEntries(topicIds.flatMap((id, i) => (sums[i]!.learners ? [[id, { mastery: sums[i]!.sum / sums[i]!.learners, learners: sums[i]!.learners }]] : []))),
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

type AttemptRow = { status: "IN_PROGRESS" | "SUBMITTED"; submittedAt: Date | null; correctCount: number | null; totalCount: number | null; scaledScore: number | null };
type LiveRow = { assignmentId: string; userId: string; score: number; answered: number; correct: number; rounds: number };

export async function loadCompletion(group: { id: string; kind: GroupKind }, now: Date, onlyUserId?: string): Promise<Completion> {
  const roles = participantRoles(group.kind);
  const [assignments, students] = await Promise.all([
    listGroupAssignments(group.id),
    db().groupMembership.findMany({
      where: { groupId: group.id, role: { in: roles }, ...(onlyUserId ? { userId: onlyUserId } : {}) },
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  const assignmentIds = assignments.map((a) => a.id);
  const userIds = students.map((s) => s.user.id);
  const [packedAttempts, live] = await Promise.all([
    // Thousands of attempts as one string of numbers (assignment and member by index): one value
    // to decode. date_part, not extract: extract returns numeric, slow to compute per row.
    db().$queryRaw<{ packed: string | null }[]>`
      SELECT string_agg(concat_ws(',', a.i - 1, u.i - 1,
               CASE WHEN at.status = 'SUBMITTED' THEN 1 ELSE 0 END, COALESCE(round(date_part('epoch', at."submittedAt") * 1000)::bigint, -1),
               COALESCE(at."correctCount", -1), COALESCE(at."totalCount", -1), COALESCE(at."scaledScore", -1)), ',') AS packed
      FROM "Attempt" at
      JOIN unnest(${assignmentIds}::text[]) WITH ORDINALITY AS a(id, i) ON a.id = at."assignmentId"
      JOIN unnest(${userIds}::text[]) WITH ORDINALITY AS u(id, i) ON u.id = at."userId"`,
    db().$queryRaw<LiveRow[]>`
      SELECT gg."assignmentId", p."userId", p.score,
             count(ans.id)::int AS answered, count(ans.id) FILTER (WHERE ans.correct)::int AS correct,
             (SELECT count(*)::int FROM "RoomRound" rr WHERE rr."roomId" = gg."roomId") AS rounds
      FROM "GroupGame" gg JOIN "RoomPlayer" p ON p."roomId" = gg."roomId"
      LEFT JOIN "RoomAnswer" ans ON ans."playerId" = p.id
      WHERE gg."groupId" = ${group.id} AND gg."assignmentId" IS NOT NULL AND p."userId" IS NOT NULL ${onlyUserId ? Prisma.sql`AND p."userId" = ${onlyUserId}` : Prisma.empty}
      GROUP BY gg."assignmentId", gg."roomId", p."userId", p.score`,
  ]);
  // Each member × assignment cell points at its attempt's numbers (7 per attempt), or -1: a flat
  // index instead of thousands of "user|assignment" string keys.
  const perMember = assignments.length;
  const numbers = parseNumbers(packedAttempts[0]?.packed ?? null);
  const attemptAt = new Int32Array(userIds.length * perMember).fill(-1);
  for (let i = 0; i + 6 < numbers.length; i += 7) attemptAt[numbers[i + 1]! * perMember + numbers[i]!] = i;
  const orNull = (n: number) => (n < 0 ? null : n);
  const liveBy = new Map(live.map((l) => [`${l.userId}|${l.assignmentId}`, l]));
  const counts = assignments.map((): Record<MemberStatus, number> => ({ not_started: 0, in_progress: 0, submitted: 0, late: 0, missed: 0 }));
  const percentSums = assignments.map(() => ({ sum: 0, n: 0 }));
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
        const i = attemptAt[u * perMember + j]!;
        const attempt: AttemptRow | null = i < 0 ? null : {
          status: numbers[i + 2] === 1 ? "SUBMITTED" : "IN_PROGRESS", submittedAt: numbers[i + 3]! < 0 ? null : new Date(numbers[i + 3]!),
          correctCount: orNull(numbers[i + 4]!), totalCount: orNull(numbers[i + 5]!), scaledScore: orNull(numbers[i + 6]!),
        };
        const status = memberStatus(a, attempt, now);
        const submitted = attempt?.status === "SUBMITTED";
        result = {
          status,
          correct: submitted ? attempt.correctCount : null,
          total: submitted ? attempt.totalCount : null,
          scaledScore: submitted ? attempt.scaledScore : null,
          points: submitted ? assignmentPoints(attempt.correctCount ?? 0, status === "late") : null,
        };
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
    students: students.map((s) => ({ userId: s.user.id, name: s.user.name, email: s.user.email })),
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

function toCsv(header: string[], rows: (string | number)[][]): string {
  return stringify([header, ...rows], { bom: true, record_delimiter: "windows" });
}

const percent = (x: number) => Math.round(x * 100);

export function heatmapCsv(heatmap: Heatmap, labels: CsvLabels): string {
  const header = [labels.name, labels.email, ...heatmap.topics.flatMap((t) => [safe(labels.topicTitle(t.title)), safe(`${labels.topicTitle(t.title)} ${labels.band}`)])];
  const rows = heatmap.students.map((s) => [
    safe(s.name), safe(s.email),
    ...heatmap.topics.flatMap((t) => {
      const cell = s.cells[t.id];
      return cell ? [percent(cell.mastery), `${percent(cell.low)}-${percent(cell.high)}`] : ["", ""];
    }),
  ]);
  return toCsv(header, rows);
}

export function completionCsv(completion: Completion, labels: CsvLabels): string {
  // Only the user-written texts (names, emails, titles) can start like a formula; the rest are ours.
  const header = [labels.name, labels.email, ...completion.assignments.flatMap((a) => [safe(a.title), safe(`${a.title} ${labels.score}`)])];
  const rows = completion.students.map((s) => [
    safe(s.name), safe(s.email),
    ...completion.assignments.flatMap((a) => {
      const r = completion.results[s.userId]![a.id]!;
      return [labels.status[r.status], r.correct !== null && r.total ? `${r.correct}/${r.total}` : ""];
    }),
  ]);
  return toCsv(header, rows);
}

