import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { listBanks } from "@/lib/banks/data";
import { findInProgressExam, listExamHistory } from "@/lib/exams/data";
import { startExamAction } from "@/lib/exams/actions";
import { db } from "@/lib/db";

export async function generateMetadata() {
  return { title: (await getTranslations("exam"))("title") };
}

export default async function ExamsPage() {
  const [user, t, locale, format, banks] = await Promise.all([requirePageUser(), getTranslations("exam"), getLocale(), getFormatter(), listBanks()]);
  const sections = await Promise.all(
    banks.filter((bank) => bank.questionCount > 0).map(async (bank) => {
      const [config, open, history] = await Promise.all([
        db().questionBank.findUniqueOrThrow({ where: { id: bank.id }, select: { examConfig: true } }),
        findInProgressExam(user.id, bank.id),
        listExamHistory(user.id, bank.id),
      ]);
      return { bank, config: config.examConfig as { questionCount: number; minutes: number; passingScore: number }, open, history };
    }),
  );
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {sections.map(({ bank, config, open, history }) => (
        <section key={bank.id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby={`bank-${bank.slug}`}>
          <h2 id={`bank-${bank.slug}`} className="text-lg font-semibold">{locale === "en" ? bank.titleEn : bank.titleKo}</h2>
          <p>{t("intro", { count: Math.min(config.questionCount, bank.questionCount), minutes: config.minutes, passing: config.passingScore })}</p>
          <p className="text-sm text-slate-600">{t("introRules")}</p>
          <p className="text-sm text-slate-600">{t("multipleRule")}</p>
          <form action={startExamAction} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="bankSlug" value={bank.slug} />
            {open ? null : (
              <fieldset className="flex flex-wrap gap-3 text-sm">
                <legend className="sr-only">{t("format")}</legend>
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="format" value="full" defaultChecked /> {t("formatFull", { count: Math.min(config.questionCount, bank.questionCount), minutes: config.minutes })}
                </label>
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="format" value="short" /> {t("formatShort", { count: 10, minutes: Math.max(1, Math.round((config.minutes * 10) / config.questionCount)) })}
                </label>
              </fieldset>
            )}
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              {open ? t("resume") : t("start")}
            </button>
          </form>
          <h3 className="mt-2 font-semibold">{t("history")}</h3>
          {history.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noHistory")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {history.map((attempt) => (
                <li key={attempt.id} className="flex justify-between py-1.5">
                  <Link href={`/exams/${attempt.id}/result`} className="text-brand-700 underline">
                    {attempt.submittedAt ? format.dateTime(attempt.submittedAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}
                  </Link>
                  <span className="tabular-nums">
                    {attempt.scaledScore} · {attempt.passed ? t("passed") : t("failed")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
