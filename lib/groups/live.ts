// Live games of a group, through the room service's own API (lib/realtime/rooms/service.ts):
// a scheduled game opened by the scheduler at its time, the same opened early by a teacher,
// and a member's one-click game on the group's weak topics. The room is tied to the group
// (GroupGame), so only members take seats and its scores count on the group's leaderboard.
import { db } from "../db";
import { AppError } from "../errors";
import { cleanNickname } from "../realtime/engine";
import type { RoomService } from "../realtime/rooms/service";
import { startPractice } from "../practice/mutations";
import { authorize, authorizeAssignment, type Actor } from "./access";
import { groupWeakTopics } from "./data";
import { notifyMembers } from "./notifications";

export type RoomOpener = Pick<RoomService, "createGroupRoom" | "request">;

/** Reveals move on by themselves: a scheduled game runs even without a presenter clicking "next". */
export const GROUP_GAME_AUTO_ADVANCE_MS = 5_000;
const WEAK_TOPIC_GAME_QUESTIONS = 10;
const CLAIM_EXPIRES_MS = 2 * 60_000;

const PLAYABLE = ["SINGLE", "MULTIPLE", "TRUE_FALSE"] as const;

function hostOf(user: { id: string; name: string }) {
  return { playerId: `u:${user.id}`, nickname: cleanNickname(user.name) ?? "Host", isGuest: false };
}

/**
 * Opens the room of a LIVE assignment the caller has claimed (scheduler, or a teacher's
 * "open now"), records it as the group's game and tells the members. Returns the room code.
 */
export async function openAssignmentGame(rooms: RoomOpener, assignmentId: string, now: Date): Promise<{ code: string; roomId: string }> {
  const assignment = await db().assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: {
      id: true, groupId: true, title: true, topicIds: true, size: true, secondsPerQuestion: true, dueAt: true,
      bank: { select: { slug: true } }, createdBy: { select: { id: true, name: true } }, group: { select: { name: true, kind: true } },
      game: { select: { roomId: true, room: { select: { code: true } } } },
    },
  });
  if (assignment.game) return { code: assignment.game.room.code, roomId: assignment.game.roomId };
  const created = await rooms.createGroupRoom(
    hostOf(assignment.createdBy),
    {
      bankSlug: assignment.bank.slug, topicIds: assignment.topicIds, questionCount: assignment.size,
      secondsPerQuestion: assignment.secondsPerQuestion ?? 20, speedScoring: true,
      // A study group's owner competes with the others; a class's teacher presents.
      hostPlays: assignment.group.kind === "STUDY_GROUP",
    },
    null,
    { groupId: assignment.groupId, autoAdvanceMs: GROUP_GAME_AUTO_ADVANCE_MS },
  );
  if (!created.ok) throw new AppError(created.code === "not_enough_questions" ? "invalid_input" : "conflict", `room: ${created.code}`);
  try {
    await db().groupGame.create({ data: { roomId: created.data.roomId, groupId: assignment.groupId, assignmentId, hostUserId: assignment.createdBy.id, createdAt: now } });
  } catch (error) {
    // Another process opened it first (a claim that outlived its process): theirs is the game.
    const winner = await db().groupGame.findUnique({ where: { assignmentId }, select: { roomId: true, room: { select: { code: true } } } });
    if (!winner) throw error;
    return { code: winner.room.code, roomId: winner.roomId };
  }
  await notifyMembers(
    assignment.groupId,
    { kind: "LIVE_GAME_OPEN", assignmentId, href: `/play/${created.data.code}`, data: { group: assignment.group.name, title: assignment.title, code: created.data.code } },
    now,
    { exceptUserIds: [assignment.createdBy.id] },
  );
  return created.data;
}

/** Claims a LIVE assignment for opening: one atomic UPDATE, so one process (or click) wins. */
export async function claimGameOpening(assignmentId: string, nodeId: string, now: Date, ignoreOpenAt: boolean): Promise<boolean> {
  const stale = new Date(now.getTime() - CLAIM_EXPIRES_MS);
  const { count } = await db().assignment.updateMany({
    where: {
      id: assignmentId, mode: "LIVE", game: null, dueAt: { gt: now },
      ...(ignoreOpenAt ? {} : { openAt: { lte: now } }),
      OR: [{ liveClaimedAt: null }, { liveClaimedAt: { lt: stale } }, { liveClaimedBy: nodeId }],
    },
    data: { liveClaimedAt: now, liveClaimedBy: nodeId },
  });
  return count === 1;
}

/** A teacher opens the scheduled game now (before its time, or if it has not opened yet). */
export async function openGameNow(actor: Actor, rooms: RoomOpener | undefined, assignmentId: string, now: Date): Promise<{ code: string }> {
  const context = await authorizeAssignment(actor, assignmentId, "start_live_game");
  const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { mode: true, game: { select: { room: { select: { code: true } } } } } });
  if (assignment.mode !== "LIVE") throw new AppError("conflict");
  if (assignment.game) return { code: assignment.game.room.code };
  if (!rooms) throw new AppError("conflict", "live rooms are not running in this process");
  if (!(await claimGameOpening(assignmentId, `user:${context.userId}`, now, true))) throw new AppError("conflict");
  await db().assignment.update({ where: { id: assignmentId }, data: { openAt: now } });
  return { code: (await openAssignmentGame(rooms, assignmentId, now)).code };
}

/** A member's one-click live game on the group's weak topics: they host it, members join with the code. */
export async function startWeakTopicsGame(actor: Actor, rooms: RoomOpener | undefined, input: { groupId: string; bankSlug: string }, now: Date): Promise<{ code: string }> {
  const context = await authorize(actor, input.groupId, "play_weak_topics");
  if (!rooms) throw new AppError("conflict", "live rooms are not running in this process");
  const { bankId, topicIds } = await weakTopicScope(context.group, input.bankSlug);
  const playable = await db().question.count({ where: { bankId, status: "PUBLISHED", type: { in: [...PLAYABLE] }, topicId: { in: topicIds } } });
  if (playable === 0) throw new AppError("not_found", "no playable questions");
  const user = await db().user.findUniqueOrThrow({ where: { id: context.userId }, select: { id: true, name: true } });
  const created = await rooms.createGroupRoom(
    hostOf(user),
    { bankSlug: input.bankSlug, topicIds, questionCount: Math.min(WEAK_TOPIC_GAME_QUESTIONS, playable), secondsPerQuestion: 20, speedScoring: true, hostPlays: true },
    null,
    { groupId: input.groupId, autoAdvanceMs: GROUP_GAME_AUTO_ADVANCE_MS },
  );
  if (!created.ok) throw new AppError("conflict", `room: ${created.code}`);
  await db().groupGame.create({ data: { roomId: created.data.roomId, groupId: input.groupId, hostUserId: user.id, createdAt: now } });
  return { code: created.data.code };
}

/** The group's weak topics in a bank (computed on the server: the client names only the group). */
async function weakTopicScope(group: { id: string; kind: "CLASS" | "STUDY_GROUP" }, bankSlug: string) {
  const bank = await db().questionBank.findUnique({ where: { slug: bankSlug }, select: { id: true } });
  if (!bank) throw new AppError("not_found");
  const topicIds = (await groupWeakTopics(group, bank.id)).map((t) => t.topicId);
  if (topicIds.length === 0) throw new AppError("not_found", "the group has no answers in this bank yet");
  return { bankId: bank.id, topicIds };
}

/** A member's one-click practice set on the group's weak topics. */
export async function startWeakTopicsPractice(actor: Actor, input: { groupId: string; bankSlug: string }, now: Date): Promise<{ attemptId: string }> {
  const context = await authorize(actor, input.groupId, "play_weak_topics");
  const { topicIds } = await weakTopicScope(context.group, input.bankSlug);
  return startPractice(context.userId, { bankSlug: input.bankSlug, source: "topics", topicIds, size: 10 }, now);
}
