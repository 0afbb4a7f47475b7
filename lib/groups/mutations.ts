// Writes of groups and assignments. Each one authorizes the caller first (access.ts), so a
// refused call changes nothing; limits are enforced under locks, so racing joins cannot
// overshoot them.
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import { startAssignmentExam } from "../exams/mutations";
import { Prisma } from "../generated/prisma/client";
import { startAssignmentPractice } from "../practice/mutations";
import { authorize, authorizeAssignment, requireAccount, type Actor } from "./access";
import { notifyMembers } from "./notifications";
import { canCreateGroup } from "./permissions";
import {
  isTimeZone, joinCodeFromBytes, MAX_GROUPS_PER_USER, MAX_MEMBERS_PER_GROUP, normalizeJoinCode, zonedLocalToUtc,
} from "./rules";
import type { AssignmentInput, CreateGroupInput } from "./schema";

type Tx = Prisma.TransactionClient;

function newJoinCode(): string {
  for (;;) {
    const code = joinCodeFromBytes(randomBytes(32));
    if (code) return code;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code === "P2002" : /unique constraint|23505/i.test(String((error as Error)?.message ?? error));
}

/** Serializes a learner's own group changes (create, join): the 20-group limit holds under races. */
async function lockUser(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`groups:user:${userId}`}))`;
}

async function groupsOf(tx: Tx, userId: string): Promise<number> {
  return tx.groupMembership.count({ where: { userId, group: { archivedAt: null } } });
}

// ---------------------------------------------------------------------------
// Groups and membership

export async function createGroup(actor: Actor, input: CreateGroupInput, now: Date): Promise<{ groupId: string }> {
  const user = requireAccount(actor);
  if (!canCreateGroup(user.role, input.kind)) throw new AppError("forbidden");
  if (!isTimeZone(input.timeZone)) throw new AppError("invalid_input", "unknown time zone", { timeZone: ["unknown"] });
  return db().$transaction(async (tx) => {
    await lockUser(tx, user.id);
    if ((await groupsOf(tx, user.id)) >= MAX_GROUPS_PER_USER) throw new AppError("limit_reached");
    try {
      const group = await tx.group.create({
        data: {
          name: input.name, kind: input.kind, timeZone: input.timeZone, ownerId: user.id, joinCode: newJoinCode(), seasonStartedAt: now, createdAt: now,
          members: { create: { userId: user.id, role: "OWNER", joinedAt: now } },
        },
        select: { id: true },
      });
      return { groupId: group.id };
    } catch (error) {
      // A code collision (1 in 31⁸) aborts the transaction in PostgreSQL: the learner tries again.
      if (isUniqueViolation(error)) throw new AppError("conflict", "join code collision, try again");
      throw error;
    }
  });
}

/** Joins with a code. A wrong, disabled or archived group's code reads as not_found. */
export async function joinGroup(actor: Actor, rawCode: string, now: Date): Promise<{ groupId: string; joined: boolean }> {
  const user = requireAccount(actor);
  const code = normalizeJoinCode(rawCode);
  if (!code) throw new AppError("not_found");
  return db().$transaction(async (tx) => {
    await lockUser(tx, user.id);
    // The group's row lock serializes joins to one group: the 500-member limit holds.
    const [group] = await tx.$queryRaw<{ id: string; joinEnabled: boolean; archivedAt: Date | null }[]>`
      SELECT id, "joinEnabled", "archivedAt" FROM "Group" WHERE "joinCode" = ${code} FOR UPDATE`;
    if (!group || !group.joinEnabled || group.archivedAt) throw new AppError("not_found");
    const existing = await tx.groupMembership.findUnique({ where: { groupId_userId: { groupId: group.id, userId: user.id } }, select: { role: true } });
    if (existing) return { groupId: group.id, joined: false };
    if ((await groupsOf(tx, user.id)) >= MAX_GROUPS_PER_USER) throw new AppError("limit_reached", "groups per learner");
    if ((await tx.groupMembership.count({ where: { groupId: group.id } })) >= MAX_MEMBERS_PER_GROUP) throw new AppError("limit_reached", "members per group");
    await tx.groupMembership.create({ data: { groupId: group.id, userId: user.id, role: "MEMBER", joinedAt: now } });
    return { groupId: group.id, joined: true };
  });
}

/** What the join page may show for a code: the group's name and kind, only while the code works. */
export async function previewJoinCode(rawCode: string) {
  const code = normalizeJoinCode(rawCode);
  if (!code) return null;
  const group = await db().group.findUnique({ where: { joinCode: code }, select: { id: true, name: true, kind: true, joinEnabled: true, archivedAt: true } });
  if (!group || !group.joinEnabled || group.archivedAt) return null;
  return { code, name: group.name, kind: group.kind };
}

export async function leaveGroup(actor: Actor, groupId: string): Promise<void> {
  const context = await authorize(actor, groupId, "leave_group");
  await db().groupMembership.deleteMany({ where: { groupId, userId: context.userId, role: { not: "OWNER" } } });
}

export async function removeMember(actor: Actor, groupId: string, userId: string): Promise<void> {
  await authorize(actor, groupId, "remove_member");
  const { count } = await db().groupMembership.deleteMany({ where: { groupId, userId, role: { not: "OWNER" } } });
  if (count === 0) throw new AppError("not_found");
}

export async function rotateJoinCode(actor: Actor, groupId: string): Promise<{ joinCode: string }> {
  await authorize(actor, groupId, "rotate_code");
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const joinCode = newJoinCode();
      await db().group.update({ where: { id: groupId }, data: { joinCode } });
      return { joinCode };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new AppError("conflict");
}

export async function setJoinEnabled(actor: Actor, groupId: string, enabled: boolean): Promise<void> {
  await authorize(actor, groupId, "set_code_enabled");
  await db().group.update({ where: { id: groupId }, data: { joinEnabled: enabled } });
}

/** Classes only: a member becomes a co-teacher (sees reports, assigns) or goes back to member. */
export async function setCoTeacher(actor: Actor, groupId: string, userId: string, coTeacher: boolean): Promise<void> {
  await authorize(actor, groupId, "set_co_teacher");
  const { count } = await db().groupMembership.updateMany({
    where: { groupId, userId, role: { not: "OWNER" } },
    data: { role: coTeacher ? "INSTRUCTOR" : "MEMBER" },
  });
  if (count === 0) throw new AppError("not_found");
}

/** Hands the group to another member; a class goes to an instructor account. The old owner stays (co-teacher in a class). */
export async function transferOwnership(actor: Actor, groupId: string, userId: string): Promise<void> {
  const context = await authorize(actor, groupId, "transfer_ownership");
  if (userId === context.userId) throw new AppError("invalid_input");
  await db().$transaction(async (tx) => {
    const target = await tx.groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { user: { select: { role: true } } } });
    if (!target) throw new AppError("not_found");
    if (context.group.kind === "CLASS" && target.user.role === "LEARNER") throw new AppError("forbidden", "a class is owned by an instructor");
    await tx.groupMembership.update({ where: { groupId_userId: { groupId, userId: context.userId } }, data: { role: context.group.kind === "CLASS" ? "INSTRUCTOR" : "MEMBER" } });
    await tx.groupMembership.update({ where: { groupId_userId: { groupId, userId } }, data: { role: "OWNER" } });
    await tx.group.update({ where: { id: groupId }, data: { ownerId: userId } });
  });
}

/** Read-only from now on: no joins, no new work; reports and history stay. */
export async function archiveGroup(actor: Actor, groupId: string, now: Date): Promise<void> {
  const context = await authorize(actor, groupId, "archive_group");
  if (context.group.archivedAt) return;
  await db().group.update({ where: { id: groupId }, data: { archivedAt: now, joinEnabled: false } });
}

export async function resetSeason(actor: Actor, groupId: string, now: Date): Promise<void> {
  await authorize(actor, groupId, "reset_season");
  await db().group.update({ where: { id: groupId }, data: { seasonStartedAt: now } });
}

// ---------------------------------------------------------------------------
// Assignments

/** A live game's window: members may join for an hour after it opens. */
export const LIVE_WINDOW_MS = 60 * 60_000;

async function resolveAssignment(timeZone: string, input: AssignmentInput, now: Date) {
  const bank = await db().questionBank.findUnique({ where: { slug: input.bankSlug }, select: { id: true } });
  if (!bank) throw new AppError("invalid_input", "unknown bank", { bankSlug: ["unknown"] });
  const topicIds = [...new Set(input.topicIds)];
  if (topicIds.length && (await db().topic.count({ where: { id: { in: topicIds }, bankId: bank.id } })) !== topicIds.length) {
    throw new AppError("invalid_input", "topics outside the bank", { topicIds: ["unknown"] });
  }
  const openAt = zonedLocalToUtc(input.openAt, timeZone);
  const dueAt = input.mode === "LIVE" ? (openAt ? new Date(openAt.getTime() + LIVE_WINDOW_MS) : null) : input.dueAt ? zonedLocalToUtc(input.dueAt, timeZone) : null;
  if (!openAt) throw new AppError("invalid_input", "bad open time", { openAt: ["invalid"] });
  if (!dueAt || dueAt <= openAt) throw new AppError("invalid_input", "due before open", { dueAt: ["before_open"] });
  if (dueAt <= now) throw new AppError("invalid_input", "due time passed", { dueAt: ["past"] });
  const playable = await db().question.count({
    where: {
      bankId: bank.id, status: "PUBLISHED", ...(topicIds.length ? { topicId: { in: topicIds } } : {}),
      ...(input.mode === "LIVE" ? { type: { in: ["SINGLE", "MULTIPLE", "TRUE_FALSE"] } } : input.mode === "TIMED" ? { type: { not: "CLOZE" } } : {}),
    },
  });
  if (playable === 0 || (input.mode === "LIVE" && playable < input.size)) throw new AppError("invalid_input", "not enough questions", { size: ["too_many"] });
  return {
    bankId: bank.id,
    title: input.title,
    topicIds,
    mode: input.mode,
    size: input.mode === "PRACTICE" || input.mode === "LIVE" ? Math.min(input.size, playable) : input.examFormat === "short" ? 10 : 65,
    examFormat: input.mode === "TIMED" ? input.examFormat : null,
    secondsPerQuestion: input.mode === "LIVE" ? input.secondsPerQuestion : null,
    openAt,
    dueAt,
    latePolicy: input.mode === "LIVE" ? ("REFUSE" as const) : input.latePolicy,
  };
}

export async function createAssignment(actor: Actor, groupId: string, input: AssignmentInput, now: Date): Promise<{ assignmentId: string }> {
  const context = await authorize(actor, groupId, "create_assignment");
  const data = await resolveAssignment(context.group.timeZone, input, now);
  const assignment = await db().assignment.create({ data: { ...data, groupId, createdById: context.userId, createdAt: now }, select: { id: true } });
  await notifyMembers(groupId, { kind: "ASSIGNMENT_NEW", assignmentId: assignment.id, href: `/groups/${groupId}`, data: { group: context.group.name, title: data.title, dueAt: data.dueAt.toISOString(), mode: data.mode } }, now);
  return { assignmentId: assignment.id };
}

export async function updateAssignment(actor: Actor, assignmentId: string, input: AssignmentInput, now: Date): Promise<void> {
  const context = await authorizeAssignment(actor, assignmentId, "edit_assignment");
  const current = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { mode: true, bankId: true, dueAt: true, game: { select: { roomId: true } }, _count: { select: { attempts: true } } } });
  const data = await resolveAssignment(context.group.timeZone, input, now);
  // Work already started was drawn from the old bank and mode: those stay.
  if ((current._count.attempts > 0 || current.game) && (data.mode !== current.mode || data.bankId !== current.bankId)) throw new AppError("conflict");
  if (current.game && data.mode === "LIVE") throw new AppError("conflict", "the game has opened");
  await db().assignment.update({
    where: { id: assignmentId },
    data: { ...data, ...(data.dueAt.getTime() !== current.dueAt.getTime() ? { dueSoonNotifiedAt: null, resultsReleasedAt: null } : {}) },
  });
}

export async function deleteAssignment(actor: Actor, assignmentId: string): Promise<void> {
  await authorizeAssignment(actor, assignmentId, "delete_assignment");
  await db().assignment.delete({ where: { id: assignmentId } });
}

/**
 * A member starts (or resumes) an assignment: its practice set or its timed exam. The window
 * and late policy are checked again by the exam and practice mutations on every answer.
 */
export async function startAssignment(actor: Actor, assignmentId: string, now: Date): Promise<{ attemptId: string; kind: "exam" | "practice" }> {
  const context = await authorizeAssignment(actor, assignmentId, "view_group");
  if (context.group.archivedAt) throw new AppError("archived");
  const assignment = await db().assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: { id: true, bankId: true, topicIds: true, size: true, mode: true, examFormat: true, openAt: true, dueAt: true, latePolicy: true },
  });
  if (assignment.mode === "LIVE") throw new AppError("conflict", "a live game is joined, not started");
  const kind = assignment.mode === "TIMED" ? "exam" : "practice";
  const existing = () => db().attempt.findUnique({ where: { assignmentId_userId: { assignmentId, userId: context.userId } }, select: { id: true, status: true } });
  const found = await existing();
  if (found) {
    if (found.status === "SUBMITTED") throw new AppError("already_submitted");
    return { attemptId: found.id, kind };
  }
  try {
    const { attemptId } = assignment.mode === "TIMED"
      ? await startAssignmentExam(context.userId, { ...assignment, examFormat: assignment.examFormat === "full" ? "full" : "short" }, now)
      : await startAssignmentPractice(context.userId, assignment, now);
    return { attemptId, kind };
  } catch (error) {
    // Two tabs starting at once: the unique key lets one attempt through; both get it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await existing();
    if (!winner) throw error;
    return { attemptId: winner.id, kind };
  }
}
