import { z } from "zod";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const PRACTICE_SIZES = [5, 10, 20] as const;

export const startPracticeSchema = z.object({
  bankSlug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  source: z.enum(["topics", "weakest", "due"]),
  topicIds: z.array(id).max(100).default([]),
  size: z.coerce.number().int().refine((n) => (PRACTICE_SIZES as readonly number[]).includes(n)).default(10),
});
export type StartPracticeInput = z.infer<typeof startPracticeSchema>;

/** Choice questions send `choiceKeys`; cloze questions send the typed `text`. Never both. */
export const answerPracticeSchema = z
  .object({
    attemptId: id,
    itemId: id,
    choiceKeys: z.array(z.string().min(1).max(8).regex(/^[a-z0-9]+$/)).max(10).default([]),
    text: z.string().trim().min(1).max(200).optional(),
  })
  .refine((input) => (input.choiceKeys.length > 0) !== (input.text !== undefined), { message: "give either choiceKeys or text" });
export type AnswerPracticeInput = z.infer<typeof answerPracticeSchema>;
