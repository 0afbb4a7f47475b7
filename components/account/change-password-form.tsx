"use client";
import { useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { changePasswordAction } from "@/lib/auth/actions";

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const tAuth = useTranslations("auth");
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<{ kind: "done" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const message = (code: string) => (tAuth.has(`errors.${code}`) ? tAuth(`errors.${code}`) : t("failed"));

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFieldErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await changePasswordAction({ currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") });
      if (result.ok) {
        formRef.current?.reset();
        setStatus({ kind: "done", text: t("passwordChanged") });
      } else if (result.fieldErrors) {
        setFieldErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([key, codes]) => [key, codes.map(message)])));
      } else {
        setStatus({ kind: "error", text: result.code === "throttled" ? t("throttled") : message(result.code) });
      }
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={pending}>
      <Field label={t("currentPassword")} name="currentPassword" type="password" autoComplete="current-password" required errors={fieldErrors.currentPassword} />
      <Field label={t("newPassword")} name="newPassword" type="password" autoComplete="new-password" required hint={t("newPasswordHint")} errors={fieldErrors.newPassword} />
      {status ? (
        <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" : "rounded-md bg-green-50 px-3 py-2 text-sm text-green-800"}>
          {status.text}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("working") : t("changePassword")}
      </button>
    </form>
  );
}
