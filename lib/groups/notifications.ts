// In-app notifications: a new assignment, one due within 24 h, results released, a live game
// open. Rows carry what the message names (group, title), and the reader's language renders
// them. One notice per (learner, kind, assignment): a scheduler in several processes, or a
// retried tick, never notifies twice.
import { db, type Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { requireAccount, type Actor } from "./access";
import type { GroupKind, GroupRole } from "./permissions";

export type NotificationKind = "ASSIGNMENT_NEW" | "ASSIGNMENT_DUE_SOON" | "RESULTS_RELEASED" | "LIVE_GAME_OPEN" | "REPORT_RESOLVED";
export type NotificationData = { group: string; title: string; dueAt?: string; mode?: string; code?: string };

/** Who takes part in a group's work: a class's students; everyone in a study group. */
export function participantRoles(kind: GroupKind): GroupRole[] {
  return kind === "CLASS" ? ["MEMBER"] : ["OWNER", "INSTRUCTOR", "MEMBER"];
}

export async function notifyMembers(
  groupId: string,
  notice: { kind: NotificationKind; assignmentId: string; href: string; data: NotificationData },
  now: Date,
  options: { exceptUserIds?: string[] } = {},
  client: Db | Prisma.TransactionClient = db(),
): Promise<number> {
  const group = await client.group.findUnique({ where: { id: groupId }, select: { kind: true } });
  if (!group) return 0;
  const members = await client.groupMembership.findMany({
    where: { groupId, role: { in: participantRoles(group.kind) }, ...(options.exceptUserIds?.length ? { userId: { notIn: options.exceptUserIds } } : {}) },
    select: { userId: true },
  });
  if (members.length === 0) return 0;
  const { count } = await client.notification.createMany({
    data: members.map((m) => ({ userId: m.userId, kind: notice.kind, groupId, assignmentId: notice.assignmentId, href: notice.href, data: notice.data as Prisma.InputJsonValue, createdAt: now })),
    skipDuplicates: true,
  });
  return count;
}

export async function listNotifications(actor: Actor, limit = 30) {
  const user = requireAccount(actor);
  const rows = await db().notification.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, href: true, data: true, readAt: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, data: row.data as NotificationData }));
}

export async function unreadNotificationCount(userId: string): Promise<number> {
  return db().notification.count({ where: { userId, readAt: null } });
}

/** Marks one notification (or all of the caller's) read. Another user's id changes nothing. */
export async function markNotificationsRead(actor: Actor, notificationId: string | undefined, now: Date): Promise<number> {
  const user = requireAccount(actor);
  const { count } = await db().notification.updateMany({ where: { userId: user.id, readAt: null, ...(notificationId ? { id: notificationId } : {}) }, data: { readAt: now } });
  return count;
}
