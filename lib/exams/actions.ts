"use server";
// Thin server actions: validate, identify, call the domain, return a code on failure.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "../auth/session";
import { AppError, type ActionResult } from "../errors";
import { accommodationSchema, attemptRefSchema, saveAnswerSchema, setFlagSchema, startExamSchema } from "./schema";
import { saveExamAnswer, setExamAccommodation, setExamFlag, startMockExam, submitExam } from "./mutations";

async function run<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

export async function startExamAction(formData: FormData): Promise<void> {
  const parsed = startExamSchema.safeParse({
    bankSlug: formData.get("bankSlug"),
    format: formData.get("format") ?? undefined,
    examVersion: formData.get("examVersion") || undefined,
  });
  if (!parsed.success) redirect("/exams?error=invalid_input");
  const user = await requireUser();
  let attemptId: string;
  try {
    ({ attemptId } = await startMockExam(user.id, parsed.data.bankSlug, new Date(), parsed.data.format, { examVersion: parsed.data.examVersion }));
  } catch (error) {
    // An empty bank (or one emptied since the page was drawn) is a message on the page, not a 500.
    if (error instanceof AppError) redirect(`/exams?error=${error.code}&bank=${parsed.data.bankSlug}`);
    throw error;
  }
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

export async function setExamAccommodationAction(input: unknown): Promise<ActionResult<{ eslExtraTime: boolean }>> {
  const parsed = accommodationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const user = await requireUser();
  const result = await run(() => setExamAccommodation(user.id, parsed.data));
  if (result.ok) revalidatePath("/exams");
  return result;
}
