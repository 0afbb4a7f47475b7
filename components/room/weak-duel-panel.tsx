"use client";
// In a weak-topic duel's room: the topics in play, and at the podium each topic of each round
// and every player's mastery there, before → after. Renders nothing in any other room. The
// last rounds' answers reach the mastery model a moment after the podium: asked again until
// the server says they are in (`pending: false`).
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { realtimeSocket, request } from "@/lib/realtime/client";
import type { WeakDuelSummary } from "@/lib/realtime/events";

const RETRY_MS = 1_500;
const MAX_TRIES = 60;

type Point = WeakDuelSummary["players"][number]["topics"][number]["before"];

export function WeakDuelPanel({ roomId, finished, me }: { roomId: string; finished: boolean; me: string }) {
  const t = useTranslations("weakDuel");
  const locale = useLocale();
  const [summary, setSummary] = useState<WeakDuelSummary | null>(null);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let tries = 0;
    const load = async () => {
      const reply = await request(realtimeSocket(), "weakduel:summary", { roomId });
      if (cancelled) return;
      if (!reply.ok) {
        // Not a weak-topic duel (or not ours): nothing to show. A lost connection: try again.
        if (reply.code === "timeout" && tries++ < MAX_TRIES) timer = setTimeout(() => void load(), RETRY_MS);
        return;
      }
      setSummary(reply.data);
      if (finished && (reply.data.pending || !reply.data.finished) && tries++ < MAX_TRIES) timer = setTimeout(() => void load(), RETRY_MS);
    };
    void load();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [roomId, finished]);

  if (!summary) return null;
  const title = (id: string) => {
    const topic = summary.topics.find((x) => x.id === id);
    return topic ? (locale === "en" && topic.titleEn ? topic.titleEn : topic.titleKo) : "";
  };
  const pct = (point: Point) => (point ? t("percent", { value: Math.round(point.p * 100) }) : t("notPractised"));
  const done = finished && summary.finished;

  return (
    <section className="flex flex-col gap-3 rounded-lg border border-brand-100 bg-white p-4 text-sm" aria-labelledby="weak-duel-panel" data-testid="weak-duel-panel">
      <h2 id="weak-duel-panel" className="font-semibold">{t("title")}</h2>
      <div>
        <p className="font-medium">{t("topicsInPlay")}</p>
        <ul className="flex flex-wrap gap-2" data-testid="weak-duel-topics">
          {summary.topics.map((topic) => (
            <li key={topic.id} className="rounded-full bg-brand-50 px-3 py-1 text-brand-700" data-testid="weak-duel-topic">{title(topic.id)}</li>
          ))}
        </ul>
        {summary.seenUsed > 0 ? <p className="mt-1 text-xs text-slate-500">{t("seenUsed", { count: summary.seenUsed })}</p> : null}
      </div>
      {done ? (
        <>
          <ol className="flex flex-col gap-0.5" aria-label={t("topicsInPlay")}>
            {summary.rounds.map((r) => (
              <li key={r.round} data-testid="weak-duel-round-topic">{t("roundTopic", { n: r.round + 1, topic: title(r.topicId) })}</li>
            ))}
          </ol>
          <div>
            <h3 className="font-medium">{t("resultTitle")}</h3>
            {summary.pending ? (
              <p role="status" className="text-slate-600">{t("updating")}</p>
            ) : (
              // Scrolls sideways inside its own box on a phone.
              <div className="overflow-x-auto">
                <table className="min-w-full text-left" data-testid="weak-duel-mastery">
                  <thead>
                    <tr>
                      <th scope="col" className="py-1 pr-3">{t("topic")}</th>
                      {summary.players.map((p) => <th scope="col" key={p.playerKey} className={`py-1 pr-3 ${p.playerKey === me ? "text-brand-700" : ""}`}>{p.nickname}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {summary.topics.map((topic) => (
                      <tr key={topic.id} className="border-t border-slate-100" data-testid="weak-duel-mastery-row">
                        <th scope="row" className="py-1 pr-3 font-normal">{title(topic.id)}</th>
                        {summary.players.map((p) => {
                          const cell = p.topics.find((x) => x.topicId === topic.id);
                          const moved = cell?.before && cell.after ? Math.round(cell.after.p * 100) - Math.round(cell.before.p * 100) : 0;
                          return (
                            <td key={p.playerKey} className={`whitespace-nowrap py-1 pr-3 tabular-nums ${moved > 0 ? "text-green-700" : moved < 0 ? "text-red-700" : ""}`}>
                              {t("change", { before: pct(cell?.before ?? null), after: pct(cell?.after ?? null) })}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </>
      ) : null}
    </section>
  );
}
