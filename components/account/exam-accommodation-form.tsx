"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { setExamAccommodationAction } from "@/lib/exams/actions";

/**
 * The ESL +30 setting: a checkbox saved as soon as it changes. Rendered on the exams page
 * and meant for the account page too; it applies to full mock exams started afterwards.
 */
export function ExamAccommodationForm({ eslExtraTime }: { eslExtraTime: boolean }) {
  const t = useTranslations("exam.accommodation");
  const [checked, setChecked] = useState(eslExtraTime);
  const [status, setStatus] = useState<"idle" | "saved" | "error">("idle");
  const [saving, startSaving] = useTransition();

  function change(next: boolean) {
    const before = checked;
    setChecked(next);
    setStatus("idle");
    startSaving(async () => {
      const result = await setExamAccommodationAction({ eslExtraTime: next }).catch(() => null);
      if (result?.ok) return setStatus("saved");
      // Not stored: show the setting as it still is on the server.
      setChecked(before);
      setStatus("error");
    });
  }

  return (
    <fieldset className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4" aria-busy={saving} data-testid="exam-accommodation-form">
      <legend className="px-1 text-sm font-semibold">{t("title")}</legend>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="eslExtraTime" checked={checked} disabled={saving} onChange={(event) => change(event.target.checked)} className="mt-1" aria-describedby="esl-hint" />
        <span>{t("esl")}</span>
      </label>
      <p id="esl-hint" className="text-xs text-slate-600">{t("eslHint")}</p>
      <p aria-live="polite" className="text-xs">
        {saving ? <span className="text-slate-500">{t("saving")}</span> : null}
        {status === "saved" ? <span className="text-green-700">{checked ? t("savedOn") : t("savedOff")}</span> : null}
        {status === "error" ? <span role="alert" className="text-red-700">{t("error")}</span> : null}
      </p>
    </fieldset>
  );
}
