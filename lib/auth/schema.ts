import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// Messages are codes; the UI translates them (auth.errors.<code>).
const email = z
  .string({ error: "email_required" })
  .trim()
  .toLowerCase()
  .min(1, "email_required")
  .max(254, "email_too_long")
  .pipe(z.email({ error: "email_invalid" }));

export const signUpSchema = z.object({
  name: z
    .string({ error: "name_required" })
    .trim()
    .min(1, "name_required")
    .max(50, "name_too_long")
    .refine((value) => !/[<>]/.test(value), "name_invalid_chars"),
  email,
  password: z
    .string({ error: "password_required" })
    .min(PASSWORD_MIN, "password_too_short")
    .max(PASSWORD_MAX, "password_too_long"),
});

export const signInSchema = z.object({
  email,
  password: z.string({ error: "password_required" }).min(1, "password_required").max(PASSWORD_MAX, "password_too_long"),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "password_required" }).min(1, "password_required").max(PASSWORD_MAX, "password_too_long"),
  newPassword: z
    .string({ error: "password_required" })
    .min(PASSWORD_MIN, "password_too_short")
    .max(PASSWORD_MAX, "password_too_long"),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export const nicknameSchema = z
  .string()
  .trim()
  .min(1, "nickname_required")
  .max(24, "nickname_too_long")
  .refine((value) => !/[<>]/.test(value), "nickname_invalid_chars");

/** Field → list of message codes, from a failed parse. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
