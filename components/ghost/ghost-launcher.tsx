"use client";
// Choosing a ghost race: the question set (a topic set, or the questions of the last race)
// and the ghost (none, my previous run, a group's median). Starts over the socket.
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { realtimeSocket, request } from "@/lib/realtime/client";
import type { GhostChoice, RaceView, SetChoice } from "@/lib/ghost/races";

export type LauncherBank = { slug: string; titleKo: string; titleEn: string; topics: { id: string; titleKo: string; titleEn: string | null }[] };

export function GhostLauncher({
  banks, groups, hasLastRun, sizes, secondsOptions, onStarted,
}: {
  banks: LauncherBank[];
  groups: { id: string; name: string }[];
  hasLastRun: boolean;
  sizes: readonly number[];
  secondsOptions: readonly number[];
  onStarted: (view: RaceView) => void;
}) {
  const t = useTranslations("ghost");
  const locale = useLocale();
  const [setKind, setSetKind] = useState<"topics" | "last">(hasLastRun ? "last" : "topics");
  const [bankSlug, setBankSlug] = useState(banks[0]?.slug ?? "");
  const [topicIds, setTopicIds] = useState<string[]>([]);
  const [size, setSize] = useState(sizes[1] ?? sizes[0]!);
  const [seconds, setSeconds] = useState(secondsOptions[0]!);
  const [ghostKind, setGhostKind] = useState<GhostChoice["kind"]>(hasLastRun ? "self" : "none");
  const [groupId, setGroupId] = useState(groups[0]?.id ?? "");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bank = banks.find((b) => b.slug === bankSlug);
  const message = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.generic"));

  async function start(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setPending(true);
    const set: SetChoice = setKind === "last" ? { kind: "last" } : { kind: "topics", bankSlug, topicIds, size, secondsPerQuestion: seconds };
    const ghost: GhostChoice = ghostKind === "group" ? { kind: "group", groupId } : { kind: ghostKind };
    const response = await request(realtimeSocket(), "ghost:start", { set, ghost });
    setPending(false);
    if (!response.ok) return setError(message(response.code));
    onStarted(response.data);
  }

  const select = "rounded border border-slate-300 px-2 py-1";
  return (
    <form onSubmit={start} className="flex min-w-0 flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="ghost-launcher">
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 font-medium">{t("setLegend")}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="set" value="last" checked={setKind === "last"} disabled={!hasLastRun} onChange={() => setSetKind("last")} />
          {t("setLast")}{hasLastRun ? null : <span className="text-sm text-slate-500">({t("setLastNone")})</span>}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="set" value="topics" checked={setKind === "topics"} onChange={() => setSetKind("topics")} />
          {t("setTopics")}
        </label>
        {setKind === "topics" ? (
          <div className="flex min-w-0 flex-col gap-3 border-l-2 border-slate-200 pl-3">
            <label className="flex min-w-0 flex-col gap-1 text-sm">
              {t("bank")}
              <select value={bankSlug} onChange={(e) => { setBankSlug(e.target.value); setTopicIds([]); }} className={`${select} w-full min-w-0`}>
                {banks.map((b) => <option key={b.slug} value={b.slug}>{locale === "en" ? b.titleEn : b.titleKo}</option>)}
              </select>
            </label>
            {/* Fieldsets do not shrink below their content unless told: min-w-0 keeps a phone's card intact. */}
            <fieldset className="min-w-0">
              <legend className="mb-1 text-sm">{t("topicsHint")}</legend>
              <div className="grid max-h-56 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2">
                {bank?.topics.map((topic) => (
                  <label key={topic.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={topicIds.includes(topic.id)}
                      onChange={(e) => setTopicIds((ids) => (e.target.checked ? [...ids, topic.id] : ids.filter((x) => x !== topic.id)))}
                    />
                    {locale === "en" && topic.titleEn ? topic.titleEn : topic.titleKo}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-wrap gap-4">
              <label className="flex items-center gap-2 text-sm">
                {t("size")}
                <select value={size} onChange={(e) => setSize(Number(e.target.value))} className={select}>
                  {sizes.map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </label>
              <label className="flex items-center gap-2 text-sm">
                {t("seconds")}
                <select value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} className={select}>
                  {secondsOptions.map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </label>
            </div>
          </div>
        ) : null}
      </fieldset>
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 font-medium">{t("ghostLegend")}</legend>
        <label className="flex items-center gap-2"><input type="radio" name="ghost" value="none" checked={ghostKind === "none"} onChange={() => setGhostKind("none")} />{t("ghostNone")}</label>
        <label className="flex items-center gap-2"><input type="radio" name="ghost" value="self" checked={ghostKind === "self"} onChange={() => setGhostKind("self")} />{t("ghostSelf")}</label>
        <label className="flex items-center gap-2">
          <input type="radio" name="ghost" value="group" checked={ghostKind === "group"} disabled={groups.length === 0} onChange={() => setGhostKind("group")} />
          {t("ghostGroup")}{groups.length === 0 ? <span className="text-sm text-slate-500">({t("noGroups")})</span> : null}
        </label>
        {ghostKind === "group" ? (
          <label className="flex min-w-0 flex-col gap-1 pl-6 text-sm">
            {t("group")}
            <select value={groupId} onChange={(e) => setGroupId(e.target.value)} className={`${select} w-full min-w-0`}>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
          </label>
        ) : null}
      </fieldset>
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("starting") : t("start")}
      </button>
    </form>
  );
}
