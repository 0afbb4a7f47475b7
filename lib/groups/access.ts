// Finds the caller's role in a group and applies the permission table. Every read and write
// of lib/groups goes through here, so a direct call to an action is checked like a page.
import { db } from "../db";
import { AppError } from "../errors";
import { decide, WRITES, type GroupAction, type GroupKind, type GroupRole, type Viewer } from "./permissions";

export type AccountRole = "LEARNER" | "INSTRUCTOR" | "ADMIN";
/** Who is calling: a signed-in user, a live-room guest (no account), or nobody. */
export type Actor = { kind: "user"; id: string; role: AccountRole } | { kind: "guest" } | null;

export type GroupContext = {
  userId: string;
  role: GroupRole;
  group: { id: string; name: string; kind: GroupKind; ownerId: string; timeZone: string; joinCode: string; joinEnabled: boolean; seasonStartedAt: Date; archivedAt: Date | null };
};

export function requireAccount(actor: Actor): { id: string; role: AccountRole } {
  if (!actor || actor.kind !== "user") throw new AppError("unauthenticated");
  return actor;
}

export async function authorize(actor: Actor, groupId: string, action: GroupAction): Promise<GroupContext> {
  if (!actor || actor.kind !== "user") throw new AppError("unauthenticated");
  const row = await db().group.findUnique({
    where: { id: groupId },
    select: {
      id: true, name: true, kind: true, ownerId: true, timeZone: true, joinCode: true, joinEnabled: true, seasonStartedAt: true, archivedAt: true,
      members: { where: { userId: actor.id }, select: { role: true } },
    },
  });
  const viewer: Viewer = row?.members[0]?.role ?? "OUTSIDER";
  const decision = decide(viewer, action, row?.kind ?? "STUDY_GROUP");
  if (decision !== "allow" || !row) throw new AppError(decision === "allow" ? "not_found" : decision);
  if (row.archivedAt && WRITES.has(action)) throw new AppError("archived");
  const { members, ...group } = row;
  return { userId: actor.id, role: members[0]!.role, group };
}

/** The same check for something that belongs to a group (an assignment): its group is looked up first. */
export async function authorizeAssignment(actor: Actor, assignmentId: string, action: GroupAction) {
  if (!actor || actor.kind !== "user") throw new AppError("unauthenticated");
  const assignment = await db().assignment.findUnique({ where: { id: assignmentId }, select: { groupId: true } });
  if (!assignment) throw new AppError("not_found");
  return authorize(actor, assignment.groupId, action);
}
