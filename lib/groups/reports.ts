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

export type HeatCell = { mastery: number; low: number; high: number; answers: number };
export type HeatmapStudent = { userId: string; name: string; email: string; cells: Record<string, HeatCell> };
export type Heatmap = {
  topics: { id: string; title: { ko: string; en: string | null } }[];
  students: HeatmapStudent[];
  /** Mean mastery per topic over the students who answered it. */
  topicMeans: Record<string, { mastery: number; learners: number }>;
};

/** Per student: [userId, name, email, "t,m,l,h,n,t,m,l,h,n,…"]: topic index, mastery/low/high in ‰, answers. */
type HeatJson = [userId: string, name: string, email: string, cells: string][];

/**
 * One query: the members' TopicMastery rows in this bank, with mastery and its 80% band
 * computed in SQL by the mastery model's formulas (lib/mastery/model.ts: σ(θ), σ(θ ± z·sd),
 * sd grown by the recency drift up to the prior, its parameters passed in), in per-mille
 * integers, one string of numbers per student: 20,000 cells are a few hundred KB of digits
 * to decode, not 20,000 row objects.
 */
export async function loadHeatmap(group: { id: string; kind: GroupKind }, bankId: string, now: Date): Promise<Heatmap> {
  const roles = participantRoles(group.kind);
  const priorVar = MASTERY_PARAMS.thetaPriorSd ** 2;
  const topics = await db().topic.findMany({ where: { bankId, questions: { some: { status: "PUBLISHED" } } }, orderBy: { order: "asc" }, select: { id: true, titleKo: true, titleEn: true } });
  const topicIds = topics.map((t) => t.id);
  const rows = await db().$queryRaw<{ students: string | null }[]>`
    WITH members AS (
      SELECT m."userId" FROM "GroupMembership" m WHERE m."groupId" = ${group.id} AND m.role::text = ANY(${roles}::text[])
    ), cells AS (
      SELECT tm."userId", tp.i AS topic, tm.theta, tm.answers,
             sqrt(LEAST(${priorVar}::float8, tm.uncertainty * tm.uncertainty + CASE WHEN tm."lastAnsweredAt" IS NULL THEN 0
               ELSE ${MASTERY_PARAMS.driftPerDay}::float8 * GREATEST(0, extract(epoch FROM ((to_timestamp(${now.getTime()}::float8 / 1000.0) AT TIME ZONE 'UTC') - tm."lastAnsweredAt")) / 86400.0) END)) AS sd
      FROM members m JOIN "TopicMastery" tm ON tm."userId" = m."userId"
      JOIN unnest(${topicIds}::text[]) WITH ORDINALITY AS tp(id, i) ON tp.id = tm."topicId"
      WHERE tm.answers > 0
    ), by_user AS (
      SELECT "userId", string_agg(concat_ws(',', topic - 1,
               round(1000.0 / (1.0 + exp(-theta)))::int,
               round(1000.0 / (1.0 + exp(-(theta - ${Z80}::float8 * sd))))::int,
               round(1000.0 / (1.0 + exp(-(theta + ${Z80}::float8 * sd))))::int,
               answers), ',') AS cells
      FROM cells GROUP BY "userId"
    )
    SELECT json_agg(json_build_array(u.id, u.name, u.email, COALESCE(b.cells, '')) ORDER BY u.name, u.id)::text AS students
    FROM members m JOIN "User" u ON u.id = m."userId" LEFT JOIN by_user b ON b."userId" = m."userId"`;
  const parsed = JSON.parse(rows[0]?.students ?? "[]") as HeatJson;
  const sums = topicIds.map(() => ({ sum: 0, learners: 0 }));
  const students = parsed.map(([userId, name, email, packed]) => {
    const cells: Record<string, HeatCell> = {};
    const numbers = packed ? packed.split(",") : [];
    for (let i = 0; i + 4 < numbers.length; i += 5) {
      const index = Number(numbers[i]);
      const mastery = Number(numbers[i + 1]) / 1000;
      cells[topicIds[index]!] = { mastery, low: Number(numbers[i + 2]) / 1000, high: Number(numbers[i + 3]) / 1000, answers: Number(numbers[i + 4]) };
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
    // Thousands of attempts as one string of numbers (assignment and member by index): one value to decode.
    db().$queryRaw<{ packed: string | null }[]>`
      SELECT string_agg(concat_ws(',', a.i - 1, u.i - 1,
               CASE WHEN at.status = 'SUBMITTED' THEN 1 ELSE 0 END, COALESCE(round(extract(epoch FROM at."submittedAt") * 1000)::bigint, -1),
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
  const attemptBy = new Map<string, AttemptRow>();
  const numbers = packedAttempts[0]?.packed ? packedAttempts[0].packed.split(",").map(Number) : [];
  const orNull = (n: number) => (n < 0 ? null : n);
  for (let i = 0; i + 6 < numbers.length; i += 7) {
    attemptBy.set(`${userIds[numbers[i + 1]!]}|${assignmentIds[numbers[i]!]}`, {
      status: numbers[i + 2] === 1 ? "SUBMITTED" : "IN_PROGRESS", submittedAt: numbers[i + 3]! < 0 ? null : new Date(numbers[i + 3]!),
      correctCount: orNull(numbers[i + 4]!), totalCount: orNull(numbers[i + 5]!), scaledScore: orNull(numbers[i + 6]!),
    });
  }
  const liveBy = new Map(live.map((l) => [`${l.userId}|${l.assignmentId}`, l]));
  const results: Completion["results"] = {};
  for (const { user } of students) {
    const row: Record<string, MemberResult> = {};
    for (const a of assignments) {
      if (a.mode === "LIVE") {
        const played = liveBy.get(`${user.id}|${a.id}`);
        const status = liveStatus(Boolean(played && played.answered > 0), a.gamePhase === "FINISHED", a, now);
        row[a.id] = { status, correct: played?.correct ?? null, total: played ? played.rounds : null, scaledScore: null, points: played?.score ?? null };
        continue;
      }
      const attempt = attemptBy.get(`${user.id}|${a.id}`) ?? null;
      const status = memberStatus(a, attempt, now);
      const submitted = attempt?.status === "SUBMITTED";
      row[a.id] = {
        status,
        correct: submitted ? attempt.correctCount : null,
        total: submitted ? attempt.totalCount : null,
        scaledScore: submitted ? attempt.scaledScore : null,
        points: submitted ? assignmentPoints(attempt.correctCount ?? 0, status === "late") : null,
      };
    }
    results[user.id] = row;
  }
  const empty = (): Record<MemberStatus, number> => ({ not_started: 0, in_progress: 0, submitted: 0, late: 0, missed: 0 });
  return {
    assignments: assignments.map((a) => {
      const counts = empty();
      const percents: number[] = [];
      for (const { user } of students) {
        const r = results[user.id]![a.id]!;
        counts[r.status] += 1;
        if (r.correct !== null && r.total) percents.push(r.correct / r.total);
      }
      return { ...a, counts, averagePercent: percents.length ? percents.reduce((x, y) => x + y, 0) / percents.length : null };
    }),
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

