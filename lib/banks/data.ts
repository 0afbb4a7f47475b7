// Reads of question banks. Learners see published questions only; editors see every status.
import "server-only";
import { db } from "../db";
import type { QuestionStatus, QuestionType } from "../generated/prisma/enums";

export type BankSummary = { id: string; slug: string; examCode: string; titleKo: string; titleEn: string; topicCount: number; questionCount: number };

export async function listBanks(): Promise<BankSummary[]> {
  const banks = await db().questionBank.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true, slug: true, examCode: true, titleKo: true, titleEn: true,
      _count: { select: { topics: true, questions: { where: { status: "PUBLISHED" } } } },
    },
  });
  return banks.map(({ _count, ...bank }) => ({ ...bank, topicCount: _count.topics, questionCount: _count.questions }));
}

export type BankOverview = {
  bank: { id: string; slug: string; examCode: string; titleKo: string; titleEn: string };
  topics: { id: string; slug: string; titleKo: string; titleEn: string | null; examTags: string[]; order: number; questionCount: number; sourceFile: string | null; lineStart: number | null; lineEnd: number | null }[];
  byType: Record<QuestionType, number>;
  byDomain: { domain: number | null; count: number }[];
  byStatus: Record<QuestionStatus, number>;
  total: number;
};

export async function getBankOverview(slug: string, options: { includeDrafts: boolean }): Promise<BankOverview | null> {
  const bank = await db().questionBank.findUnique({ where: { slug }, select: { id: true, slug: true, examCode: true, titleKo: true, titleEn: true } });
  if (!bank) return null;
  const visible = options.includeDrafts ? {} : { status: "PUBLISHED" as const };
  const [topics, perTopic, perType, perDomain, perStatus] = await Promise.all([
    db().topic.findMany({
      where: { bankId: bank.id },
      orderBy: { order: "asc" },
      select: { id: true, slug: true, titleKo: true, titleEn: true, examTags: true, order: true, sourceFile: true, lineStart: true, lineEnd: true },
    }),
    db().question.groupBy({ by: ["topicId"], where: { bankId: bank.id, ...visible }, _count: { _all: true } }),
    db().question.groupBy({ by: ["type"], where: { bankId: bank.id, ...visible }, _count: { _all: true } }),
    db().question.groupBy({ by: ["domain"], where: { bankId: bank.id, ...visible }, _count: { _all: true }, orderBy: { domain: "asc" } }),
    db().question.groupBy({ by: ["status"], where: { bankId: bank.id }, _count: { _all: true } }),
  ]);
  const countByTopic = new Map(perTopic.map((row) => [row.topicId, row._count._all]));
  const byType = { SINGLE: 0, MULTIPLE: 0, TRUE_FALSE: 0, CLOZE: 0 } as Record<QuestionType, number>;
  for (const row of perType) byType[row.type] = row._count._all;
  const byStatus = { DRAFT: 0, PUBLISHED: 0, RETIRED: 0 } as Record<QuestionStatus, number>;
  if (options.includeDrafts) for (const row of perStatus) byStatus[row.status] = row._count._all;
  else byStatus.PUBLISHED = perStatus.find((row) => row.status === "PUBLISHED")?._count._all ?? 0;
  return {
    bank,
    topics: topics.map((topic) => ({ ...topic, questionCount: countByTopic.get(topic.id) ?? 0 })),
    byType,
    byDomain: perDomain.map((row) => ({ domain: row.domain, count: row._count._all })),
    byStatus,
    total: Object.values(byType).reduce((sum, n) => sum + n, 0),
  };
}

export async function getTopicNote(bankSlug: string, topicSlug: string) {
  return db().topic.findFirst({
    where: { slug: topicSlug, bank: { slug: bankSlug } },
    select: {
      slug: true, titleKo: true, titleEn: true, examTags: true, note: true, sourceFile: true, lineStart: true, lineEnd: true,
      bank: { select: { slug: true, examCode: true } },
    },
  });
}
