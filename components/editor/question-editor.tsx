"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { setQuestionStatusAction, updateQuestionAction } from "@/lib/editor/actions";
import { QuestionPreview } from "./question-preview";

type Choice = { key: string; text: string; correct: boolean };

export function QuestionEditor({ question }: { question: { id: string; type: string; stem: string; explanation: string; status: string; choices: Choice[] } }) {
  const t = useTranslations("editor");
  const router = useRouter();
  const [stem, setStem] = useState(question.stem);
  const [explanation, setExplanation] = useState(question.explanation);
  const [choices, setChoices] = useState<Choice[]>(question.choices);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const single = question.type !== "MULTIPLE";

  function save() {
    startTransition(async () => {
      const result = await updateQuestionAction({ questionId: question.id, stem, explanation, choices });
      setMessage(result.ok ? { kind: "ok", text: t("saved") } : { kind: "error", text: t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.invalid_input") });
      if (result.ok) router.refresh();
    });
  }

  function setStatus(status: "DRAFT" | "PUBLISHED" | "RETIRED") {
    startTransition(async () => {
      const result = await setQuestionStatusAction({ questionId: question.id, status });
      setMessage(result.ok ? { kind: "ok", text: t(`statusChanged.${status}`) } : { kind: "error", text: t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.internal") });
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("stem")}
        <textarea value={stem} onChange={(e) => setStem(e.target.value)} rows={5} className="rounded-md border border-slate-300 p-2 font-normal" />
      </label>
      {choices.length ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium">{t("choices")}</legend>
          {choices.map((choice, index) => (
            <div key={choice.key} className="flex items-start gap-2">
              <input
                type={single ? "radio" : "checkbox"}
                name="correct"
                checked={choice.correct}
                aria-label={t("markCorrect", { n: index + 1 })}
                onChange={(e) => setChoices((all) => all.map((c) => (single ? { ...c, correct: c.key === choice.key } : c.key === choice.key ? { ...c, correct: e.target.checked } : c)))}
                className="mt-3"
              />
              <input
                type="text"
                value={choice.text}
                aria-label={t("choiceText", { n: index + 1 })}
                onChange={(e) => setChoices((all) => all.map((c) => (c.key === choice.key ? { ...c, text: e.target.value } : c)))}
                className="flex-1 rounded-md border border-slate-300 px-2 py-2"
              />
            </div>
          ))}
        </fieldset>
      ) : null}
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("explanation")}
        <textarea value={explanation} onChange={(e) => setExplanation(e.target.value)} rows={4} className="rounded-md border border-slate-300 p-2 font-normal" />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={save} disabled={pending} className="rounded-md border border-slate-300 px-4 py-2">{t("save")}</button>
        {question.status !== "PUBLISHED" ? (
          <button type="button" onClick={() => setStatus("PUBLISHED")} disabled={pending} className="rounded-md bg-green-700 px-4 py-2 font-medium text-white">{t("publish")}</button>
        ) : (
          <button type="button" onClick={() => setStatus("DRAFT")} disabled={pending} className="rounded-md border border-slate-300 px-4 py-2">{t("unpublish")}</button>
        )}
        {question.status !== "RETIRED" ? (
          <button type="button" onClick={() => setStatus("RETIRED")} disabled={pending} className="rounded-md border border-red-300 px-4 py-2 text-red-700">{t("retire")}</button>
        ) : null}
        <span aria-live="polite" className={`text-sm ${message?.kind === "error" ? "text-red-700" : "text-green-700"}`} data-testid="editor-message">{message?.text}</span>
      </div>
      <QuestionPreview stem={stem} explanation={explanation} choices={choices} labels={{ title: t("preview"), explanation: t("explanation"), correct: t("previewCorrect") }} />
    </div>
  );
}
