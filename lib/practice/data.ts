import "server-only";
import { db } from "../db";

export type PracticeItemView = {
  itemId: string;
  /** For a report on the question (lib/disputes). */
  questionId: string;
  type: "SINGLE" | "MULTIPLE" | "TRUE_FALSE" | "CLOZE";
  stem: string;
  choose: number | null;
  choices: { key: string; text: string }[];
  answered: boolean;
};

/** The practice set as the learner may see it: answers are revealed only by answering. */
export async function loadPracticeView(userId: string, attemptId: string) {
  const attempt = await db().attempt.findFirst({
    where: { id: attemptId, userId, mode: "PRACTICE" },
    select: {
      id: true, status: true, correctCount: true, totalCount: true,
      bank: { select: { slug: true, examCode: true } },
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true, answeredAt: true, correct: true, questionId: true,
          question: {
            select: {
              type: true, stem: true, choose: true,
              topic: { select: { slug: true, titleKo: true, titleEn: true } },
              choices: { orderBy: { order: "asc" }, select: { key: true, text: true } },
            },
          },
        },
      },
    },
  });
  if (!attempt) return null;
  return {
    attemptId: attempt.id,
    finished: attempt.status === "SUBMITTED",
    bankSlug: attempt.bank.slug,
    correctCount: attempt.items.filter((item) => item.correct === true).length,
    items: attempt.items.map((item) => ({
      itemId: item.id,
      questionId: item.questionId,
      type: item.question.type,
      stem: item.question.stem,
      choose: item.question.choose,
      choices: item.question.choices,
      answered: item.answeredAt !== null,
      // Only answered items say whether they were right, and which topic to revisit.
      result: item.answeredAt ? { correct: item.correct === true, topicSlug: item.question.topic.slug, topicTitle: { ko: item.question.topic.titleKo, en: item.question.topic.titleEn } } : null,
    })),
  };
}

export type PracticeView = NonNullable<Awaited<ReturnType<typeof loadPracticeView>>>;
