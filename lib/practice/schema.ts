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

export const answerPracticeSchema = z.object({
  attemptId: id,
  itemId: id,
  choiceKeys: z.array(z.string().min(1).max(8).regex(/^[a-z0-9]+$/)).min(1).max(10),
});
