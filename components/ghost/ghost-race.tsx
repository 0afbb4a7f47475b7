"use client";
// A ghost race: two progress tracks (you, the ghost) moving on the server's clock, the open
// question, and at the end where time was gained or lost per question. The ghost's closes
// arrive as `ghost:progress` at their recorded offsets; each step keeps the offset it was
// recorded at and the one it arrived at here (data- attributes), measured from the race's
// start as mapped onto this browser's clock.
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { realtimeSocket, request } from "@/lib/realtime/client";
import type { RaceView } from "@/lib/ghost/races";
import type { GhostEvent } from "@/lib/ghost/timeline";
import { Markdown } from "@/components/ui/markdown";
import { GhostLauncher, type LauncherBank } from "./ghost-launcher";

type Step = { correct: boolean; timedOut: boolean; points: number };
type ArrivedEvent = GhostEvent & { arrivedMs: number | null };
type Feedback = { index: number; correct: boolean; timedOut: boolean; points: number; keys: string };

const letter = (i: number) => String.fromCharCode(65 + i);

export function GhostArena(props: {
  initialRunId: string | null;
  banks: LauncherBank[];
  groups: { id: string; name: string }[];
  hasLastRun: boolean;
  sizes: readonly number[];
  secondsOptions: readonly number[];
  /** The learner's recent runs, shown with the launcher. */
  recent?: React.ReactNode;
}) {
  const t = useTranslations("ghost");
  const [view, setView] = useState<RaceView | null>(null);
  const [ghost, setGhost] = useState<Map<number, ArrivedEvent>>(new Map());
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const [loading, setLoading] = useState(props.initialRunId !== null);
  const [, setTick] = useState(0);
  const runId = useRef<string | null>(props.initialRunId);
  // performance.now() at the race's start (server clock mapped onto this one: the smallest estimate wins, as latency only adds).
  const startPerf = useRef<number | null>(null);
  const viewRef = useRef<RaceView | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const message = useCallback((code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.generic")), [t]);

  const applyView = useCallback((next: RaceView) => {
    const estimate = performance.now() - (next.serverNow - next.startedAt);
    if (runId.current !== next.runId || startPerf.current === null) {
      startPerf.current = estimate;
      setGhost(new Map());
    } else startPerf.current = Math.min(startPerf.current, estimate);
    runId.current = next.runId;
    viewRef.current = next;
    setView(next);
    setGhost((previous) => {
      const merged = new Map(previous);
      for (const event of next.ghost?.passed ?? []) if (!merged.has(event.index)) merged.set(event.index, { ...event, arrivedMs: null });
      return merged;
    });
  }, []);

  const resume = useCallback(async (id: string) => {
    const response = await request(realtimeSocket(), "ghost:resume", { runId: id });
    setLoading(false);
    if (!response.ok) return setError(message(response.code));
    applyView(response.data);
  }, [applyView, message]);

  useEffect(() => {
    const socket = realtimeSocket();
    const onProgress = ({ runId: id, event }: { runId: string; event: GhostEvent }) => {
      if (id !== runId.current || startPerf.current === null) return;
      const arrivedMs = Math.round(performance.now() - startPerf.current);
      setGhost((previous) => new Map(previous).set(event.index, { ...event, arrivedMs: previous.get(event.index)?.arrivedMs ?? arrivedMs }));
      const result = event.timedOut ? t("ghostAnnounceTimedOut") : event.correct ? t("ghostAnnounceCorrect") : t("ghostAnnounceWrong");
      setAnnounce(t("ghostAnnounce", { n: event.index + 1, result }));
    };
    const onState = (next: RaceView) => {
      if (next.runId !== runId.current) return;
      const before = viewRef.current;
      const closed = before?.current ? next.closed.find((c) => c.questionIndex === before.current!.index) : undefined;
      if (closed && before?.current) {
        const keys = closed.correctChoiceIds.map((key) => letter(before.current!.choices.findIndex((c) => c.id === key))).join(", ");
        setFeedback({ index: closed.questionIndex, correct: closed.correct, timedOut: closed.timedOut, points: closed.points, keys });
        setSelected([]);
      }
      applyView(next);
    };
    // A reconnect is a new socket on the server: ask again, which re-arms the race's timers.
    const onConnect = () => {
      if (runId.current && viewRef.current && !viewRef.current.finished) void resume(runId.current);
    };
    socket.on("ghost:progress", onProgress);
    socket.on("ghost:state", onState);
    socket.on("connect", onConnect);
    return () => {
      socket.off("ghost:progress", onProgress);
      socket.off("ghost:state", onState);
      socket.off("connect", onConnect);
    };
  }, [applyView, resume, t]);

  useEffect(() => {
    if (props.initialRunId) void resume(props.initialRunId);
  }, [props.initialRunId, resume]);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(timer);
  }, []);

  // A new question: focus its heading so keyboard and screen-reader users land on it.
  const currentIndex = view?.current?.index ?? null;
  useEffect(() => {
    if (currentIndex !== null) headingRef.current?.focus();
  }, [currentIndex]);

  function started(next: RaceView) {
    startPerf.current = null;
    setFeedback(null);
    setSelected([]);
    setError(null);
    applyView(next);
    window.history.replaceState(null, "", `/practice/ghost?run=${encodeURIComponent(next.runId)}`);
  }

  async function answer(choiceIds: string[]) {
    const open = view?.current;
    if (!view || !open || sending) return;
    setSending(true);
    setError(null);
    const response = await request(realtimeSocket(), "ghost:answer", { runId: view.runId, questionIndex: open.index, choiceIds });
    setSending(false);
    if (!response.ok) {
      if (response.code === "question_closed" || response.code === "finished") return void resume(view.runId);
      return setError(message(response.code));
    }
    const keys = response.data.correctChoiceIds.map((key) => letter(open.choices.findIndex((c) => c.id === key))).join(", ");
    setFeedback({ index: open.index, correct: response.data.correct, timedOut: false, points: response.data.points, keys });
    setSelected([]);
    applyView(response.data.view);
  }

  async function raceAgain() {
    setError(null);
    const response = await request(realtimeSocket(), "ghost:start", { set: { kind: "last" }, ghost: { kind: "self" } });
    if (!response.ok) return setError(message(response.code));
    started(response.data);
  }

  function newRace() {
    if (view) void request(realtimeSocket(), "ghost:leave", { runId: view.runId });
    runId.current = null;
    viewRef.current = null;
    startPerf.current = null;
    setView(null);
    setFeedback(null);
    window.history.replaceState(null, "", "/practice/ghost");
  }

  if (loading) return <p role="status">{t("loading")}</p>;
  if (!view) {
    return (
      <div className="flex flex-col gap-4">
        {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
        <GhostLauncher banks={props.banks} groups={props.groups} hasLastRun={props.hasLastRun} sizes={props.sizes} secondsOptions={props.secondsOptions} onStarted={started} />
        {props.recent}
      </div>
    );
  }

  const elapsed = startPerf.current === null ? 0 : performance.now() - startPerf.current;
  const mine = new Map<number, Step>(view.closed.map((c) => [c.questionIndex, c]));
  const ghostSteps = new Map<number, Step>([...ghost.values()].map((e) => [e.index, e]));
  const ghostTotal = Math.max(0, ...[...ghost.values()].map((e) => e.totalPoints));
  const open = view.current;
  const multiple = open?.type === "multiple";
  const chooseCount = open?.choose ?? null;
  const secondsLeft = open ? Math.max(0, Math.ceil((open.deadlineMs - elapsed) / 1000)) : 0;

  return (
    <section className="flex min-w-0 flex-col gap-5" data-testid="ghost-race" data-run-id={view.runId} data-finished={view.finished ? "true" : "false"} data-question-index={open?.index ?? ""}>
      <div aria-live="polite" className="sr-only" data-testid="ghost-announce">{announce}</div>
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" role="group" aria-label={t("tracks")}>
        <Track label={t("you")} total={view.questionCount} steps={mine} current={open?.index ?? null} points={view.totalPoints} testid="you-track" />
        {view.ghost ? (
          <Track
            label={view.ghost.kind === "group" ? t("ghostGroupName", { runs: view.ghost.runs }) : t("ghostSelfName")}
            total={view.questionCount}
            steps={ghostSteps}
            current={ghostSteps.size < view.questionCount ? ghostSteps.size : null}
            points={ghostTotal}
            testid="ghost-track"
            timing={ghost}
          />
        ) : null}
      </div>

      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      {feedback ? (
        <p role="status" data-testid="ghost-feedback" className={`rounded-md px-3 py-2 text-sm ${feedback.correct ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
          {feedback.correct
            ? t("feedbackCorrect", { n: feedback.index + 1, points: feedback.points })
            : feedback.timedOut
              ? t("feedbackTimedOut", { n: feedback.index + 1, keys: feedback.keys })
              : t("feedbackWrong", { n: feedback.index + 1, keys: feedback.keys })}
        </p>
      ) : null}

      {open ? (
        <div className="flex min-w-0 flex-col gap-3" data-testid="ghost-question" data-index={open.index}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 ref={headingRef} tabIndex={-1} className="font-semibold outline-none">{t("questionOf", { n: open.index + 1, total: view.questionCount })}</h2>
            <span className="tabular-nums text-sm text-slate-600" data-testid="ghost-time-left">{t("timeLeft", { seconds: secondsLeft })}</span>
          </div>
          {multiple ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("chooseN", { n: chooseCount ?? 2 })}</p> : null}
          <div className="min-w-0 text-base leading-relaxed"><Markdown variant="inline">{open.stem}</Markdown></div>
          <div className="flex min-w-0 flex-col gap-2">
            {open.choices.map((choice, i) => {
              const pressed = selected.includes(choice.id);
              return (
                <button
                  key={`${open.index}-${choice.id}`}
                  type="button"
                  data-testid={`ghost-choice-${choice.id}`}
                  disabled={sending}
                  aria-pressed={multiple ? pressed : undefined}
                  onClick={() => {
                    if (!multiple) return void answer([choice.id]);
                    setSelected((keys) => (keys.includes(choice.id) ? keys.filter((k) => k !== choice.id) : chooseCount !== null && keys.length >= chooseCount ? keys : [...keys, choice.id]));
                  }}
                  className={`flex min-w-0 items-start gap-3 rounded-md border px-3 py-2.5 text-left text-base ${pressed ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white hover:bg-slate-50"}`}
                >
                  <span className="font-semibold">{letter(i)}.</span>
                  <span className="min-w-0 flex-1"><Markdown variant="inline">{choice.text}</Markdown></span>
                </button>
              );
            })}
          </div>
          {multiple ? (
            <button
              type="button"
              onClick={() => void answer(selected)}
              disabled={sending || selected.length === 0 || (chooseCount !== null && selected.length !== chooseCount)}
              className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-50"
            >
              {sending ? t("sending") : t("submit")}
            </button>
          ) : sending ? <p role="status" className="text-sm text-slate-600">{t("sending")}</p> : null}
        </div>
      ) : null}

      {view.finished ? <RaceResult view={view} onAgain={raceAgain} onNew={newRace} /> : null}
    </section>
  );
}

function Track({ label, total, steps, current, points, testid, timing }: {
  label: string;
  total: number;
  steps: Map<number, Step>;
  current: number | null;
  points: number;
  testid: string;
  timing?: Map<number, ArrivedEvent>;
}) {
  const t = useTranslations("ghost");
  const reached = Math.min(total, steps.size + (current !== null ? 1 : 0));
  return (
    <div className="flex min-w-0 flex-col gap-1" data-testid={testid} data-closed={steps.size} data-points={points}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums text-slate-600">{t("reached", { n: reached, total })} · {t("points", { points })}</span>
      </div>
      <ol className="flex gap-1">
        {Array.from({ length: total }, (_, index) => {
          const step = steps.get(index);
          const state = step ? (step.timedOut ? "timedout" : step.correct ? "correct" : "wrong") : index === current ? "current" : "pending";
          const text = step
            ? step.timedOut ? t("stepTimedOut", { n: index + 1 }) : step.correct ? t("stepCorrect", { n: index + 1, points: step.points }) : t("stepWrong", { n: index + 1 })
            : index === current ? t("stepCurrent", { n: index + 1 }) : t("stepPending", { n: index + 1 });
          const tone = { correct: "bg-green-500", wrong: "bg-red-500", timedout: "bg-slate-500", current: "bg-brand-200 ring-2 ring-brand-500", pending: "bg-slate-200" }[state];
          const event = timing?.get(index);
          return (
            <li
              key={index}
              className={`h-3 min-w-0 flex-1 rounded-sm ${tone}`}
              data-testid={`${testid === "ghost-track" ? "ghost" : "you"}-step-${index}`}
              data-state={state}
              {...(event ? { "data-recorded-offset-ms": event.offsetMs, ...(event.arrivedMs !== null ? { "data-arrived-offset-ms": event.arrivedMs } : {}) } : {})}
            >
              <span className="sr-only">{text}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function RaceResult({ view, onAgain, onNew }: { view: RaceView; onAgain: () => void; onNew: () => void }) {
  const t = useTranslations("ghost");
  const s = (ms: number) => (Math.abs(ms) / 1000).toFixed(1);
  const result = view.result;
  return (
    <div className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="ghost-result">
      <h2 className="text-lg font-semibold">{t("finished")}</h2>
      <p>{t("yourTotal", { points: view.totalPoints })}{result ? ` · ${t("ghostTotal", { points: result.ghostTotal })}` : null}</p>
      {result ? (
        <>
          <p className="font-medium" data-testid="ghost-outcome">{result.yourTotal > result.ghostTotal ? t("won") : result.yourTotal < result.ghostTotal ? t("lost") : t("tied")}</p>
          <h3 className="font-medium">{t("splitsTitle")}</h3>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[20rem] text-sm" data-testid="ghost-splits">
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-2">{t("colQuestion")}</th>
                  <th scope="col" className="py-1 pr-2">{t("colYou")}</th>
                  <th scope="col" className="py-1 pr-2">{t("colGhost")}</th>
                  <th scope="col" className="py-1 pr-2">{t("colGained")}</th>
                  <th scope="col" className="py-1">{t("colLead")}</th>
                </tr>
              </thead>
              <tbody>
                {result.questions.map((q) => (
                  <tr key={q.index} className="border-t border-slate-100" data-testid={`split-${q.index}`} data-gained-ms={q.gainedMs}>
                    <th scope="row" className="py-1 pr-2 text-left font-normal">{q.index + 1}</th>
                    <td className="py-1 pr-2 tabular-nums">{t("seconds1", { value: s(q.yourMs) })} {q.yourCorrect ? "✓" : "✗"}</td>
                    <td className="py-1 pr-2 tabular-nums">{t("seconds1", { value: s(q.ghostMs) })} {q.ghostCorrect ? "✓" : "✗"}</td>
                    <td className={`py-1 pr-2 tabular-nums ${q.gainedMs > 0 ? "text-green-700" : q.gainedMs < 0 ? "text-red-700" : ""}`}>
                      {q.gainedMs > 0 ? t("gained", { value: s(q.gainedMs) }) : q.gainedMs < 0 ? t("lost2", { value: s(q.gainedMs) }) : t("even")}
                    </td>
                    <td className="py-1 tabular-nums">{q.leadMs > 0 ? t("ahead", { value: s(q.leadMs) }) : q.leadMs < 0 ? t("behind", { value: s(q.leadMs) }) : t("even")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : <p>{t("noGhostResult")}</p>}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={onAgain} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("raceAgain")}</button>
        <button type="button" onClick={onNew} className="rounded-md border border-slate-300 px-4 py-2">{t("newRace")}</button>
      </div>
    </div>
  );
}
