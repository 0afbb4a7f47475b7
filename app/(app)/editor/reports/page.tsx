import { getTranslations } from "next-intl/server";
import { requirePageEditor } from "@/lib/auth/session";
import { listReportQueue, sourceLinesOf } from "@/lib/disputes/data";
import { heldFromExams } from "@/lib/disputes/rules";
import { loadItemStats } from "@/lib/item-stats/data";
import { ItemStatsCard } from "@/components/disputes/item-stats-card";
import { ResolveForm } from "@/components/disputes/resolve-form";
import { Markdown } from "@/components/ui/markdown";
import { db } from "@/lib/db";

export async function generateMetadata() {
  return { title: (await getTranslations("disputes"))("queue.title") };
}

export default async function ReportQueuePage() {
  const user = await requirePageEditor();
  const t = await getTranslations("disputes");
  const groups = await listReportQueue(user);
  const banks = await db().questionBank.findMany({ where: { slug: { in: [...new Set(groups.map((g) => g.question.bank.slug))] } }, select: { id: true, slug: true } });
  const stats = new Map((await Promise.all(banks.map((b) => loadItemStats(b.id, groups.filter((g) => g.question.bank.slug === b.slug).map((g) => g.question.id))))).flatMap((m) => [...m]));
  const lines = await Promise.all(groups.map((g) => sourceLinesOf(g.question, g.question.bank.slug)));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("queue.title")}</h1>
      {groups.length === 0 ? <p className="text-slate-600">{t("queue.none")}</p> : null}
      {groups.map((g, i) => {
        const q = g.question;
        const letter = (key: string) => String.fromCharCode(65 + q.choices.findIndex((c) => c.key === key));
        return (
          <section key={q.id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="report-group">
            <header className="flex flex-wrap items-center justify-between gap-2">
              <span className="text-sm text-slate-600">{q.bank.titleKo} · {q.topic.titleKo}</span>
              <span className="rounded bg-red-100 px-2 py-0.5 text-sm font-medium text-red-800" data-testid="reporter-count">{t("queue.reporters", { count: g.reporters })}</span>
            </header>
            {heldFromExams(g.reporters) ? <p className="text-sm font-medium text-amber-800">{t("queue.heldFromExams")}</p> : null}
            <div className="grid gap-3 md:grid-cols-2">
              <div className="flex flex-col gap-2">
                <div className="leading-relaxed"><Markdown variant="inline">{q.stem}</Markdown></div>
                <ul className="flex flex-col gap-1">
                  {q.choices.map((c) => (
                    <li key={c.key} className={`rounded border px-2 py-1 text-sm ${c.correct ? "border-green-600 bg-green-50" : "border-slate-200"}`}>
                      <span className="font-semibold">{letter(c.key)}.</span> <Markdown variant="inline">{c.text}</Markdown>
                      {c.correct ? <span className="ml-1 text-xs text-green-800">({t("queue.correct")})</span> : null}
                    </li>
                  ))}
                </ul>
                <ItemStatsCard stats={stats.get(q.id)} choices={q.choices} />
              </div>
              <div className="flex min-w-0 flex-col gap-2">
                {lines[i] ? (
                  <figure>
                    <figcaption className="text-xs text-slate-500">{t("queue.noteLines", { file: q.sourceFile ?? "", start: q.lineStart ?? 0, end: q.lineEnd ?? q.lineStart ?? 0 })}</figcaption>
                    <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs" data-testid="note-lines">{lines[i]!.join("\n")}</pre>
                  </figure>
                ) : q.topic.note ? (
                  <figure>
                    <figcaption className="text-xs text-slate-500">{t("queue.topicNote")}</figcaption>
                    <div className="rounded bg-slate-50 p-2 text-sm" data-testid="note-lines"><Markdown>{q.topic.note}</Markdown></div>
                  </figure>
                ) : <p className="text-sm text-slate-500">{t("queue.noNoteLines")}</p>}
              </div>
            </div>
            <ul className="flex flex-col gap-1 text-sm" data-testid="report-list">
              {g.reports.map((r) => (
                <li key={r.id} className="rounded bg-slate-50 px-2 py-1">
                  <span className="font-medium">{t(`reasons.${r.reason}`)}</span> · {r.user.name} · {t(`queue.from.${r.source as "practice"}`)}: {r.text}
                </li>
              ))}
            </ul>
            <ResolveForm questionId={q.id} type={q.type} choices={q.choices} />
          </section>
        );
      })}
    </div>
  );
}
