import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { HeatmapTable } from "@/components/group/heatmap";
import { LocalTime } from "@/components/group/local-time";
import { loadGroupReport } from "@/lib/groups/data";
import { orNotFound, pageActor } from "@/lib/groups/page-access";

export async function generateMetadata() {
  return { title: (await getTranslations("groups"))("report.link") };
}

export default async function GroupReportPage({ params, searchParams }: { params: Promise<{ groupId: string }>; searchParams: Promise<{ bank?: string }> }) {
  const [{ groupId }, { bank: bankSlug }, actor, t, locale, format] = await Promise.all([params, searchParams, pageActor(), getTranslations("groups"), getLocale(), getFormatter()]);
  const report = await orNotFound(loadGroupReport(actor, groupId, typeof bankSlug === "string" ? bankSlug.slice(0, 80) : undefined, new Date()));
  const { completion, heatmap, missed, group } = report;
  const exportHref = (kind: string) => `/api/groups/${group.id}/export?kind=${kind}${report.bank ? `&bank=${report.bank.slug}` : ""}`;
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-1">
        <Link href={`/groups/${group.id}`} className="text-sm text-brand-700 underline">{t("back")}</Link>
        <h1 className="text-2xl font-bold">{t("report.title", { name: group.name })}</h1>
        {report.bank ? <p className="text-sm text-slate-600">{t("report.bank")}: {locale === "en" ? report.bank.titleEn : report.bank.titleKo}</p> : null}
        <div className="mt-2 flex flex-wrap gap-2">
          <a href={exportHref("assignments")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" data-testid="download-assignments" download>{t("report.downloadAssignments")}</a>
          <a href={exportHref("heatmap")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" data-testid="download-heatmap" download>{t("report.downloadHeatmap")}</a>
        </div>
      </header>

      <section aria-labelledby="heatmap-heading" className="flex flex-col gap-2">
        <h2 id="heatmap-heading" className="text-lg font-semibold">{t("report.heatmap")}</h2>
        <p className="text-xs text-slate-500">{t("report.heatmapHint")}</p>
        {heatmap.students.length === 0 ? <p className="text-slate-600">{t("report.noStudents")}</p> : <HeatmapTable heatmap={heatmap} groupId={group.id} />}
      </section>

      <section aria-labelledby="completion-heading" className="flex flex-col gap-2">
        <h2 id="completion-heading" className="text-lg font-semibold">{t("report.completion")}</h2>
        {completion.assignments.length === 0 ? <p className="text-slate-600">{t("assignments.none")}</p> : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={t("report.completion")}>
            <table className="min-w-full text-sm" data-testid="completion">
              <thead>
                <tr className="text-left">
                  <th scope="col" className="px-3 py-2">{t("report.student")}</th>
                  {completion.assignments.map((a) => (
                    <th key={a.id} scope="col" className="px-3 py-2 font-medium">
                      <span className="block">{a.title}</span>
                      <span className="block text-xs font-normal text-slate-500">
                        {t("assignments.due")} <LocalTime iso={a.dueAt.toISOString()} locale={locale} fallback={format.dateTime(a.dueAt, { dateStyle: "short", timeStyle: "short", timeZone: group.timeZone })} />
                        {a.averagePercent !== null ? ` · ${t("report.average", { percent: Math.round(a.averagePercent * 100) })}` : ""}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {completion.students.map((s) => (
                  <tr key={s.userId} className="border-t border-slate-100" data-testid="completion-row">
                    <th scope="row" className="px-3 py-2 text-left font-medium" data-testid="completion-name">{s.name}</th>
                    {completion.assignments.map((a) => {
                      const r = completion.results[s.userId]![a.id]!;
                      return (
                        <td key={a.id} className="px-3 py-2" data-testid="completion-cell">
                          <span data-testid="completion-status">{t(`status.${r.status}`)}</span>
                          {r.correct !== null && r.total ? <span className="ml-1 tabular-nums text-slate-600" data-testid="completion-score">{r.correct}/{r.total}</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="missed-heading" className="flex flex-col gap-2">
        <h2 id="missed-heading" className="text-lg font-semibold">{t("report.missed")}</h2>
        {missed.length === 0 ? <p className="text-slate-600">{t("report.missedNone")}</p> : (
          <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm" data-testid="most-missed">
            {missed.map((q) => (
              <li key={q.questionId}>
                <p className="line-clamp-3">{q.stem}</p>
                <p className="text-slate-600">
                  {t("report.missedRate", { wrong: q.wrong, answers: q.answers })}
                  {q.topWrongKey ? ` · ${t("report.missedPick", { choice: `${q.topWrongKey.toUpperCase()}. ${q.topWrongText ?? ""}`, count: q.topWrongCount })}` : ""}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
