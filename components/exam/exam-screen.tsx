"use client";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { saveExamAnswerAction, setExamFlagAction, submitExamAction } from "@/lib/exams/actions";
import { ExamNavigator } from "./exam-navigator";
import { Markdown } from "@/components/ui/markdown";
import { QuestionChoices } from "./question-choices";
import type { ExamItemView, ExamView } from "./exam-types";
import { formatClock, useServerCountdown } from "./use-server-countdown";

export function ExamScreen({ exam }: { exam: ExamView }) {
  const t = useTranslations("exam");
  const router = useRouter();
  const [items, setItems] = useState<ExamItemView[]>(exam.items);
  const [current, setCurrent] = useState(() => Math.max(0, exam.items.findIndex((item) => item.selected.length === 0)));
  const [saving, setSaving] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [confirming, setConfirming] = useState(false);
  const [submitting, startSubmit] = useTransition();
  const remaining = useServerCountdown(exam.deadlineAt, exam.serverNow);
  const submitted = useRef(false);
  const item = items[current]!;

  const finish = useCallback(() => {
    if (submitted.current) return;
    submitted.current = true;
    startSubmit(async () => {
      await submitExamAction({ attemptId: exam.attemptId });
      router.replace(`/exams/${exam.attemptId}/result`);
    });
  }, [exam.attemptId, router]);

  // The server submits at the deadline on its own; this only moves the screen along.
  useEffect(() => {
    if (remaining <= 0) finish();
  }, [remaining, finish]);

  async function choose(keys: string[]) {
    const itemId = item.itemId;
    setItems((all) => all.map((it) => (it.itemId === itemId ? { ...it, selected: keys } : it)));
    setSaving("saving");
    const result = await saveExamAnswerAction({ attemptId: exam.attemptId, itemId, choiceKeys: keys });
    if (result.ok) return setSaving("saved");
    if (result.code === "deadline_passed" || result.code === "already_submitted") return finish();
    setSaving("error");
  }

  async function toggleFlag() {
    const flagged = !item.flagged;
    const itemId = item.itemId;
    setItems((all) => all.map((it) => (it.itemId === itemId ? { ...it, flagged } : it)));
    await setExamFlagAction({ attemptId: exam.attemptId, itemId, flagged });
  }

  const unanswered = items.filter((it) => it.selected.length === 0).length;
  const flagged = items.filter((it) => it.flagged).length;
  const multiple = item.type === "MULTIPLE";
  const lowTime = remaining < 5 * 60 * 1000;

  return (
    <div className="flex flex-col gap-4 lg:flex-row">
      <section className="flex min-w-0 flex-1 flex-col gap-4" aria-labelledby="question-heading">
        <div className="sticky top-0 z-10 flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
          <h1 id="question-heading" className="font-semibold">
            {t("questionOf", { n: current + 1, total: items.length })}
          </h1>
          <p
            role="timer"
            aria-live={lowTime ? "polite" : "off"}
            aria-label={t("timeLeft")}
            data-testid="exam-timer"
            data-remaining-ms={remaining}
            className={`tabular-nums font-mono text-lg ${lowTime ? "text-red-600" : "text-slate-800"}`}
          >
            {formatClock(remaining)}
          </p>
        </div>
        {multiple ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="all-or-nothing">
            {t("chooseN", { n: item.choose ?? 2 })} · {t("allOrNothing")}
          </p>
        ) : null}
        <div className="text-base leading-relaxed" data-testid="question-stem"><Markdown variant="inline">{item.stem}</Markdown></div>
        <QuestionChoices
          name={`item-${item.itemId}`}
          multiple={multiple}
          choose={item.choose}
          choices={item.choices}
          selected={item.selected}
          disabled={submitting}
          onChange={(keys) => void choose(keys)}
        />
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" onClick={() => setCurrent((i) => Math.max(0, i - 1))} disabled={current === 0} className="rounded-md border border-slate-300 px-4 py-2 disabled:opacity-40">
            {t("previous")}
          </button>
          <button type="button" onClick={() => setCurrent((i) => Math.min(items.length - 1, i + 1))} disabled={current === items.length - 1} className="rounded-md border border-slate-300 px-4 py-2 disabled:opacity-40">
            {t("next")}
          </button>
          <button type="button" onClick={() => void toggleFlag()} aria-pressed={item.flagged} className="rounded-md border border-amber-400 px-4 py-2 text-amber-800 aria-pressed:bg-amber-100">
            {item.flagged ? t("unflag") : t("flag")}
          </button>
          <span className="text-sm text-slate-500" aria-live="polite">
            {saving === "saving" ? t("saving") : saving === "saved" ? t("saved") : saving === "error" ? t("saveFailed") : ""}
          </span>
          <button type="button" onClick={() => setConfirming(true)} className="ml-auto rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            {t("reviewAndSubmit")}
          </button>
        </div>
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-title" className="rounded-md border border-brand-500 bg-brand-50 p-4">
            <h2 id="confirm-title" className="font-semibold">{t("confirmTitle")}</h2>
            <p className="text-sm">{t("confirmBody", { unanswered, flagged })}</p>
            <div className="mt-3 flex gap-2">
              <button type="button" onClick={finish} disabled={submitting} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white">
                {submitting ? t("submitting") : t("submit")}
              </button>
              <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 px-4 py-2">{t("keepGoing")}</button>
            </div>
          </div>
        ) : null}
      </section>
      <aside className="lg:w-64">
        <ExamNavigator items={items} current={current} onJump={setCurrent} />
      </aside>
    </div>
  );
}
