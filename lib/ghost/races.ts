// Ghost races in the database: the question set, the ghost frozen at the start, each closed
// question stored (and fed to mastery/review) before it is acknowledged, timeouts settled
// from the server clock whenever a run is read, so a reload resumes or shows the result.
// Correct choices leave here only for questions the learner has already closed.
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { recordAnswers } from "../learning/record-answers";
import { Prisma } from "../generated/prisma/client";
import { seededRandom, shuffle } from "../random";
import { choiceProblem, scoreAnswer } from "../realtime/engine/scoring";
import type { RoomQuestionInput } from "../realtime/engine";
import { loadBankQuestions } from "../realtime/rooms/questions";
import {
  ANSWER_GRACE_MS, compareRuns, currentOpensAt, ghostProgress, ghostTimeline, medianTimeline, settleTimeouts, trailingStreak,
  type GhostEvent, type GhostSnapshot, type RecordedAnswer, type RunComparison,
} from "./timeline";

export const GHOST_SIZES = [3, 5, 10] as const;
export const GHOST_SECONDS = [20, 30, 60] as const;

export type SetChoice =
  | { kind: "topics"; bankSlug: string; topicIds: string[]; size: number; secondsPerQuestion: number }
  /** The set (and time per question) of the learner's last finished run. */
  | { kind: "last" };
export type GhostChoice = { kind: "none" } | { kind: "self" } | { kind: "group"; groupId: string };

export type RaceProblem = "not_found" | "bank_empty" | "no_last_run" | "no_ghost_run" | "not_a_member" | "set_changed" | "question_closed" | "invalid_choice" | "finished";

/** A question as the learner may see it while it is open: no correctness. */
export type OpenQuestion = { index: number; opensAtMs: number; deadlineMs: number; questionId: string; type: RoomQuestionInput["type"]; choose: number | null; stem: string; choices: { id: string; text: string }[] };

export type ClosedQuestion = RecordedAnswer & { questionId: string; choiceIds: string[]; correctChoiceIds: string[] };

export type RaceView = {
  runId: string;
  bankSlug: string;
  bankTitle: { ko: string; en: string };
  topics: { ko: string; en: string | null }[];
  questionCount: number;
  secondsPerQuestion: number;
  startedAt: number;
  /** The server's clock when this view was made: the client's offset to it. */
  serverNow: number;
  ghost: { kind: GhostSnapshot["kind"]; runs: number; passed: GhostEvent[]; finishedAtMs: number; totalPoints: number } | null;
  closed: ClosedQuestion[];
  totalPoints: number;
  current: OpenQuestion | null;
  finished: boolean;
  /** After the last question: per question, where time was gained or lost against the ghost. */
  result: RunComparison | null;
};

export class RaceError extends Error {
  constructor(readonly code: RaceProblem) {
    super(code);
  }
}

/** The same questions in the same order make the same set, whoever plays it. */
export function setKeyOf(bankSlug: string, questionIds: readonly string[]): string {
  return `${bankSlug}:${createHash("sha256").update(questionIds.join(",")).digest("hex").slice(0, 24)}`;
}

type ResolvedSet = { bankId: string; bankSlug: string; questionIds: string[]; topicIds: string[]; secondsPerQuestion: number };

async function resolveSet(db: Db, userId: string, choice: SetChoice): Promise<ResolvedSet> {
  if (choice.kind === "last") {
    const last = await db.ghostRun.findFirst({
      where: { userId, finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      select: { bankId: true, questionIds: true, topicIds: true, secondsPerQuestion: true, bank: { select: { slug: true } } },
    });
    if (!last) throw new RaceError("no_last_run");
    return { bankId: last.bankId, bankSlug: last.bank.slug, questionIds: last.questionIds, topicIds: last.topicIds, secondsPerQuestion: last.secondsPerQuestion };
  }
  const topicIds = [...new Set(choice.topicIds)].sort();
  const bank = await loadBankQuestions(db, choice.bankSlug, topicIds);
  if (!bank) throw new RaceError("not_found");
  if (topicIds.length > 0 && (await db.topic.count({ where: { id: { in: topicIds }, bankId: bank.bankId } })) !== topicIds.length) throw new RaceError("not_found");
  if (bank.questions.length === 0) throw new RaceError("bank_empty");
  // Seeded by the set's definition, not the learner: a group choosing the same topics and size races the same questions.
  const ids = bank.questions.map((q) => q.id).sort();
  const questionIds = shuffle(ids, seededRandom(`ghost|${bank.bankSlug}|${topicIds.join(",")}|${choice.size}`)).slice(0, choice.size);
  return { bankId: bank.bankId, bankSlug: bank.bankSlug, questionIds, topicIds, secondsPerQuestion: choice.secondsPerQuestion };
}

type RunAnswerRow = { questionIndex: number; correct: boolean; timedOut: boolean; offsetMs: number; points: number };

async function finishedRunsAnswers(db: Db, runIds: string[]): Promise<Map<string, RunAnswerRow[]>> {
  const rows = await db.ghostRunAnswer.findMany({ where: { runId: { in: runIds } }, select: { runId: true, questionIndex: true, correct: true, timedOut: true, offsetMs: true, points: true } });
  const byRun = new Map<string, RunAnswerRow[]>(runIds.map((id) => [id, []]));
  for (const row of rows) byRun.get(row.runId)!.push(row);
  return byRun;
}

/** The ghost to race, frozen now; null for a first run without one. */
export async function buildGhost(db: Db, userId: string, setKey: string, questionCount: number, choice: GhostChoice): Promise<GhostSnapshot | null> {
  if (choice.kind === "none") return null;
  if (choice.kind === "self") {
    const run = await db.ghostRun.findFirst({ where: { userId, setKey, finishedAt: { not: null } }, orderBy: { finishedAt: "desc" }, select: { id: true } });
    if (!run) throw new RaceError("no_ghost_run");
    const answers = (await finishedRunsAnswers(db, [run.id])).get(run.id)!;
    return { kind: "self", sourceRunIds: [run.id], groupId: null, events: ghostTimeline(answers) };
  }
  const membership = await db.groupMembership.findFirst({ where: { groupId: choice.groupId, userId, group: { archivedAt: null } }, select: { groupId: true } });
  if (!membership) throw new RaceError("not_a_member");
  // Each member's latest finished run of this set (the learner's own included): one vote per member.
  const runs = await db.ghostRun.findMany({
    where: { setKey, finishedAt: { not: null }, user: { memberships: { some: { groupId: choice.groupId } } } },
    orderBy: [{ userId: "asc" }, { finishedAt: "desc" }],
    distinct: ["userId"],
    select: { id: true },
  });
  const byRun = await finishedRunsAnswers(db, runs.map((r) => r.id));
  const events = medianTimeline([...byRun.values()], questionCount);
  if (events.length === 0) throw new RaceError("no_ghost_run");
  return { kind: "group", sourceRunIds: runs.map((r) => r.id), groupId: choice.groupId, events };
}

export async function startRace(db: Db, userId: string, input: { set: SetChoice; ghost: GhostChoice }, now: Date): Promise<RaceView> {
  const set = await resolveSet(db, userId, input.set);
  const setKey = setKeyOf(set.bankSlug, set.questionIds);
  const ghost = await buildGhost(db, userId, setKey, set.questionIds.length, input.ghost);
  const run = await db.ghostRun.create({
    data: {
      userId, bankId: set.bankId, setKey, questionIds: set.questionIds, topicIds: set.topicIds, secondsPerQuestion: set.secondsPerQuestion,
      ghost: ghost ? (ghost as unknown as Prisma.InputJsonValue) : Prisma.DbNull, startedAt: now,
    },
    select: { id: true },
  });
  return loadRace(db, userId, run.id, now);
}

type RunRow = NonNullable<Awaited<ReturnType<typeof readRun>>>;

function readRun(db: Db, userId: string, runId: string) {
  return db.ghostRun.findFirst({
    where: { id: runId, userId },
    select: {
      id: true, questionIds: true, topicIds: true, secondsPerQuestion: true, ghost: true, startedAt: true, finishedAt: true, totalPoints: true,
      bank: { select: { slug: true, titleKo: true, titleEn: true } },
      answers: { orderBy: { questionIndex: "asc" }, select: { questionIndex: true, questionId: true, choiceIds: true, correct: true, timedOut: true, offsetMs: true, points: true } },
    },
  });
}

async function runQuestions(db: Db, run: RunRow): Promise<RoomQuestionInput[]> {
  const bank = await loadBankQuestions(db, run.bank.slug, [], run.questionIds);
  const byId = new Map((bank?.questions ?? []).map((q) => [q.id, q]));
  const questions = run.questionIds.map((id) => byId.get(id));
  // A question retired or made invalid since the set was drawn: the set can no longer be raced.
  if (questions.some((q) => !q)) throw new RaceError("set_changed");
  return questions as RoomQuestionInput[];
}

/** Closes the questions whose time ran out (no answer: wrong, 0 points) and the run when none is left. */
async function settle(db: Db, run: RunRow, now: Date): Promise<boolean> {
  if (run.finishedAt) return false;
  const nowMs = now.getTime() - run.startedAt.getTime();
  const limitMs = run.secondsPerQuestion * 1000;
  if (settleTimeouts(run.answers, run.questionIds.length, limitMs, nowMs).length === 0) return false;
  await db.$transaction(async (tx) => {
    // Under the run's lock, from the answers as they are now: an answer that landed meanwhile moves every later deadline.
    const closed = await lockedAnswers(tx, run.id);
    const timeouts = settleTimeouts(closed, run.questionIds.length, limitMs, nowMs);
    if (timeouts.length === 0) return;
    await tx.ghostRunAnswer.createMany({
      data: timeouts.map((t) => ({
        runId: run.id, questionIndex: t.questionIndex, questionId: run.questionIds[t.questionIndex]!, choiceIds: [], correct: false, timedOut: true,
        offsetMs: t.offsetMs, responseMs: limitMs, points: 0, answeredAt: new Date(run.startedAt.getTime() + t.offsetMs),
      })),
    });
    await finishIfComplete(tx, run.id, run.questionIds.length);
  });
  return true;
}

/** Locks the run (answers and timeouts of one run take turns) and reads its closed questions. */
async function lockedAnswers(tx: Tx, runId: string): Promise<{ offsetMs: number }[]> {
  await tx.$queryRaw`SELECT id FROM "GhostRun" WHERE id = ${runId} FOR UPDATE`;
  return tx.ghostRunAnswer.findMany({ where: { runId }, select: { offsetMs: true } });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function finishIfComplete(tx: Tx, runId: string, questionCount: number): Promise<void> {
  const answers = await tx.ghostRunAnswer.findMany({ where: { runId }, select: { offsetMs: true, points: true } });
  if (answers.length < questionCount) return;
  const last = Math.max(...answers.map((a) => a.offsetMs));
  const run = await tx.ghostRun.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true } });
  await tx.ghostRun.updateMany({
    where: { id: runId, finishedAt: null },
    data: { finishedAt: new Date(run.startedAt.getTime() + last), totalPoints: answers.reduce((sum, a) => sum + a.points, 0) },
  });
}

/** The race now (timeouts settled): what to draw on open, resume or reload. */
export async function loadRace(db: Db, userId: string, runId: string, now: Date): Promise<RaceView> {
  let run = await readRun(db, userId, runId);
  if (!run) throw new RaceError("not_found");
  if (await settle(db, run, now)) run = (await readRun(db, userId, runId))!;
  const questions = await runQuestions(db, run);
  const ghost = run.ghost as unknown as GhostSnapshot | null;
  const nowMs = now.getTime() - run.startedAt.getTime();
  const closed: ClosedQuestion[] = run.answers.map((a) => ({ ...a, correctChoiceIds: questions[a.questionIndex]!.correctChoiceIds }));
  const finished = run.finishedAt !== null;
  let current: OpenQuestion | null = null;
  if (!finished) {
    const index = run.answers.length;
    const question = questions[index]!;
    const opensAtMs = currentOpensAt(run.answers);
    current = {
      index, opensAtMs, deadlineMs: opensAtMs + run.secondsPerQuestion * 1000, questionId: question.id, type: question.type, choose: question.choose ?? null,
      stem: question.content?.stem ?? "", choices: question.content?.choices ?? [],
    };
  }
  const topics = run.topicIds.length ? await db.topic.findMany({ where: { id: { in: run.topicIds } }, orderBy: { order: "asc" }, select: { titleKo: true, titleEn: true } }) : [];
  return {
    runId: run.id,
    bankSlug: run.bank.slug,
    bankTitle: { ko: run.bank.titleKo, en: run.bank.titleEn },
    topics: topics.map((t) => ({ ko: t.titleKo, en: t.titleEn })),
    questionCount: run.questionIds.length,
    secondsPerQuestion: run.secondsPerQuestion,
    startedAt: run.startedAt.getTime(),
    serverNow: now.getTime(),
    ghost: ghost
      ? { kind: ghost.kind, runs: ghost.sourceRunIds.length, passed: ghostProgress(ghost.events, nowMs).passed, finishedAtMs: ghost.events.at(-1)?.offsetMs ?? 0, totalPoints: ghost.events.at(-1)?.totalPoints ?? 0 }
      : null,
    closed,
    totalPoints: closed.reduce((sum, a) => sum + a.points, 0),
    current,
    finished,
    result: finished && ghost ? compareRuns(run.answers, ghost.events) : null,
  };
}

/** The ghost's events still to come at `now`, for the socket layer to schedule. */
export async function upcomingGhostEvents(db: Db, userId: string, runId: string, now: Date): Promise<{ startedAt: number; events: GhostEvent[] }> {
  const run = await db.ghostRun.findFirst({ where: { id: runId, userId }, select: { ghost: true, startedAt: true } });
  if (!run) throw new RaceError("not_found");
  const ghost = run.ghost as unknown as GhostSnapshot | null;
  return { startedAt: run.startedAt.getTime(), events: ghost ? ghostProgress(ghost.events, now.getTime() - run.startedAt.getTime()).upcoming : [] };
}

export type AnswerOutcome = { correct: boolean; points: number; correctChoiceIds: string[]; view: RaceView };

/**
 * Scores the open question with the live rooms' speed-weighted points and stores the answer,
 * its mastery and review update, and the run's end in one transaction, before the caller acks.
 */
export async function answerRace(db: Db, userId: string, input: { runId: string; questionIndex: number; choiceIds: string[] }, now: Date): Promise<AnswerOutcome> {
  let run = await readRun(db, userId, input.runId);
  if (!run) throw new RaceError("not_found");
  if (await settle(db, run, now)) run = (await readRun(db, userId, input.runId))!;
  if (run.finishedAt) throw new RaceError("finished");
  if (input.questionIndex !== run.answers.length) throw new RaceError("question_closed");
  const questions = await runQuestions(db, run);
  const question = questions[input.questionIndex]!;
  if (choiceProblem({ ...question, choose: question.choose ?? null }, input.choiceIds)) throw new RaceError("invalid_choice");
  const limitMs = run.secondsPerQuestion * 1000;
  const opensAt = currentOpensAt(run.answers);
  const nowMs = now.getTime() - run.startedAt.getTime();
  // Within the grace after the deadline the answer counts, clamped to the deadline (settle() already closed later ones).
  const offsetMs = Math.min(Math.max(nowMs, opensAt), opensAt + limitMs);
  const responseMs = offsetMs - opensAt;
  const scored = scoreAnswer(question, input.choiceIds, responseMs, { limitMs, speedScoring: true, previousStreak: trailingStreak(run.answers) });
  const answeredAt = new Date(run.startedAt.getTime() + offsetMs);
  try {
    await db.$transaction(async (tx) => {
      // Still the open question once the run is locked (a timeout or another tab may have closed it).
      if ((await lockedAnswers(tx, run.id)).length !== input.questionIndex) throw new RaceError("question_closed");
      await tx.ghostRunAnswer.create({
        data: { runId: run.id, questionIndex: input.questionIndex, questionId: question.id, choiceIds: input.choiceIds, correct: scored.correct, offsetMs, responseMs, points: scored.points, answeredAt },
      });
      await recordAnswers(tx, [{ userId, questionId: question.id, correct: scored.correct, mode: "LIVE", answeredAt, responseMs }]);
      await finishIfComplete(tx, run.id, run.questionIds.length);
    });
  } catch (error) {
    // A timeout (another process or tab) closed this question first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new RaceError("question_closed");
    throw error;
  }
  return { correct: scored.correct, points: scored.points, correctChoiceIds: question.correctChoiceIds, view: await loadRace(db, userId, run.id, now) };
}

/** When the open question times out (ms since the epoch, grace included), or null when none is open. */
export function timeoutAt(view: RaceView): number | null {
  return view.current ? view.startedAt + view.current.deadlineMs + ANSWER_GRACE_MS : null;
}

export type RecentRun = { runId: string; bankSlug: string; questionCount: number; finishedAt: Date | null; totalPoints: number; ghostKind: string | null };

/** The learner's latest runs, for the launcher. */
export async function recentRuns(db: Db, userId: string, take = 5): Promise<RecentRun[]> {
  const rows = await db.ghostRun.findMany({
    where: { userId },
    orderBy: { startedAt: "desc" },
    take,
    select: { id: true, questionIds: true, finishedAt: true, totalPoints: true, ghost: true, bank: { select: { slug: true } } },
  });
  return rows.map((row) => ({
    runId: row.id, bankSlug: row.bank.slug, questionCount: row.questionIds.length, finishedAt: row.finishedAt, totalPoints: row.totalPoints,
    ghostKind: (row.ghost as unknown as GhostSnapshot | null)?.kind ?? null,
  }));
}
