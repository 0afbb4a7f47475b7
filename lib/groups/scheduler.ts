// The groups scheduler: one tick every few seconds in each server process (server.ts), like
// the exam sweeper. Each job claims its rows with one atomic UPDATE … RETURNING, so with
// several processes every game opens once and every notice goes out once:
//   - a LIVE assignment whose time has come: its room opens and the members are told;
//   - a game nobody started LIVE_AUTO_START_MS after opening: started as its host;
//   - work due within 24 h: "due soon" to members who have not submitted;
//   - work past its due time (or a finished game): "results released".
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { claimGameOpening, openAssignmentGame, type RoomOpener } from "./live";
import { notifyMembers } from "./notifications";
import { DUE_GRACE_MS, DUE_SOON_MS, LIVE_AUTO_START_MS } from "./rules";

export type SchedulerDeps = { rooms: RoomOpener | undefined; nodeId: string; log?: (line: string) => void };
export type TickResult = { opened: number; started: number; dueSoon: number; released: number };

const BATCH = 20;

/** A JS instant as a UTC `timestamp` in SQL (the columns hold UTC wall time, as Prisma writes them). */
const at = (date: Date) => Prisma.sql`(to_timestamp(${date.getTime()}::float8 / 1000.0) AT TIME ZONE 'UTC')`;

export async function runGroupScheduler(now: Date, deps: SchedulerDeps): Promise<TickResult> {
  const log = deps.log ?? (() => {});
  const result: TickResult = { opened: 0, started: 0, dueSoon: 0, released: 0 };

  if (deps.rooms) {
    const due = await db().$queryRaw<{ id: string }[]>`
      SELECT a.id FROM "Assignment" a JOIN "Group" g ON g.id = a."groupId"
      WHERE a.mode = 'LIVE' AND a."openAt" <= ${at(now)} AND a."dueAt" > ${at(now)} AND g."archivedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "GroupGame" gg WHERE gg."assignmentId" = a.id)
      ORDER BY a."openAt" LIMIT ${BATCH}`;
    for (const { id } of due) {
      if (!(await claimGameOpening(id, deps.nodeId, now, false))) continue;
      try {
        await openAssignmentGame(deps.rooms, id, now);
        result.opened += 1;
      } catch (error) {
        // The claim stays: it is retried once it expires (e.g. the bank lost questions meanwhile).
        log(`live game of assignment ${id}: ${String(error)}`);
      }
    }

    const unstarted = await db().$queryRaw<{ roomId: string; hostUserId: string }[]>`
      UPDATE "Assignment" a SET "liveStartedAt" = ${at(now)}
      FROM "GroupGame" gg
      WHERE gg."assignmentId" = a.id AND a."liveStartedAt" IS NULL AND a."openAt" <= ${at(new Date(now.getTime() - LIVE_AUTO_START_MS))}
      RETURNING gg."roomId", gg."hostUserId"`;
    for (const game of unstarted) {
      // Refused (wrong_phase) when the host already started it: nothing to do.
      const reply = await deps.rooms.request(game.roomId, { kind: "command", command: { type: "start", playerId: `u:${game.hostUserId}` }, socketId: null });
      if (reply.ok) result.started += 1;
    }
  }

  // Claims and notices in one transaction each: a crash in between leaves neither.
  result.dueSoon = await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; groupId: string; title: string; dueAt: Date; groupName: string }[]>`
      UPDATE "Assignment" a SET "dueSoonNotifiedAt" = ${at(now)}
      FROM "Group" g
      WHERE g.id = a."groupId" AND a."dueSoonNotifiedAt" IS NULL AND a.id IN (
        -- Every condition inside the locked batch: rows that never qualify cannot fill it.
        SELECT x.id FROM "Assignment" x JOIN "Group" gx ON gx.id = x."groupId"
        WHERE gx."archivedAt" IS NULL AND x.mode <> 'LIVE' AND x."dueSoonNotifiedAt" IS NULL
          AND x."openAt" <= ${at(now)} AND x."dueAt" > ${at(now)} AND x."dueAt" <= ${at(new Date(now.getTime() + DUE_SOON_MS))}
        ORDER BY x."dueAt" LIMIT ${BATCH} FOR UPDATE OF x SKIP LOCKED)
      RETURNING a.id, a."groupId", a.title, a."dueAt", g.name AS "groupName"`;
    let sent = 0;
    for (const row of rows) {
      const submitted = await tx.attempt.findMany({ where: { assignmentId: row.id, status: "SUBMITTED" }, select: { userId: true } });
      sent += await notifyMembers(
        row.groupId,
        { kind: "ASSIGNMENT_DUE_SOON", assignmentId: row.id, href: `/groups/${row.groupId}`, data: { group: row.groupName, title: row.title, dueAt: row.dueAt.toISOString() } },
        now,
        { exceptUserIds: submitted.map((a) => a.userId) },
        tx,
      );
    }
    return sent;
  });

  result.released = await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; groupId: string; title: string; groupName: string }[]>`
      UPDATE "Assignment" a SET "resultsReleasedAt" = ${at(now)}
      FROM "Group" g
      WHERE g.id = a."groupId" AND a."resultsReleasedAt" IS NULL AND a.id IN (
        SELECT x.id FROM "Assignment" x
        WHERE x."resultsReleasedAt" IS NULL
          AND (x."dueAt" <= ${at(new Date(now.getTime() - DUE_GRACE_MS))}
               OR (x.mode = 'LIVE' AND EXISTS (SELECT 1 FROM "GroupGame" gg JOIN "Room" r ON r.id = gg."roomId" WHERE gg."assignmentId" = x.id AND r.phase = 'FINISHED')))
        ORDER BY x."dueAt" LIMIT ${BATCH} FOR UPDATE OF x SKIP LOCKED)
      RETURNING a.id, a."groupId", a.title, g.name AS "groupName"`;
    let sent = 0;
    for (const row of rows) {
      sent += await notifyMembers(row.groupId, { kind: "RESULTS_RELEASED", assignmentId: row.id, href: `/groups/${row.groupId}`, data: { group: row.groupName, title: row.title } }, now, {}, tx);
    }
    return sent;
  });

  return result;
}
