"use client";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { becomeGuest, loadGuest, realtimeSocket, request, type RealtimeSocket } from "@/lib/realtime/client";
import { formatClock } from "@/components/exam/use-server-countdown";
import { QuestionChoices } from "@/components/exam/question-choices";
import { CheckIcon, CrossIcon, DotIcon, MedalIcon } from "@/components/ui/icons";
import { Markdown } from "@/components/ui/markdown";
import { roomReducer, type RoomScreen } from "./room-state";
import { Leaderboard } from "./leaderboard";
import { WeakDuelPanel } from "./weak-duel-panel";
import { ReportQuestion } from "@/components/disputes/report-question";

type Mark = "correct" | "wrong" | "missed";

/** After the reveal: the right options, and the player's wrong picks. */
function revealMarks(screen: RoomScreen): Record<string, Mark> {
  const marks: Record<string, Mark> = {};
  for (const id of screen.question?.choiceIds ?? []) {
    const right = screen.reveal?.correctChoiceIds.includes(id) ?? false;
    const mine = screen.myAnswer?.round === screen.round && (screen.myAnswer?.choiceIds.includes(id) ?? false);
    if (right) marks[id] = mine ? "correct" : "missed";
    else if (mine) marks[id] = "wrong";
  }
  return marks;
}

function useServerClock(target: number | null, clockOffset: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (target === null) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [target]);
  return target === null ? 0 : Math.max(0, target - (now + clockOffset));
}

export function PlayRoom({ code, signedInName }: { code: string; signedInName: string | null }) {
  const t = useTranslations("rooms");
  const router = useRouter();
  const [needsNickname, setNeedsNickname] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [screen, dispatch] = useReducer(roomReducer, null);
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const socketRef = useRef<RealtimeSocket | null>(null);
  const roomIdRef = useRef<string | null>(null);
  const message = useCallback((code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.generic")), [t]);

  const join = useCallback(async (socket: RealtimeSocket) => {
    const response = roomIdRef.current
      ? await request(socket, "room:rejoin", { roomId: roomIdRef.current })
      : await request(socket, "room:join", { code });
    if (!response.ok) return setError(message(response.code));
    roomIdRef.current = response.data.roomId;
    setError(null);
    dispatch({ type: "joined", view: response.data, now: Date.now() });
  }, [code, message]);

  useEffect(() => {
    if (!signedInName && !loadGuest()) {
      setNeedsNickname(true);
      return;
    }
    const socket = realtimeSocket();
    socketRef.current = socket;
    const now = () => Date.now();
    socket.on("connect", () => void join(socket));
    socket.on("room:lobby", (payload) => dispatch({ type: "lobby", payload }));
    socket.on("room:progress", (payload) => dispatch({ type: "progress", payload }));
    socket.on("round:countdown", (payload) => dispatch({ type: "countdown", payload, now: now() }));
    socket.on("round:start", (payload) => {
      setSelected([]);
      dispatch({ type: "start", payload, now: now() });
    });
    socket.on("round:reveal", (payload) => dispatch({ type: "reveal", payload }));
    socket.on("round:result", (payload) => dispatch({ type: "result", payload }));
    socket.on("room:finished", (payload) => dispatch({ type: "finished", payload }));
    socket.on("room:result", (payload) => dispatch({ type: "roomResult", payload }));
    socket.on("room:review", (payload) => dispatch({ type: "review", payload }));
    socket.on("room:rematch", (payload) => router.push(`/play/${payload.code}`));
    if (socket.connected) void join(socket);
    return () => {
      socket.removeAllListeners();
    };
  }, [join, router, signedInName, needsNickname]);

  const remainingQuestion = useServerClock(screen?.phase === "question" ? screen.deadlineAt : null, screen?.clockOffset ?? 0);
  const remainingCountdown = useServerClock(screen?.phase === "countdown" ? screen.countdownTo : null, screen?.clockOffset ?? 0);

  async function host(event: "room:start" | "round:skip" | "round:next" | "room:end" | "room:rematch") {
    if (!socketRef.current || !screen) return;
    const response = await request(socketRef.current, event, { roomId: screen.roomId });
    if (!response.ok) setError(message(response.code));
  }

  async function answer(choiceIds: string[]) {
    if (!socketRef.current || !screen || screen.round === null) return;
    setPending(true);
    const response = await request(socketRef.current, "round:answer", { roomId: screen.roomId, round: screen.round, choiceIds });
    setPending(false);
    if (response.ok) dispatch({ type: "answered", round: screen.round, choiceIds });
    else setError(message(response.code));
  }

  if (needsNickname) {
    return (
      <form
        className="mx-auto flex max-w-sm flex-col gap-3"
        onSubmit={async (event) => {
          event.preventDefault();
          const nickname = String(new FormData(event.currentTarget).get("nickname") ?? "");
          const result = await becomeGuest(nickname);
          if (!result.ok) return setError(message("invalid_nickname"));
          setNeedsNickname(false);
        }}
      >
        <h1 className="text-2xl font-bold">{t("joinTitle", { code })}</h1>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("nickname")}
          <input name="nickname" required maxLength={24} autoFocus className="rounded-md border border-slate-300 px-3 py-2 text-base font-normal" />
        </label>
        {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("joinAsGuest")}</button>
        <p className="text-sm text-slate-600">{t("orSignIn")} <Link href="/signin" className="text-brand-700 underline">{t("signIn")}</Link></p>
      </form>
    );
  }

  if (!screen) {
    return <p role="status" className="text-slate-600">{error ?? t("connecting")}</p>;
  }

  const multiple = screen.question?.type === "multiple";
  const needed = multiple ? (screen.question?.choose ?? 2) : 1;
  const locked = screen.myAnswer !== null && screen.myAnswer.round === screen.round;
  const choiceText = (id: string) => screen.question?.content?.choices.find((c) => c.id === id)?.text ?? id;

  return (
    <div className="flex flex-col gap-4" data-testid="play-room" data-phase={screen.phase}>
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <p className="text-sm text-slate-500">{screen.mode === "duel" ? t("duel") : t("groupRoom")} · {t("codeLabel")} <span className="font-mono font-semibold tracking-widest" data-testid="room-code">{screen.code}</span></p>
          <p className="text-sm">{t("you", { nickname: screen.nickname })} · <span data-testid="my-score">{t("score", { score: screen.score })}</span> · {t("streak", { streak: screen.streak })}{screen.rank ? ` · ${t("rank", { rank: screen.rank, players: screen.players })}` : ""}</p>
        </div>
        {screen.isHost ? (
          <div className="flex gap-2">
            {screen.phase === "lobby" ? <button type="button" onClick={() => host("room:start")} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("start")}</button> : null}
            {screen.phase === "question" ? <button type="button" onClick={() => host("round:skip")} className="rounded-md border border-slate-300 px-4 py-2">{t("skip")}</button> : null}
            {screen.phase === "reveal" ? <button type="button" onClick={() => host("round:next")} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("next")}</button> : null}
            {screen.phase !== "finished" ? <button type="button" onClick={() => host("room:end")} className="rounded-md border border-red-300 px-4 py-2 text-red-700">{t("end")}</button> : null}
          </div>
        ) : null}
      </header>
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      {screen.mode === "duel" ? <WeakDuelPanel roomId={screen.roomId} finished={screen.phase === "finished"} me={screen.playerId} /> : null}

      {screen.phase === "lobby" ? (
        <section className="rounded-lg border border-slate-200 bg-white p-5" aria-live="polite">
          <h1 className="text-xl font-semibold">{t("lobbyTitle")}</h1>
          <p data-testid="lobby-count">{t("playersWaiting", { count: screen.players })}</p>
          {screen.lobbyNames.length ? <p className="text-sm text-slate-600">{screen.lobbyNames.join(", ")}</p> : null}
          <p className="mt-2 text-sm text-slate-600">{t("shareCode", { code: screen.code })}</p>
          {!screen.isHost ? <p className="mt-2 text-sm">{t("waitingForHost")}</p> : null}
        </section>
      ) : null}

      {screen.phase === "countdown" ? (
        <p className="text-center text-4xl font-bold tabular-nums" role="timer" aria-live="assertive">{t("getReady", { n: (screen.round ?? 0) + 1, total: screen.total })} {Math.ceil(remainingCountdown / 1000)}</p>
      ) : null}

      {screen.question && (screen.phase === "question" || screen.phase === "reveal") ? (
        <section className="flex min-w-0 flex-col gap-3" aria-labelledby="room-question">
          <div className="flex items-center justify-between">
            <h1 id="room-question" className="font-semibold">{t("questionOf", { n: (screen.round ?? 0) + 1, total: screen.total })}</h1>
            {screen.phase === "question" ? <p role="timer" className="font-mono text-lg tabular-nums" data-testid="room-timer">{formatClock(remainingQuestion)}</p> : null}
          </div>
          <div className="text-base leading-relaxed" data-testid="room-stem"><Markdown variant="inline">{screen.question.content?.stem}</Markdown></div>
          {multiple ? <p className="text-sm text-amber-800">{t("chooseN", { n: needed })}</p> : null}
          <QuestionChoices
            name={`room-${screen.round}`}
            multiple={multiple}
            choose={needed}
            choices={screen.question.choiceIds.map((id) => ({ key: id, text: choiceText(id) }))}
            selected={locked ? screen.myAnswer!.choiceIds : selected}
            disabled={!screen.plays || locked || pending || screen.phase !== "question"}
            onChange={(keys) => {
              setSelected(keys);
              if (!multiple && keys.length === 1) void answer(keys);
            }}
            marks={screen.reveal ? revealMarks(screen) : undefined}
          />
          {multiple && screen.phase === "question" && !locked && screen.plays ? (
            <button type="button" disabled={selected.length !== needed || pending} onClick={() => void answer(selected)} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-50">{t("lockIn")}</button>
          ) : null}
          {screen.phase === "question" ? (
            <p className="text-sm text-slate-600" aria-live="polite" data-testid="answer-status">
              {locked ? t("answerLocked") : ""} {t("answeredCount", { answered: screen.answered, players: screen.players })}
            </p>
          ) : null}
          {screen.phase === "reveal" && screen.result ? (
            <p className={`rounded-md px-3 py-2 ${screen.result.correct ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`} data-testid="round-result">
              {screen.result.correct ? t("correctPoints", { points: screen.result.points }) : screen.result.answered ? t("wrongAnswer") : t("noAnswer")}
            </p>
          ) : null}
          {screen.phase === "reveal" && screen.reveal ? <Leaderboard entries={screen.reveal.leaderboard} me={screen.playerId} title={t("leaderboard")} /> : null}
        </section>
      ) : null}

      {screen.phase === "finished" && screen.finished ? (
        <section className="flex flex-col gap-4" data-testid="room-finished">
          <h1 className="text-2xl font-bold">{t("podium")}</h1>
          <ol className="grid gap-2 sm:grid-cols-3" data-testid="podium">
            {screen.finished.podium.map((entry) => (
              <li key={entry.playerId} className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-center">
                <p className="flex justify-center text-4xl" data-testid="podium-medal">{entry.rank >= 1 && entry.rank <= 3 ? <MedalIcon rank={entry.rank as 1 | 2 | 3} title={t("place", { rank: entry.rank })} /> : <span className="text-3xl font-bold tabular-nums">{entry.rank}</span>}</p>
                <p className="font-semibold">{entry.nickname}</p>
                <p className="tabular-nums">{entry.score}</p>
              </li>
            ))}
          </ol>
          {screen.roomResult ? <p data-testid="final-result">{t("finalResult", { rank: screen.roomResult.rank, players: screen.roomResult.players, score: screen.roomResult.score })}</p> : null}
          {screen.isHost ? <button type="button" onClick={() => host("room:rematch")} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("rematch")}</button> : null}
          {screen.review ? (
            <section aria-labelledby="room-review" className="flex flex-col gap-3">
              <h2 id="room-review" className="text-lg font-semibold">{t("review")}</h2>
              {screen.review.items.map((item) => (
                <article key={item.round} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="room-review-item">
                  <p className="font-medium">{item.round + 1}. <Markdown variant="inline">{item.stem}</Markdown></p>
                  <ul className="mt-2 flex flex-col gap-1">
                    {item.choices.map((choice) => {
                      const mine = item.yourChoiceIds?.includes(choice.id) ?? false;
                      return (
                        <li key={choice.id} className={`flex items-start gap-1.5 ${choice.correct ? "text-green-700" : mine ? "text-red-700" : ""}`} data-mark={choice.correct ? "correct" : mine ? "wrong" : undefined}>
                          {choice.correct ? <CheckIcon className="mt-1" title={t("correctChoice")} /> : mine ? <CrossIcon className="mt-1" title={t("yourWrongChoice")} /> : <DotIcon className="mt-1" />}
                          <Markdown variant="inline">{choice.text}</Markdown>
                        </li>
                      );
                    })}
                  </ul>
                  <Markdown className="mt-2 text-slate-700">{item.explanation}</Markdown>
                  {item.noteHref ? <Link href={item.noteHref} className="text-brand-700 underline">{t("openNote")}</Link> : null}
                  {/* Guests have no account to hear back on: reporting is for signed-in players. */}
                  {signedInName ? <div className="mt-2"><ReportQuestion questionId={item.questionId} source="room" /></div> : null}
                </article>
              ))}
            </section>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
