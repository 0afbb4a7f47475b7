"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { Field } from "@/components/ui/field";
import { signInPath } from "@/lib/auth/callback";

/** callbackPath: an already-validated same-origin path (lib/auth/callback.ts) to go to once signed in. */
export function SignInForm({ callbackPath = null }: { callbackPath?: string | null }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        // "throttled:<seconds>" says how long the wait is (lib/auth/options.ts).
        const [code = "internal", seconds] = (result?.error ?? "internal").split(":");
        if (code === "throttled" && Number(seconds) > 0) setError(t("errors.throttledFor", { minutes: Math.max(1, Math.ceil(Number(seconds) / 60)) }));
        else setError(t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.invalid_credentials"));
        return;
      }
      router.push(callbackPath ?? "/dashboard");
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={pending}>
      <Field label={t("email")} name="email" type="email" autoComplete="email" required />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required />
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("working") : t("submitSignIn")}
      </button>
      <p className="text-sm text-slate-600">
        {t("noAccount")} <Link href={signInPath(callbackPath, "/signup")} className="text-brand-600 underline">{t("signUpTitle")}</Link>
      </p>
    </form>
  );
}
