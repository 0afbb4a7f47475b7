// What a learner's dashboard shows for one bank: mastery by topic with its band, the
// trend, due reviews, what to study next and why, and an exam-readiness estimate.
import "server-only";
import { db } from "../db";
import type { ExamConfig } from "../exams/data";
import {
  masteryInterval,
  masteryProbability,
  nextToStudy,
  readiness,
  readinessGains,
  topicWeightsFromBlueprint,
  type MasteryState,
  type StudyReason,
} from "../mastery";
import { majorityDomainByTopic } from "./topic-domains";

export type TopicMasteryRow = {
  topicId: string; slug: string; title: { ko: string; en: string | null }; answers: number; mastery: number | null; low: number | null; high: number | null;
  /** Exam domain most of the topic's questions belong to; null when none is tagged. */
  domain: number | null;
  /** Published questions, so the view offers "practise this" only where there is something to practise. */
  questionCount: number;
  /** Scaled points readiness would rise if this topic reached READINESS_TARGET mastery. */
  readinessGain: number;
};
/** The mastery the dashboard's "readiness gain" is computed for. */
export const READINESS_TARGET = 0.8;
export type TrendPoint = { day: string; answers: number; accuracy: number };
export type LearnerDashboard = {
  bank: { slug: string; titleKo: string; titleEn: string; passingScore: number };
  /** The exam blueprint's domains in order, with their weights (empty for banks without one). */
  domains: { id: number; weight: number; title: { ko: string; en: string } }[];
  topics: TopicMasteryRow[];
  trend: TrendPoint[];
  dueCount: number;
  next: { topicId: string; slug: string; title: { ko: string; en: string | null }; reason: StudyReason; mastery: number; dueCount: number }[];
  readiness: { scaled: number; low: number; high: number; passProbability: number; coverage: number };
};

const TREND_DAYS = 30;

export async function loadLearnerDashboard(userId: string, bankId: string, now: Date): Promise<LearnerDashboard> {
  const since = new Date(now.getTime() - TREND_DAYS * 86_400_000);
  const [bank, topics, masteries, dueRows, questions, events] = await Promise.all([
    db().questionBank.findUniqueOrThrow({ where: { id: bankId }, select: { slug: true, titleKo: true, titleEn: true, examConfig: true } }),
    db().topic.findMany({ where: { bankId }, orderBy: { order: "asc" }, select: { id: true, slug: true, titleKo: true, titleEn: true } }),
    db().topicMastery.findMany({ where: { userId, topic: { bankId } } }),
    db().reviewCard.findMany({ where: { userId, dueAt: { lte: now }, question: { bankId, status: "PUBLISHED" } }, select: { question: { select: { topicId: true } } } }),
    db().question.findMany({ where: { bankId, status: "PUBLISHED" }, select: { topicId: true, domain: true } }),
    db().masteryEvent.findMany({ where: { userId, createdAt: { gte: since }, topic: { bankId } }, select: { createdAt: true, correct: true } }),
  ]);
  const config = bank.examConfig as ExamConfig;
  const masteryByTopic: Record<string, MasteryState> = {};
  for (const row of masteries) {
    masteryByTopic[row.topicId] = { theta: row.theta, uncertainty: row.uncertainty, answers: row.answers, correctAnswers: row.correctAnswers, lastAnsweredAt: row.lastAnsweredAt?.toISOString() ?? null };
  }
  const dueCounts: Record<string, number> = {};
  for (const row of dueRows) dueCounts[row.question.topicId] = (dueCounts[row.question.topicId] ?? 0) + 1;
  const blueprintWeights = topicWeightsFromBlueprint(questions, (config.domains ?? []).map((d) => ({ domain: d.id, weight: d.weight })));
  const questionCounts: Record<string, number> = {};
  for (const q of questions) questionCounts[q.topicId] = (questionCounts[q.topicId] ?? 0) + 1;
  // A bank without a blueprint (imported notes) weighs topics by their questions, as a form drawn from it would.
  const weights = Object.keys(blueprintWeights).length ? blueprintWeights : questionCounts;
  const byId = new Map(topics.map((t) => [t.id, t]));
  const domainOf = majorityDomainByTopic(questions);
  const gains = readinessGains(masteryByTopic, weights, { now, target: READINESS_TARGET, minScore: config.minScore, maxScore: config.maxScore });

  const topicRows = topics.map((topic) => {
    const state = masteryByTopic[topic.id];
    const band = state ? masteryInterval(state, { now }) : null;
    return {
      topicId: topic.id, slug: topic.slug, title: { ko: topic.titleKo, en: topic.titleEn },
      answers: state?.answers ?? 0, mastery: state ? masteryProbability(state) : null, low: band?.low ?? null, high: band?.high ?? null,
      domain: domainOf[topic.id] ?? null, questionCount: questionCounts[topic.id] ?? 0, readinessGain: gains[topic.id] ?? 0,
    };
  });

  // Answers per day (Seoul calendar days) and the share answered correctly.
  const perDay = new Map<string, { answers: number; correct: number }>();
  const dayOf = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit", day: "2-digit" });
  for (const event of events) {
    const day = dayOf.format(event.createdAt);
    const row = perDay.get(day) ?? { answers: 0, correct: 0 };
    row.answers += 1;
    if (event.correct) row.correct += 1;
    perDay.set(day, row);
  }
  const trend = [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, row]) => ({ day, answers: row.answers, accuracy: row.correct / row.answers }));

  const estimate = readiness(masteryByTopic, weights, { now, questionCount: config.questionCount, passingScore: config.passingScore, minScore: config.minScore, maxScore: config.maxScore });
  const next = nextToStudy(masteryByTopic, dueCounts, weights, { now, limit: 5 })
    .filter((s) => byId.has(s.topicId))
    .map((s) => {
      const topic = byId.get(s.topicId)!;
      return { topicId: s.topicId, slug: topic.slug, title: { ko: topic.titleKo, en: topic.titleEn }, reason: s.reason, mastery: s.mastery, dueCount: s.dueCount };
    });

  return {
    bank: { slug: bank.slug, titleKo: bank.titleKo, titleEn: bank.titleEn, passingScore: config.passingScore },
    domains: (config.domains ?? []).map((d) => ({ id: d.id, weight: d.weight, title: d.title })),
    topics: topicRows,
    trend,
    dueCount: dueRows.length,
    next,
    readiness: { scaled: estimate.scaled, low: estimate.low, high: estimate.high, passProbability: estimate.passProbability, coverage: estimate.coverage },
  };
}
