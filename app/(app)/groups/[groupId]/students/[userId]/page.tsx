import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { loadStudentHistory } from "@/lib/groups/data";
import { orNotFound, pageActor } from "@/lib/groups/page-access";

export default async function StudentHistoryPage({ params }: { params: Promise<{ groupId: string; userId: string }> }) {
  const [{ groupId, userId }, actor, t, locale, format] = await Promise.all([params, pageActor(), getTranslations("groups"), getLocale(), getFormatter()]);
  const history = await orNotFound(loadStudentHistory(actor, groupId, userId, new Date()));
  const title = (value: { ko: string; en: string | null }) => (locale === "en" && value.en ? value.en : value.ko);
  const pct = (x: number) => Math.round(x * 100);
  return (
    <div className="flex flex-col gap-8">
      <header>
        <Link href={`/groups/${groupId}`} className="text-sm text-brand-700 underline">{t("back")}</Link>
        <h1 className="text-2xl font-bold">{t("student.title", { name: history.student.name })}</h1>
        <p className="text-sm text-slate-600">{history.student.email}</p>
      </header>
      <section aria-labelledby="results-heading" className="flex flex-col gap-2">
        <h2 id="results-heading" className="text-lg font-semibold">{t("student.results")}</h2>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {history.assignments.map((a) => (
            <li key={a.id} className="flex flex-wrap justify-between gap-2 px-3 py-2">
              <span>{a.title} <span className="text-slate-500">({t(`assignments.mode.${a.mode}`)})</span></span>
              <span>{a.result ? t(`status.${a.result.status}`) : "–"}{a.result?.correct !== null && a.result?.total ? ` · ${a.result.correct}/${a.result.total}` : ""}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="answers-heading" className="flex flex-col gap-2">
        <h2 id="answers-heading" className="text-lg font-semibold">{t("student.answers")}</h2>
        {history.attempts.length === 0 ? <p className="text-slate-600">{t("student.noAttempts")}</p> : history.attempts.map((attempt) => (
          <details key={attempt.id} className="rounded-lg border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer font-medium">{attempt.title} · {attempt.correctCount}/{attempt.totalCount} · {attempt.submittedAt ? format.dateTime(attempt.submittedAt, { dateStyle: "medium", timeStyle: "short" }) : ""}</summary>
            <ol className="mt-2 flex list-decimal flex-col gap-1 pl-5 text-sm">
              {attempt.items.map((item) => (
                <li key={item.position}>
                  <span className="line-clamp-2">{item.stem}</span>
                  <span className={item.correct ? "text-green-700" : "text-red-700"}>{item.answer ? `${item.answer} · ` : ""}{item.answer ? (item.correct ? t("student.right") : t("student.wrong")) : t("student.noAnswer")}</span>
                </li>
              ))}
            </ol>
          </details>
        ))}
      </section>
      <section aria-labelledby="mastery-heading" className="flex flex-col gap-2">
        <h2 id="mastery-heading" className="text-lg font-semibold">{t("student.mastery")}</h2>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {history.topics.filter((topic) => topic.cell).map((topic) => (
            <li key={topic.id} className="flex justify-between gap-2 rounded border border-slate-100 bg-white px-2 py-1">
              <span>{title(topic.title)}</span>
              <span className="tabular-nums">{pct(topic.cell!.mastery)}% ({pct(topic.cell!.low)}–{pct(topic.cell!.high)})</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
