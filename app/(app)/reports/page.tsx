import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { listMyReports } from "@/lib/disputes/data";
import { Markdown } from "@/components/ui/markdown";

export async function generateMetadata() {
  return { title: (await getTranslations("disputes"))("mine.title") };
}

export default async function MyReportsPage() {
  const user = await requirePageUser();
  const [t, format, reports] = await Promise.all([getTranslations("disputes"), getFormatter(), listMyReports(user.id)]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("mine.title")}</h1>
      {reports.length === 0 ? <p className="text-slate-600">{t("mine.none")}</p> : (
        <ul className="flex flex-col gap-2" data-testid="my-reports">
          {reports.map((r) => (
            <li key={r.id} className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-3" data-testid="my-report" data-status={r.status}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">{t(`reasons.${r.reason}`)}</span>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-sm">{t(`status.${r.status}`)}</span>
              </div>
              <div className="text-sm text-slate-700"><Markdown variant="inline">{r.question.stem}</Markdown></div>
              <p className="text-sm text-slate-600">“{r.text}”</p>
              {r.reply ? <p className="text-sm" data-testid="report-reply"><span className="font-semibold">{t("mine.reply")}:</span> {r.reply}</p> : null}
              <p className="text-xs text-slate-500">{t("mine.reportedAt")} {format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
