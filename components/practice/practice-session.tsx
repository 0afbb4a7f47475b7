"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { answerPracticeAction } from "@/lib/practice/actions";
import type { PracticeFeedback } from "@/lib/practice/mutations";
import type { PracticeView } from "@/lib/practice/data";
import { QuestionChoices } from "@/components/exam/question-choices";
import { WarningIcon } from "@/components/ui/icons";
import { Markdown } from "@/components/ui/markdown";
import { ReportQuestion } from "@/components/disputes/report-question";

export function PracticeSession({ practice }: { practice: PracticeView }) {
  const t = useTranslations("practice");
  const router = useRouter();
  const firstOpen = practice.items.findIndex((item) => !item.answered);
  const [index, setIndex] = useState(firstOpen === -1 ? practice.items.length - 1 : firstOpen);
  const [selected, setSelected] = useState<string[]>([]);
  const [typed, setTyped] = useState("");
  const [feedback, setFeedback] = useState<PracticeFeedback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const item = practice.items[index]!;
  const multiple = item.type === "MULTIPLE";
  const cloze = item.type === "CLOZE";
  const ready = cloze ? typed.trim().length > 0 : multiple ? selected.length === (item.choose ?? 2) : selected.length === 1;

  function submit() {
    setError(null);
    startTransition(async () => {
      const answer = cloze ? { text: typed } : { choiceKeys: selected };
      const result = await answerPracticeAction({ attemptId: practice.attemptId, itemId: item.itemId, ...answer });
      if (!result.ok) return setError(t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.generic"));
      setFeedback(result.data);
    });
  }

  function next() {
    if (feedback?.finished) return router.refresh();
    setFeedback(null);
    setSelected([]);
    setTyped("");
    setIndex((i) => Math.min(practice.items.length - 1, i + 1));
  }

  const marks = feedback
    ? Object.fromEntries(
        item.choices.map((choice) => {
          const isCorrect = feedback.correctKeys.includes(choice.key);
          const picked = selected.includes(choice.key);
          return [choice.key, isCorrect ? (picked ? "correct" : "missed") : picked ? "wrong" : undefined];
        }).filter(([, mark]) => mark !== undefined),
      )
    : undefined;

  return (
    <section className="flex min-w-0 flex-col gap-4" aria-labelledby="practice-question">
      <div className="flex items-center justify-between">
        <h1 id="practice-question" className="font-semibold">{t("questionOf", { n: index + 1, total: practice.items.length })}</h1>
        <progress max={practice.items.length} value={index + (feedback ? 1 : 0)} className="h-2 w-40" aria-label={t("progress")} />
      </div>
      {multiple ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("chooseN", { n: item.choose ?? 2 })}</p> : null}
      <div className="text-base leading-relaxed" data-testid="practice-stem"><Markdown variant="inline">{item.stem}</Markdown></div>
      {cloze ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (ready && !pending && !feedback) submit();
          }}
        >
          <label className="flex max-w-md flex-col gap-1 text-sm font-medium">
            {t("typeAnswer")}
            <input
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              disabled={pending || feedback !== null}
              maxLength={200}
              autoComplete="off"
              autoFocus
              className={`rounded-md border px-3 py-2 text-base font-normal ${feedback ? (feedback.correct ? "border-green-600 bg-green-50" : "border-red-500 bg-red-50") : "border-slate-300"}`}
            />
          </label>
        </form>
      ) : (
        <QuestionChoices
          name={`practice-${item.itemId}`}
          multiple={multiple}
          choose={item.choose}
          choices={item.choices}
          selected={selected}
          disabled={pending || feedback !== null}
          onChange={setSelected}
          marks={marks as Record<string, "correct" | "wrong" | "missed"> | undefined}
        />
      )}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {feedback ? (
        <div role="status" className={`flex flex-col gap-2 rounded-md p-4 ${feedback.correct ? "bg-green-50" : "bg-red-50"}`} data-testid="practice-feedback">
          <p className="font-semibold">{feedback.correct ? t("correct") : t("wrong")}</p>
          {feedback.acceptedAnswers.length ? (
            <p className="text-sm" data-testid="accepted-answers">{t("acceptedAnswers", { answers: feedback.acceptedAnswers.join(" / ") })}</p>
          ) : null}
          <Markdown className="text-sm leading-relaxed" data-testid="practice-explanation">{feedback.explanation}</Markdown>
          <ul className="text-sm text-slate-700">
            {item.choices.map((choice, i) =>
              feedback.whys[choice.key] ? (
                <li key={choice.key}><span className="font-semibold">{String.fromCharCode(65 + i)}.</span> <Markdown variant="inline">{feedback.whys[choice.key]}</Markdown></li>
              ) : null,
            )}
          </ul>
          <ReportQuestion key={item.questionId} questionId={item.questionId} source="practice" />
          {feedback.errata ? <p className="flex items-start gap-1.5 text-sm text-amber-800"><WarningIcon className="mt-0.5" /><Markdown variant="inline">{feedback.errata}</Markdown></p> : null}
          <p className="flex flex-wrap gap-3 text-sm">
            <Link href={feedback.noteHref} className="text-brand-700 underline" data-testid="open-note">{t("openNote")}</Link>
            {feedback.source.file && feedback.source.start ? (
              <span className="text-slate-500">{t("source", { file: feedback.source.file, start: feedback.source.start, end: feedback.source.end ?? feedback.source.start })}</span>
            ) : null}
          </p>
          <button type="button" onClick={next} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white" autoFocus>
            {feedback.finished ? t("seeSummary") : t("next")}
          </button>
        </div>
      ) : (
        <button type="button" onClick={submit} disabled={!ready || pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-50">
          {pending ? t("checking") : t("check")}
        </button>
      )}
    </section>
  );
}
