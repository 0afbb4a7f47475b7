"use server";
import { redirect } from "next/navigation";
import { requireUser } from "../auth/session";
import { AppError, type ActionResult } from "../errors";
import { answerPractice, startPractice, type PracticeFeedback } from "./mutations";
import { answerPracticeSchema, startPracticeSchema } from "./schema";

export async function startPracticeAction(formData: FormData): Promise<void> {
  const parsed = startPracticeSchema.safeParse({
    bankSlug: formData.get("bankSlug"),
    source: formData.get("source"),
    topicIds: formData.getAll("topicIds"),
    size: formData.get("size") ?? undefined,
  });
  if (!parsed.success) redirect("/practice?error=invalid_input");
  const user = await requireUser();
  let attemptId: string;
  try {
    ({ attemptId } = await startPractice(user.id, parsed.data, new Date()));
  } catch (error) {
    if (error instanceof AppError) redirect(`/practice?error=${error.code}`);
    throw error;
  }
  redirect(`/practice/${attemptId}`);
}

export async function answerPracticeAction(input: unknown): Promise<ActionResult<PracticeFeedback>> {
  const parsed = answerPracticeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const user = await requireUser();
  try {
    return { ok: true, data: await answerPractice(user.id, parsed.data, new Date()) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}
