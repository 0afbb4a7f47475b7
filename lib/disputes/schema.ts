import { z } from "zod";
import { REPLY_TEXT_MAX, REPORT_REASONS, REPORT_SOURCES, REPORT_TEXT_MAX } from "./rules";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const reportQuestionSchema = z.object({
  questionId: id,
  reason: z.enum(REPORT_REASONS),
  text: z.string().trim().min(3, "report_text_short").max(REPORT_TEXT_MAX, "report_text_long"),
  source: z.enum(REPORT_SOURCES),
});
export type ReportQuestionInput = z.infer<typeof reportQuestionSchema>;

const reply = z.string().trim().min(1, "reply_required").max(REPLY_TEXT_MAX, "reply_too_long");

export const resolveReportsSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("fix"),
    questionId: id,
    reply,
    // The corrected key: which of the question's choices are right (texts stay as they are).
    correctKeys: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).min(1).max(10),
  }),
  z.object({ action: z.literal("retire"), questionId: id, reply }),
  z.object({ action: z.literal("reject"), questionId: id, reply }),
]);
export type ResolveReportsInput = z.infer<typeof resolveReportsSchema>;
