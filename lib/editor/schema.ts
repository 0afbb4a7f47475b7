import { z } from "zod";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const questionStatusSchema = z.enum(["DRAFT", "PUBLISHED", "RETIRED"]);

export const updateQuestionSchema = z
  .object({
    questionId: id,
    stem: z.string().trim().min(5, "stem_too_short").max(4000, "stem_too_long"),
    explanation: z.string().trim().min(1, "explanation_required").max(8000, "explanation_too_long"),
    choices: z
      .array(z.object({ key: z.string().regex(/^[a-z0-9]{1,8}$/), text: z.string().trim().min(1, "choice_empty").max(1000, "choice_too_long"), correct: z.boolean() }))
      .max(10),
  })
  .superRefine((value, ctx) => {
    const texts = value.choices.map((c) => c.text.toLowerCase());
    if (new Set(texts).size !== texts.length) ctx.addIssue({ code: "custom", path: ["choices"], message: "choices_duplicate" });
    if (value.choices.length > 0 && !value.choices.some((c) => c.correct)) ctx.addIssue({ code: "custom", path: ["choices"], message: "choices_no_correct" });
  });

export const setStatusSchema = z.object({ questionId: id, status: questionStatusSchema });

/** Bulk accept (publish) or reject (retire) of drafts in one bank. */
export const bulkStatusSchema = z.object({
  bankSlug: z.string().min(1).max(120).regex(/^[A-Za-z0-9_.-]+$/),
  questionIds: z.array(id).min(1).max(200).refine((ids) => new Set(ids).size === ids.length, "duplicate_ids"),
  status: z.enum(["PUBLISHED", "RETIRED"]),
});
