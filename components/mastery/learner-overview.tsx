import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { READINESS_TARGET, type LearnerDashboard } from "@/lib/learning/dashboard";
import { MasteryByDomain } from "./mastery-by-domain";
import { TrendChart } from "./trend-chart";

export async function LearnerOverview({ dashboard }: { dashboard: LearnerDashboard }) {
  const [t, locale] = await Promise.all([getTranslations("mastery"), getLocale()]);
  const { readiness } = dashboard;
  const title = (value: { ko: string; en: string | null }) => (locale === "en" && value.en ? value.en : value.ko);
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="readiness-heading" data-testid="readiness">
          <h3 id="readiness-heading" className="text-sm font-medium text-slate-600">{t("readinessTitle")}</h3>
          <p className="text-3xl font-bold tabular-nums">{readiness.scaled}</p>
          <p className="text-sm text-slate-600">{t("readinessRange", { low: readiness.low, high: readiness.high })}</p>
          <p className="text-sm text-slate-600">{t("passChance", { percent: Math.round(readiness.passProbability * 100) })}</p>
          <p className="mt-1 text-xs text-slate-500">{t("coverage", { percent: Math.round(readiness.coverage * 100) })}</p>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="due-heading">
          <h3 id="due-heading" className="text-sm font-medium text-slate-600">{t("dueTitle")}</h3>
          {dashboard.dueCount > 0 ? (
            <>
              <p className="text-3xl font-bold tabular-nums" data-testid="due-count">{dashboard.dueCount}</p>
              <Link href="/practice" className="text-sm text-brand-700 underline">{t("dueStart")}</Link>
            </>
          ) : (
            <p className="text-sm text-slate-600">{t("dueNone")}</p>
          )}
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="next-heading">
          <h3 id="next-heading" className="text-sm font-medium text-slate-600">{t("nextTitle")}</h3>
          {dashboard.next.length ? (
            <ol className="mt-1 flex flex-col gap-1 text-sm" data-testid="next-to-study">
              {dashboard.next.slice(0, 3).map((item) => (
                <li key={item.topicId}>
                  <Link href={`/banks/${dashboard.bank.slug}/topics/${item.slug}`} className="font-medium text-brand-700 hover:underline">{title(item.title)}</Link>
                  <span className="block text-xs text-slate-500">{t(`reason.${item.reason}`)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-600">{t("nextEmpty")}</p>
          )}
        </section>
      </div>
      <p className="text-xs text-slate-500">{t("readinessNote")}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="mastery-heading">
        <h3 id="mastery-heading" className="mb-2 font-semibold">{t("title")}</h3>
        <MasteryByDomain dashboard={dashboard} target={READINESS_TARGET} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="trend-heading">
        <h3 id="trend-heading" className="mb-2 font-semibold">{t("trendTitle")}</h3>
        <TrendChart trend={dashboard.trend} />
      </section>
    </div>
  );
}
