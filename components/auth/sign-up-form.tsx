"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { Field } from "@/components/ui/field";
import { signInPath } from "@/lib/auth/callback";
import { signUpAction } from "@/lib/auth/actions";

/** callbackPath: an already-validated same-origin path (lib/auth/callback.ts) to go to once signed in. */
export function SignUpForm({ callbackPath = null }: { callbackPath?: string | null }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const message = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.internal"));

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setFieldErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = await signUpAction(input);
      if (!result.ok) {
        if (result.fieldErrors) {
          setFieldErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([key, codes]) => [key, codes.map(message)])));
        } else {
          setFormError(message(result.code));
        }
        return;
      }
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (!signedIn || signedIn.error) {
        router.push(signInPath(callbackPath));
        return;
      }
      router.push(callbackPath ?? "/dashboard");
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={pending}>
      <Field label={t("name")} name="name" autoComplete="name" maxLength={50} required errors={fieldErrors.name} />
      <Field label={t("email")} name="email" type="email" autoComplete="email" required errors={fieldErrors.email} />
      <Field label={t("password")} name="password" type="password" autoComplete="new-password" required hint={t("passwordHint")} errors={fieldErrors.password} />
      {formError ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{formError}</p> : null}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("working") : t("submitSignUp")}
      </button>
      <p className="text-sm text-slate-600">
        {t("haveAccount")} <Link href={signInPath(callbackPath)} className="text-brand-600 underline">{t("signInTitle")}</Link>
      </p>
    </form>
  );
}
