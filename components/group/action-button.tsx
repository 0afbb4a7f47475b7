"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";

type Props<I, T> = {
  action: (input: I) => Promise<ActionResult<T>>;
  input: I;
  label: string;
  /** Asked before the call (window.confirm): destructive actions. */
  confirm?: string;
  /** Where to go with the result: a live room's code, or a practice set. */
  navigate?: "play" | "practice";
  variant?: "primary" | "secondary" | "danger";
  testId?: string;
  /** Where to go after success instead of refreshing (e.g. after leaving the group). */
  redirectTo?: string;
};

/** A button that runs one server action, shows progress and a readable error, then refreshes. */
export function ActionButton<I, T>({ action, input, label, confirm, navigate, variant = "secondary", testId, redirectTo }: Props<I, T>) {
  const t = useTranslations("groups.errors");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const styles = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white hover:bg-slate-100",
    danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  }[variant];
  function run() {
    if (confirm && !window.confirm(confirm)) return;
    setError(null);
    start(async () => {
      const result = await action(input);
      if (!result.ok) {
        setError(t.has(result.code) ? t(result.code) : t("generic"));
        return;
      }
      const data = result.data as { code?: string; attemptId?: string } | undefined;
      if (navigate === "play" && data?.code) router.push(`/play/${data.code}`);
      else if (navigate === "practice" && data?.attemptId) router.push(`/practice/${data.attemptId}`);
      else if (redirectTo) router.push(redirectTo);
      else router.refresh();
    });
  }
  return (
    <span className="inline-flex flex-col gap-1">
      <button type="button" onClick={run} disabled={pending} aria-busy={pending} data-testid={testId} className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${styles}`}>
        {label}
      </button>
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
