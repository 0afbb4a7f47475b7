// Reads for the group pages. Each one authorizes the caller (access.ts) before reading, and
// scopes every query to the group (and, for members, to themselves).
import { db } from "../db";
import { AppError } from "../errors";
import { authorize, requireAccount, type Actor, type GroupContext } from "./access";
import { participantRoles } from "./notifications";
import { can, type GroupKind } from "./permissions";
import { completionCsv, emptyHeatmap, heatCell, heatmapCsv, loadCompletion, loadHeatmap, loadMostMissed, loadSeasonPoints, type CsvLabels } from "./reports";
import { rankLeaderboard, weakTopics } from "./rules";

export async function listMyGroups(actor: Actor) {
  const user = requireAccount(actor);
  const rows = await db().groupMembership.findMany({
    where: { userId: user.id },
    orderBy: { joinedAt: "desc" },
    select: { role: true, group: { select: { id: true, name: true, kind: true, archivedAt: true, _count: { select: { members: true } } } } },
  });
  return rows.map((r) => ({ id: r.group.id, name: r.group.name, kind: r.group.kind, archived: r.group.archivedAt !== null, role: r.role, memberCount: r.group._count.members }));
}

/** The bank a group's pages show: the one of its latest assignment, else the first bank. */
async function defaultBank(groupId: string, bankSlug?: string) {
  if (bankSlug) {
    const bank = await db().questionBank.findUnique({ where: { slug: bankSlug }, select: { id: true, slug: true, titleKo: true, titleEn: true } });
    if (bank) return bank;
  }
  const latest = await db().assignment.findFirst({ where: { groupId }, orderBy: { createdAt: "desc" }, select: { bank: { select: { id: true, slug: true, titleKo: true, titleEn: true } } } });
  return latest?.bank ?? (await db().questionBank.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, slug: true, titleKo: true, titleEn: true } }));
}

/** The group's weakest topics: mean mastery over the members who answered them (aggregate only). */
export async function groupWeakTopics(group: { id: string; kind: GroupKind }, bankId: string, limit = 3) {
  const cells = await db().$queryRaw<{ topicId: string; mastery: number; answers: number }[]>`
    SELECT tm."topicId", 1.0 / (1.0 + exp(-tm.theta)) AS mastery, tm.answers
    FROM "GroupMembership" m JOIN "TopicMastery" tm ON tm."userId" = m."userId" JOIN "Topic" t ON t.id = tm."topicId"
    WHERE m."groupId" = ${group.id} AND m.role::text = ANY(${participantRoles(group.kind)}::text[]) AND t."bankId" = ${bankId} AND tm.answers > 0
      AND EXISTS (SELECT 1 FROM "Question" q WHERE q."topicId" = t.id AND q.status = 'PUBLISHED')`;
  const weak = weakTopics(cells, limit);
  const topics = await db().topic.findMany({ where: { id: { in: weak.map((w) => w.topicId) } }, select: { id: true, titleKo: true, titleEn: true } });
  const byId = new Map(topics.map((t) => [t.id, t]));
  return weak.map((w) => ({ ...w, title: { ko: byId.get(w.topicId)?.titleKo ?? "", en: byId.get(w.topicId)?.titleEn ?? null } }));
}

export async function loadGroupOverview(actor: Actor, groupId: string, now: Date) {
  const context = await authorize(actor, groupId, "view_group");
  const { group, role } = context;
  const teacher = can(role, "view_report", group.kind);
  const bank = await defaultBank(groupId);
  const [completion, points, weak, members, games, banks] = await Promise.all([
    loadCompletion(group, now, context.userId),
    loadSeasonPoints(group),
    bank ? groupWeakTopics(group, bank.id) : Promise.resolve([]),
    // Members see the leaderboard only; the member list (emails, roles) is for the owner and co-teachers.
    teacher
      ? db().groupMembership.findMany({ where: { groupId }, orderBy: [{ role: "asc" }, { user: { name: "asc" } }], select: { role: true, joinedAt: true, user: { select: { id: true, name: true, email: true, role: true } } } })
      : Promise.resolve([]),
    db().groupGame.findMany({
      where: { groupId, room: { phase: { not: "FINISHED" } } },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { room: { select: { code: true, phase: true } }, assignment: { select: { title: true } }, hostUserId: true },
    }),
    db().questionBank.findMany({
      where: { questions: { some: { status: "PUBLISHED" } } },
      orderBy: { createdAt: "asc" },
      select: { slug: true, titleKo: true, titleEn: true, topics: { orderBy: { order: "asc" }, where: { questions: { some: { status: "PUBLISHED" } } }, select: { id: true, titleKo: true, titleEn: true } } },
    }),
  ]);
  const memberCount = await db().groupMembership.count({ where: { groupId } });
  const myResults = completion.results[context.userId] ?? {};
  return {
    group: {
      id: group.id, name: group.name, kind: group.kind, timeZone: group.timeZone, archived: group.archivedAt !== null,
      seasonStartedAt: group.seasonStartedAt, memberCount,
      // The code is shown to those who may share it: the owner and co-teachers.
      joinCode: teacher ? group.joinCode : null, joinEnabled: group.joinEnabled,
    },
    role,
    viewerId: context.userId,
    permissions: {
      report: teacher,
      assign: can(role, "create_assignment", group.kind),
      manage: can(role, "remove_member", group.kind),
      coTeachers: can(role, "set_co_teacher", group.kind),
      leave: can(role, "leave_group", group.kind),
    },
    assignments: completion.assignments.map((a) => ({ ...a, mine: myResults[a.id] ?? null })),
    leaderboard: rankLeaderboard(points),
    bank,
    weakTopics: weak,
    members: members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, accountRole: m.user.role, joinedAt: m.joinedAt })),
    games: games.map((g) => ({ code: g.room.code, phase: g.room.phase, title: g.assignment?.title ?? null, hostedByMe: g.hostUserId === context.userId })),
    banks: banks.map((b) => ({ slug: b.slug, title: { ko: b.titleKo, en: b.titleEn }, topics: b.topics.map((t) => ({ id: t.id, title: { ko: t.titleKo, en: t.titleEn } })) })),
  };
}
export type GroupOverview = Awaited<ReturnType<typeof loadGroupOverview>>;

export async function loadGroupReport(actor: Actor, groupId: string, bankSlug: string | undefined, now: Date) {
  const { group } = await authorize(actor, groupId, "view_report");
  const bank = await defaultBank(groupId, bankSlug);
  const [heatmap, completion, missed] = await Promise.all([
    bank ? loadHeatmap(group, bank.id, now) : Promise.resolve(emptyHeatmap()),
    loadCompletion(group, now),
    loadMostMissed(groupId),
  ]);
  return { group: { id: group.id, name: group.name, kind: group.kind, timeZone: group.timeZone }, bank, heatmap, completion, missed };
}
export type GroupReport = Awaited<ReturnType<typeof loadGroupReport>>;

/** A teacher's view of one student: results per assignment, submitted answers, mastery by topic. */
export async function loadStudentHistory(actor: Actor, groupId: string, userId: string, now: Date) {
  const { group } = await authorize(actor, groupId, "read_member_attempt");
  const member = await db().groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { user: { select: { id: true, name: true, email: true } } } });
  if (!member) throw new AppError("not_found");
  const bank = await defaultBank(groupId);
  // Any member's history (a co-teacher's too): "STUDY_GROUP" counts every role as a participant here.
  const [completion, heatmap, attempts] = await Promise.all([
    loadCompletion({ id: group.id, kind: "STUDY_GROUP" }, now, userId),
    bank ? loadHeatmap({ id: group.id, kind: "STUDY_GROUP" }, bank.id, now) : Promise.resolve(null),
    loadMemberAttempts(group, userId),
  ]);
  return {
    group: { id: group.id, name: group.name, timeZone: group.timeZone },
    student: member.user,
    assignments: completion.assignments.map((a) => ({ ...a, result: completion.results[userId]?.[a.id] ?? null })),
    topics: heatmap ? heatmap.topics.map((t, i) => ({ ...t, cell: heatCell(heatmap, heatmap.students.findIndex((s) => s.userId === userId), i) })) : [],
    attempts,
  };
}

/** Submitted assignment attempts of one member, with each answer: only within the group's assignments. */
async function loadMemberAttempts(group: GroupContext["group"], userId: string) {
  const rows = await db().attempt.findMany({
    where: { userId, status: "SUBMITTED", assignment: { groupId: group.id } },
    orderBy: { submittedAt: "desc" },
    select: {
      id: true, submittedAt: true, correctCount: true, totalCount: true, assignment: { select: { title: true } },
      items: { orderBy: { position: "asc" }, select: { position: true, selectedChoiceIds: true, textAnswer: true, correct: true, question: { select: { stem: true } } } },
    },
  });
  return rows.map((a) => ({
    id: a.id, title: a.assignment?.title ?? "", submittedAt: a.submittedAt, correctCount: a.correctCount, totalCount: a.totalCount,
    items: a.items.map((i) => ({ position: i.position, stem: i.question.stem, answer: i.textAnswer ?? i.selectedChoiceIds.join(", "), correct: i.correct })),
  }));
}

/** One member's attempt, for the group's teachers (the authorization matrix's "read another member's attempt"). */
export async function loadMemberAttempt(actor: Actor, groupId: string, attemptId: string) {
  const { group } = await authorize(actor, groupId, "read_member_attempt");
  const attempt = await db().attempt.findFirst({ where: { id: attemptId, assignment: { groupId }, status: "SUBMITTED" }, select: { userId: true } });
  if (!attempt) throw new AppError("not_found");
  return (await loadMemberAttempts(group, attempt.userId)).find((a) => a.id === attemptId)!;
}

/** A member's assignments across their groups, for the dashboard. */
export async function loadMyAssignments(actor: Actor, now: Date) {
  const user = requireAccount(actor);
  const memberships = await db().groupMembership.findMany({
    where: { userId: user.id, group: { archivedAt: null } },
    select: { role: true, group: { select: { id: true, name: true, kind: true } } },
  });
  const rows = [];
  for (const m of memberships) {
    if (!participantRoles(m.group.kind).includes(m.role)) continue;
    const completion = await loadCompletion(m.group, now, user.id);
    for (const a of completion.assignments) {
      const mine = completion.results[user.id]?.[a.id];
      if (!mine) continue;
      // Finished work drops off the dashboard a week after its due time.
      if (a.dueAt.getTime() < now.getTime() - 7 * 86_400_000) continue;
      rows.push({ id: a.id, title: a.title, mode: a.mode, openAt: a.openAt, dueAt: a.dueAt, gameCode: a.gameCode, group: { id: m.group.id, name: m.group.name }, status: mine.status, correct: mine.correct, total: mine.total });
    }
  }
  return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export async function loadAssignmentForEdit(actor: Actor, assignmentId: string) {
  const assignment = await db().assignment.findUnique({
    where: { id: assignmentId },
    select: { id: true, groupId: true, title: true, mode: true, topicIds: true, size: true, examFormat: true, secondsPerQuestion: true, openAt: true, dueAt: true, latePolicy: true, bank: { select: { slug: true } } },
  });
  if (!assignment) throw new AppError("not_found");
  const { group } = await authorize(actor, assignment.groupId, "edit_assignment");
  return { assignment, timeZone: group.timeZone };
}

/** CSV of the completion table or the heatmap (owner and co-teachers only). */
export async function exportGroupCsv(actor: Actor, groupId: string, kind: "assignments" | "heatmap", labels: CsvLabels, bankSlug: string | undefined, now: Date) {
  const { group } = await authorize(actor, groupId, "export_csv");
  if (kind === "assignments") return { fileName: `${group.name}-assignments.csv`, body: completionCsv(await loadCompletion(group, now), labels) };
  const bank = await defaultBank(groupId, bankSlug);
  const heatmap = bank ? await loadHeatmap(group, bank.id, now) : emptyHeatmap();
  return { fileName: `${group.name}-mastery.csv`, body: heatmapCsv(heatmap, labels) };
}
