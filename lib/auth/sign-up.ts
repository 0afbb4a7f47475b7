import { AppError, type ActionResult } from "../errors";
import { fieldErrorsOf, signUpSchema } from "./schema";
import { createUser } from "./users";

/** Validates and creates a learner account. Bad input writes nothing. */
export async function signUp(input: unknown, locale: string): Promise<ActionResult<{ id: string; email: string }>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const user = await createUser({ ...parsed.data, locale });
    return { ok: true, data: { id: user.id, email: user.email } };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}
