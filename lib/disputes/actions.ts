"use server";
import { revalidatePath } from "next/cache";
import { requireEditor, requireUser } from "../auth/session";
import { fieldErrorsOf } from "../auth/schema";
import { AppError, type ActionResult } from "../errors";
import { reportQuestion, resolveReports } from "./mutations";
import { reportQuestionSchema, resolveReportsSchema } from "./schema";

export async function reportQuestionAction(input: unknown): Promise<ActionResult> {
  const parsed = reportQuestionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const user = await requireUser();
    await reportQuestion(user.id, parsed.data);
    // No revalidatePath: /reports renders per request, and revalidating would refresh the page the
    // learner reports from (a finished practice set would jump to its summary under the form).
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

export async function resolveReportsAction(input: unknown): Promise<ActionResult> {
  const parsed = resolveReportsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const user = await requireEditor();
    await resolveReports(user, parsed.data);
    revalidatePath("/editor/reports");
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}
