"use client";
import { useState } from "react";
import { useFormStatus } from "react-dom";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { startPracticeAction } from "@/lib/practice/actions";
import type { LearnerDashboard, TopicMasteryRow } from "@/lib/learning/dashboard";
import { ChevronRightIcon, PlayIcon } from "@/components/ui/icons";

type SortKey = "order" | "mastery" | "gain";
const SORT_KEYS: SortKey[] = ["order", "mastery", "gain"];

/** Lowest mastery first, topics not started yet after the practised ones; bank order breaks ties. */
function sortTopics(topics: TopicMasteryRow[], key: SortKey): TopicMasteryRow[] {
  const order = new Map(topics.map((topic, index) => [topic.topicId, index]));
  const byOrder = (a: TopicMasteryRow, b: TopicMasteryRow) => order.get(a.topicId)! - order.get(b.topicId)!;
  if (key === "order") return topics;
  if (key === "gain") return [...topics].sort((a, b) => b.readinessGain - a.readinessGain || byOrder(a, b));
  return [...topics].sort((a, b) => (a.mastery ?? 2) - (b.mastery ?? 2) || byOrder(a, b));
}

const percent = (value: number) => Math.round(value * 100);

/** The mastery bar: the estimate filled in, its 80% band drawn over it like an error bar. */
function MasteryBar({ topic }: { topic: TopicMasteryRow }) {
  return (
    <span className="relative block h-4 w-full" aria-hidden>
      <span className="absolute inset-x-0 top-1 h-2 rounded-full bg-slate-100" />
      {topic.mastery !== null ? (
        <>
          <span className="absolute left-0 top-1 h-2 rounded-full bg-brand-500" style={{ width: `${percent(topic.mastery)}%` }} />
          {topic.low !== null && topic.high !== null ? (
            <span
              className="absolute top-0 h-4 rounded-sm border-x-2 border-brand-700 bg-brand-700/15"
              style={{ left: `${percent(topic.low)}%`, width: `${Math.max(1, percent(topic.high) - percent(topic.low))}%` }}
            />
          ) : null}
        </>
      ) : null}
    </span>
  );
}

function PractiseButton({ topic, name }: { topic: TopicMasteryRow; name: string }) {
  const t = useTranslations("mastery");
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get("topicIds") === topic.topicId;
  return (
    <button
      type="submit"
      name="topicIds"
      value={topic.topicId}
      disabled={pending}
      aria-label={t("practiseTopic", { topic: name })}
      className="inline-flex shrink-0 items-center gap-1 rounded-md border border-brand-500 px-2.5 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      data-testid="practise-topic"
    >
      <PlayIcon className="text-xs" />
      {mine ? t("practiseStarting") : t("practise")}
    </button>
  );
}

/**
 * Mastery for every topic of a bank, grouped by exam domain: each row names the topic (linked
 * to its note), draws the estimate with its 80% band, says how much reaching the target would
 * raise the readiness estimate, and starts a practice set on that topic. Rows wrap onto two
 * lines on a phone; the sort order applies within each domain.
 */
export function MasteryByDomain({ dashboard, target }: { dashboard: Pick<LearnerDashboard, "bank" | "domains" | "topics">; target: number }) {
  const t = useTranslations("mastery");
  const locale = useLocale();
  const [sort, setSort] = useState<SortKey>("order");
  const title = (value: { ko: string; en: string | null }) => (locale === "en" && value.en ? value.en : value.ko);

  // Topics nobody can practise (no published question) and nobody has answered are left out.
  const topics = dashboard.topics.filter((topic) => topic.questionCount > 0 || topic.answers > 0);
  const known = new Set(dashboard.domains.map((domain) => domain.id));
  const groups = [
    ...dashboard.domains.map((domain) => ({
      key: String(domain.id),
      label: t("domainTitle", { id: domain.id, title: locale === "en" ? domain.title.en : domain.title.ko }),
      weight: domain.weight as number | null,
      topics: topics.filter((topic) => topic.domain === domain.id),
    })),
    {
      key: "other",
      label: dashboard.domains.length ? t("otherTopics") : t("allTopics"),
      weight: null,
      topics: topics.filter((topic) => topic.domain === null || !known.has(topic.domain)),
    },
  ].filter((group) => group.topics.length > 0);

  if (topics.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <div className="flex flex-col gap-3" data-testid="mastery-view">
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <legend className="sr-only">{t("sortLabel")}</legend>
        <span aria-hidden className="font-medium text-slate-600">{t("sortLabel")}</span>
        {SORT_KEYS.map((key) => (
          <label key={key} className="flex items-center gap-1.5">
            <input type="radio" name="mastery-sort" value={key} checked={sort === key} onChange={() => setSort(key)} />
            {t(`sort.${key}`)}
          </label>
        ))}
      </fieldset>
      <p className="text-xs text-slate-500">{t("bandNote")} {t("gainNote", { target: percent(target) })}</p>
      <form action={startPracticeAction} className="flex flex-col gap-2">
        <input type="hidden" name="bankSlug" value={dashboard.bank.slug} />
        <input type="hidden" name="source" value="topics" />
        {groups.map((group) => (
          <details key={group.key} open className="group rounded-md border border-slate-200" data-testid="mastery-domain" data-domain={group.key}>
            <summary className="flex cursor-pointer list-none items-start gap-2 rounded-md bg-slate-50 px-3 py-2 font-medium [&::-webkit-details-marker]:hidden">
              <ChevronRightIcon className="mt-1 text-slate-500 transition-transform group-open:rotate-90" />
              <span className="flex flex-wrap items-baseline gap-x-2">
                <span>{group.label}</span>
                <span className="text-xs font-normal text-slate-500">
                  {group.weight !== null ? t("domainMeta", { count: group.topics.length, weight: group.weight }) : t("topicCount", { count: group.topics.length })}
                </span>
              </span>
            </summary>
            <div className="hidden items-center gap-x-2 border-b border-slate-100 px-3 py-1 text-xs text-slate-500 sm:flex" aria-hidden>
              <span className="flex-1">{t("topic")}</span>
              <span className="w-36">{t("masteryBand")}</span>
              <span className="w-14 text-right">{t("mastery")}</span>
              <span className="w-10 text-right">{t("gainHeader")}</span>
              <span className="w-[5.5rem]" />
            </div>
            <ul className="divide-y divide-slate-100 px-3">
              {sortTopics(group.topics, sort).map((topic) => {
                const name = title(topic.title);
                const gain = Math.round(topic.readinessGain);
                return (
                  <li key={topic.topicId} className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1.5" data-testid="mastery-topic">
                    <Link href={`/banks/${dashboard.bank.slug}/topics/${topic.slug}`} className="w-full min-w-0 text-sm font-medium text-slate-800 hover:text-brand-700 hover:underline sm:w-auto sm:flex-1" data-testid="mastery-topic-name">
                      {name}
                    </Link>
                    <span className="min-w-16 flex-1 sm:w-36 sm:flex-none"><MasteryBar topic={topic} /></span>
                    <span className="w-14 text-right text-sm leading-tight tabular-nums" data-testid="mastery-value">
                      {topic.mastery !== null ? (
                        <>
                          <span className="sr-only">{t("bandLabel", { mastery: percent(topic.mastery), low: percent(topic.low ?? 0), high: percent(topic.high ?? 1), answers: topic.answers })}</span>
                          <span aria-hidden>
                            <span className="block font-medium">{percent(topic.mastery)}%</span>
                            <span className="block text-xs text-slate-500">{percent(topic.low ?? 0)}–{percent(topic.high ?? 1)}</span>
                          </span>
                        </>
                      ) : (
                        <span className="text-xs text-slate-500">{t("notStarted")}</span>
                      )}
                    </span>
                    <span className={`w-10 text-right text-sm tabular-nums ${gain > 0 ? "text-green-700" : "text-slate-400"}`} data-testid="readiness-gain">
                      <span className="sr-only">{t("gainLabel", { points: gain, target: percent(target) })}</span>
                      <span aria-hidden>+{gain}</span>
                    </span>
                    <span className="flex justify-end sm:w-[5.5rem]">
                      {topic.questionCount > 0 ? <PractiseButton topic={topic} name={name} /> : null}
                    </span>
                  </li>
                );
              })}
            </ul>
          </details>
        ))}
      </form>
    </div>
  );
}
