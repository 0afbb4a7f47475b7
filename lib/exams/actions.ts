"use server";
// Thin server actions: validate, identify, call the domain, return a code on failure.
import { redirect } from "next/navigation";
import { requireUser } from "../auth/session";
import { AppError, type ActionResult } from "../errors";
import { attemptRefSchema, saveAnswerSchema, setFlagSchema, startExamSchema } from "./schema";
import { saveExamAnswer, setExamFlag, startMockExam, submitExam } from "./mutations";

async function run<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

export async function startExamAction(formData: FormData): Promise<void> {
  const parsed = startExamSchema.safeParse({ bankSlug: formData.get("bankSlug"), format: formData.get("format") ?? undefined });
  if (!parsed.success) redirect("/exams");
  const user = await requireUser();
  const { attemptId } = await startMockExam(user.id, parsed.data.bankSlug, new Date(), parsed.data.format);
  redirect(`/exams/${attemptId}`);
}

export async function saveExamAnswerAction(input: unknown): Promise<ActionResult<{ remainingMs: number }>> {
  const parsed = saveAnswerSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const user = await requireUser();
  return run(() => saveExamAnswer(user.id, parsed.data, new Date()));
}

export async function setExamFlagAction(input: unknown): Promise<ActionResult> {
  const parsed = setFlagSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const user = await requireUser();
  return run(async () => { await setExamFlag(user.id, parsed.data, new Date()); return undefined; });
}

export async function submitExamAction(input: unknown): Promise<ActionResult> {
  const parsed = attemptRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const user = await requireUser();
  return run(async () => { await submitExam(user.id, parsed.data.attemptId, new Date(), { auto: false }); return undefined; });
}
