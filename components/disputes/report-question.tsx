"use client";
import { useId, useState, useTransition } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { reportQuestionAction } from "@/lib/disputes/actions";
import { REPORT_REASONS, REPORT_TEXT_MAX } from "@/lib/disputes/rules";

/** "Report question": a reason and a short text, from practice feedback, the exam review or the room review. */
export function ReportQuestion({ questionId, source }: { questionId: string; source: "practice" | "exam" | "room" }) {
  const t = useTranslations("disputes");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<(typeof REPORT_REASONS)[number]>("WRONG_KEY");
  const [text, setText] = useState("");
  const [state, setState] = useState<"idle" | "sent">("idle");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const ids = useId();

  if (state === "sent") {
    return (
      <p role="status" className="text-sm text-slate-700" data-testid="report-sent">
        {t("sent")} <Link href="/reports" className="text-brand-700 underline">{t("myReports")}</Link>
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="self-start text-sm text-slate-600 underline" onClick={() => setOpen(true)} data-testid="report-open">
        {t("report")}
      </button>
    );
  }
  return (
    <form
      className="flex flex-col gap-2 rounded-md border border-slate-300 bg-white p-3"
      data-testid="report-form"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await reportQuestionAction({ questionId, reason, text, source });
          if (!result.ok) return setError(t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.generic"));
          setState("sent");
        });
      }}
    >
      <p className="text-sm font-semibold">{t("reportTitle")}</p>
      <label htmlFor={`${ids}-reason`} className="text-sm">{t("reason")}</label>
      <select id={`${ids}-reason`} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)} className="rounded border border-slate-300 px-2 py-1.5" data-testid="report-reason">
        {REPORT_REASONS.map((r) => <option key={r} value={r}>{t(`reasons.${r}`)}</option>)}
      </select>
      <label htmlFor={`${ids}-text`} className="text-sm">{t("text")}</label>
      <textarea id={`${ids}-text`} value={text} onChange={(e) => setText(e.target.value)} maxLength={REPORT_TEXT_MAX} minLength={3} required rows={3} className="rounded border border-slate-300 px-2 py-1.5" data-testid="report-text" />
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50" data-testid="report-send">{t("send")}</button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">{t("cancel")}</button>
      </div>
    </form>
  );
}
