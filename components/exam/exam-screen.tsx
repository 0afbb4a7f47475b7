"use client";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { saveExamAnswerAction, setExamFlagAction, submitExamAction } from "@/lib/exams/actions";
import type { ActionResult } from "@/lib/errors";
import type { ExamItemView, ExamView } from "@/lib/exams/views";
import { ExamNavigator } from "./exam-navigator";
import { Markdown } from "@/components/ui/markdown";
import { QuestionChoices } from "./question-choices";
import { SaveQueue, type SendOutcome } from "./save-queue";
import { formatClock, useServerCountdown } from "./use-server-countdown";

type Change = { kind: "answer"; choiceKeys: string[] } | { kind: "flag"; flagged: boolean };

// These refusals cannot change by retrying: the exam is over, or the request was wrong.
const FINAL_CODES = new Set(["deadline_passed", "already_submitted"]);
const PERMANENT_CODES = new Set(["invalid_input", "not_in_attempt", "not_found", "unauthenticated", "forbidden"]);

function outcomeOf(result: ActionResult<unknown>): SendOutcome {
  if (result.ok) return { ok: true };
  if (FINAL_CODES.has(result.code)) return { ok: false, retry: false, fatal: true, code: result.code };
  return { ok: false, retry: !PERMANENT_CODES.has(result.code), code: result.code };
}

export function ExamScreen({ exam }: { exam: ExamView }) {
  const t = useTranslations("exam");
  const router = useRouter();
  const [items, setItems] = useState<ExamItemView[]>(exam.items);
  const [current, setCurrent] = useState(() => Math.max(0, exam.items.findIndex((item) => item.selected.length === 0)));
  // Unsaved answers and flags by "answer:<itemId>" / "flag:<itemId>", and whether any save has landed yet.
  const [unsaved, setUnsaved] = useState<Map<string, string>>(new Map());
  const [everSaved, setEverSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitError, setSubmitError] = useState(false);
  const [submitting, startSubmit] = useTransition();
  const remaining = useServerCountdown(exam.deadlineAt, exam.serverNow);
  const submitted = useRef(false);
  const finishRef = useRef<() => void>(() => {});
  const queueRef = useRef<SaveQueue<Change> | null>(null);
  const item = items[current]!;

  // One outbox for the screen's lifetime: it retries failed saves with backoff and sends the newest value of each item.
  if (queueRef.current === null) {
    queueRef.current = new SaveQueue<Change>(
      async (key, change) => {
        const itemId = key.slice(key.indexOf(":") + 1);
        const result = change.kind === "answer"
          ? await saveExamAnswerAction({ attemptId: exam.attemptId, itemId, choiceKeys: change.choiceKeys })
          : await setExamFlagAction({ attemptId: exam.attemptId, itemId, flagged: change.flagged });
        const outcome = outcomeOf(result);
        if (outcome.ok) setEverSaved(true);
        return outcome;
      },
      {
        timer: (run, ms) => {
          const handle = window.setTimeout(run, ms);
          return () => window.clearTimeout(handle);
        },
        onChange: () => setUnsaved(new Map(queueRef.current?.states())),
        onFatal: () => finishRef.current(),
      },
    );
  }
  const queue = queueRef.current;

  const finish = useCallback(() => {
    if (submitted.current) return;
    submitted.current = true;
    setSubmitError(false);
    startSubmit(async () => {
      // Answers still on their way go first; the server accepts them for a short grace after the deadline.
      await queue.flush();
      const result = await submitExamAction({ attemptId: exam.attemptId }).catch(() => null);
      if (result && (result.ok || FINAL_CODES.has(result.code))) {
        router.replace(`/exams/${exam.attemptId}/result`);
        return;
      }
      submitted.current = false;
      setSubmitError(true);
    });
  }, [exam.attemptId, router, queue]);
  finishRef.current = finish;

  // The server submits at the deadline on its own; this only moves the screen along.
  useEffect(() => {
    if (remaining <= 0) finish();
  }, [remaining, finish]);

  // Back online: send what is waiting now rather than at the next backoff step.
  useEffect(() => {
    const online = () => {
      queue.retryNow();
      if (remaining <= 0) finish();
    };
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [queue, remaining, finish]);

  useEffect(() => () => queue.dispose(), [queue]);

  // Leaving with answers the server does not have yet loses them: the browser asks first.
  const hasUnsaved = unsaved.size > 0;
  useEffect(() => {
    if (!hasUnsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [hasUnsaved]);

  function choose(keys: string[]) {
    const itemId = item.itemId;
    setItems((all) => all.map((it) => (it.itemId === itemId ? { ...it, selected: keys } : it)));
    queue.put(`answer:${itemId}`, { kind: "answer", choiceKeys: keys });
  }

  function toggleFlag() {
    const flagged = !item.flagged;
    const itemId = item.itemId;
    setItems((all) => all.map((it) => (it.itemId === itemId ? { ...it, flagged } : it)));
    queue.put(`flag:${itemId}`, { kind: "flag", flagged });
  }

  // A save in flight is not news; one that failed and waits for a retry is marked on its question.
  const waitingKeys = [...unsaved].filter(([, state]) => state !== "saving").map(([key]) => key);
  const waiting = waitingKeys.length;
  const unsavedItems = new Set(waitingKeys.map((key) => key.slice(key.indexOf(":") + 1)));
  const unsavedAnswers = [...unsaved.keys()].filter((key) => key.startsWith("answer:")).length;
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
          {exam.extraMinutes > 0 ? (
            <span className="rounded bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-900" data-testid="exam-accommodation">
              {t("accommodationBadge", { minutes: exam.extraMinutes })}
            </span>
          ) : null}
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
          onChange={choose}
        />
        {unsavedItems.has(item.itemId) ? <p className="text-sm font-medium text-red-700" data-testid="current-unsaved">{t("currentUnsaved")}</p> : null}
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" onClick={() => setCurrent((i) => Math.max(0, i - 1))} disabled={current === 0} className="rounded-md border border-slate-300 px-4 py-2 disabled:opacity-40">
            {t("previous")}
          </button>
          <button type="button" onClick={() => setCurrent((i) => Math.min(items.length - 1, i + 1))} disabled={current === items.length - 1} className="rounded-md border border-slate-300 px-4 py-2 disabled:opacity-40">
            {t("next")}
          </button>
          <button type="button" onClick={toggleFlag} aria-pressed={item.flagged} className="rounded-md border border-amber-400 px-4 py-2 text-amber-800 aria-pressed:bg-amber-100">
            {item.flagged ? t("unflag") : t("flag")}
          </button>
          <span className="text-sm text-slate-500" aria-live="polite" data-testid="save-status" data-unsaved={unsavedAnswers}>
            {waiting > 0 ? "" : unsaved.size > 0 ? t("saving") : everSaved ? t("saved") : ""}
          </span>
          <button type="button" onClick={() => setConfirming(true)} className="ml-auto rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            {t("reviewAndSubmit")}
          </button>
        </div>
        {waiting > 0 ? (
          <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="unsaved-alert">
            <span>{t("unsavedAlert", { count: unsavedItems.size })}</span>
            <button type="button" onClick={() => queue.retryNow()} className="rounded border border-red-400 px-2 py-0.5 font-medium">{t("retryNow")}</button>
          </div>
        ) : null}
        {submitError ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{t("submitFailed")}</p> : null}
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-title" className="rounded-md border border-brand-500 bg-brand-50 p-4">
            <h2 id="confirm-title" className="font-semibold">{t("confirmTitle")}</h2>
            <p className="text-sm">{t("confirmBody", { unanswered, flagged })}</p>
            {unsavedAnswers > 0 ? <p className="mt-1 text-sm font-medium text-red-800">{t("confirmUnsaved", { count: unsavedAnswers })}</p> : null}
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
        <ExamNavigator items={items} current={current} onJump={setCurrent} unsaved={unsavedItems} />
      </aside>
    </div>
  );
}
