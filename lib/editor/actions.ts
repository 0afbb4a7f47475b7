"use server";
import { revalidatePath } from "next/cache";
import { requireEditor } from "../auth/session";
import { callerOf, type BankCaller } from "../banks/ownership";
import { fieldErrorsOf } from "../auth/schema";
import { AppError, type ActionResult } from "../errors";
import { bulkSetDraftStatus, setQuestionStatus, updateQuestion } from "./mutations";
import { bulkStatusSchema, setStatusSchema, updateQuestionSchema } from "./schema";

async function guarded<T>(work: (caller: BankCaller) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const user = await requireEditor();
    return { ok: true, data: await work(callerOf(user)) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

export async function updateQuestionAction(input: unknown): Promise<ActionResult> {
  const parsed = updateQuestionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await guarded((caller) => updateQuestion(caller, parsed.data));
  if (result.ok) revalidatePath(`/editor/questions/${parsed.data.questionId}`);
  return result.ok ? { ok: true, data: undefined } : result;
}

export async function setQuestionStatusAction(input: unknown): Promise<ActionResult> {
  const parsed = setStatusSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const result = await guarded((caller) => setQuestionStatus(caller, parsed.data.questionId, parsed.data.status));
  if (result.ok) revalidatePath(`/editor/questions/${parsed.data.questionId}`);
  return result.ok ? { ok: true, data: undefined } : result;
}

export async function bulkSetDraftStatusAction(input: unknown): Promise<ActionResult<{ changed: number }>> {
  const parsed = bulkStatusSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const result = await guarded((caller) => bulkSetDraftStatus(caller, parsed.data));
  if (result.ok) revalidatePath(`/editor/banks/${parsed.data.bankSlug}`);
  return result;
}
