import { z } from "zod";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const examVersionSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/);
export const startExamSchema = z.object({
  bankSlug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  format: z.enum(["full", "short"]).default("full"),
  // Absent: the bank's current exam version.
  examVersion: examVersionSchema.optional(),
});
export const saveAnswerSchema = z.object({
  attemptId: id,
  itemId: id,
  // Choice keys ("a".."h"); an empty list clears the answer.
  choiceKeys: z.array(z.string().min(1).max(8).regex(/^[a-z0-9]+$/)).max(10),
});
export const setFlagSchema = z.object({ attemptId: id, itemId: id, flagged: z.boolean() });
export const attemptRefSchema = z.object({ attemptId: id });
export const accommodationSchema = z.object({ eslExtraTime: z.boolean() });
