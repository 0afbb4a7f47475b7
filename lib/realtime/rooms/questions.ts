// Questions for a room, read from the bank: published, not cloze (a live round has no typed
// answers), as the engine's input. Correctness stays on the server: the engine keeps it in
// the state and only reveals it in `round:reveal`. The review material (explanations, which
// choice is right, the note's link) is read only when the room finishes.
import type { Db } from "../../db";
import { roomQuestionSchema, type QuestionType, type RoomQuestionInput } from "../engine";

const TYPES: Record<string, QuestionType | undefined> = { SINGLE: "single", MULTIPLE: "multiple", TRUE_FALSE: "truefalse" };

export type BankQuestions = { bankId: string; bankSlug: string; questions: RoomQuestionInput[] };

/** `questionIds`: only these (a weak-topic duel's chosen questions). */
export async function loadBankQuestions(db: Db, bankSlug: string, topicIds: readonly string[], questionIds?: readonly string[]): Promise<BankQuestions | null> {
  const bank = await db.questionBank.findUnique({ where: { slug: bankSlug }, select: { id: true, slug: true } });
  if (!bank) return null;
  const rows = await db.question.findMany({
    where: {
      bankId: bank.id,
      status: "PUBLISHED",
      type: { in: ["SINGLE", "MULTIPLE", "TRUE_FALSE"] },
      ...(topicIds.length > 0 ? { topicId: { in: [...topicIds] } } : {}),
      ...(questionIds ? { id: { in: [...questionIds] } } : {}),
    },
    select: { id: true, type: true, stem: true, choose: true, choices: { select: { key: true, text: true, correct: true }, orderBy: { order: "asc" } } },
  });
  const questions: RoomQuestionInput[] = [];
  for (const row of rows) {
    const type = TYPES[row.type];
    if (!type) continue;
    const correct = row.choices.filter((c) => c.correct).map((c) => c.key);
    const input: RoomQuestionInput = {
      id: row.id,
      type,
      choiceIds: row.choices.map((c) => c.key),
      correctChoiceIds: correct,
      // `choose` must match the key; a bank whose count disagrees plays "pick any number".
      ...(type === "multiple" && row.choose === correct.length ? { choose: row.choose } : {}),
      content: { stem: row.stem, choices: row.choices.map((c) => ({ id: c.key, text: c.text })) },
    };
    // A malformed question (e.g. two "correct" choices on a single-answer question) is left out.
    if (roomQuestionSchema.safeParse(input).success) questions.push(input);
  }
  return { bankId: bank.id, bankSlug: bank.slug, questions };
}

export type ReviewMaterial = Map<string, { explanation: string; correct: Set<string>; noteHref: string | null }>;

export async function loadReviewMaterial(db: Db, questionIds: readonly string[]): Promise<ReviewMaterial> {
  const rows = await db.question.findMany({
    where: { id: { in: [...questionIds] } },
    select: {
      id: true,
      explanation: true,
      choices: { where: { correct: true }, select: { key: true } },
      topic: { select: { slug: true } },
      bank: { select: { slug: true } },
    },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        explanation: row.explanation,
        correct: new Set(row.choices.map((c) => c.key)),
        noteHref: `/banks/${encodeURIComponent(row.bank.slug)}/topics/${encodeURIComponent(row.topic.slug)}`,
      },
    ]),
  );
}
