import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ExamAccommodationForm } from "@/components/account/exam-accommodation-form";
import { requirePageUser } from "@/lib/auth/session";
import { listExamSections, loadExamAccommodation } from "@/lib/exams/data";
import { startExamAction } from "@/lib/exams/actions";
import { ESL_EXTRA_MINUTES } from "@/lib/exams/scoring";

export async function generateMetadata() {
  return { title: (await getTranslations("exam"))("title") };
}

const querySchema = z.object({ error: z.string().regex(/^[a-z_]{1,40}$/).optional(), bank: z.string().regex(/^[a-z0-9-]{1,80}$/).optional() });

export default async function ExamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const [t, locale, format, sections, accommodation, query] = await Promise.all([
    getTranslations("exam"), getLocale(), getFormatter(), listExamSections(user.id), loadExamAccommodation(user.id), searchParams,
  ]);
  const parsedQuery = querySchema.safeParse(query);
  const error = parsedQuery.success ? parsedQuery.data.error : undefined;
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="exam-start-error">
          {t.has(`errors.${error}`) ? t(`errors.${error}`) : t("errors.generic")}
        </p>
      ) : null}
      <ExamAccommodationForm eslExtraTime={accommodation.eslExtraTime} />
      {sections.length === 0 ? <p className="text-slate-600">{t("noBanks")}</p> : null}
      {sections.map(({ bank, config, open, versions, history }) => {
        const fullCount = Math.min(config.questionCount, bank.questionCount);
        const shortMinutes = Math.max(1, Math.round((config.minutes * 10) / config.questionCount));
        return (
          <section key={bank.id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby={`bank-${bank.slug}`}>
            <h2 id={`bank-${bank.slug}`} className="text-lg font-semibold">{locale === "en" ? bank.titleEn : bank.titleKo}</h2>
            <p>{t("intro", { count: fullCount, minutes: config.minutes, passing: config.passingScore })}</p>
            <p className="text-sm text-slate-600">{t("introRules")}</p>
            <p className="text-sm text-slate-600">{t("multipleRule")}</p>
            {open.length ? (
              <ul className="flex flex-col gap-2">
                {open.map((attempt) => (
                  <li key={attempt.id}>
                    <Link href={`/exams/${attempt.id}`} className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700" data-testid="resume-exam">
                      {attempt.format === "short" ? t("resumeShort") : t("resume")}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
            <form action={startExamAction} className="flex flex-col gap-3">
              <input type="hidden" name="bankSlug" value={bank.slug} />
              <fieldset className="flex flex-wrap gap-3 text-sm">
                <legend className="sr-only">{t("format")}</legend>
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="format" value="full" defaultChecked />{" "}
                  {accommodation.eslExtraTime
                    ? t("formatFullEsl", { count: fullCount, minutes: config.minutes + ESL_EXTRA_MINUTES, extra: ESL_EXTRA_MINUTES })
                    : t("formatFull", { count: fullCount, minutes: config.minutes })}
                </label>
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="format" value="short" /> {t("formatShort", { count: 10, minutes: shortMinutes })}
                </label>
              </fieldset>
              {versions.length > 1 ? (
                <label className="flex flex-wrap items-center gap-2 text-sm">
                  {t("examVersion")}
                  <select name="examVersion" defaultValue={versions[0]} className="rounded border border-slate-300 px-2 py-1" data-testid="exam-version">
                    {versions.map((version, index) => (
                      <option key={version} value={version}>{index === 0 ? t("examVersionCurrent", { version }) : version}</option>
                    ))}
                  </select>
                  <span className="text-xs text-slate-500">{t("examVersionHint")}</span>
                </label>
              ) : null}
              <button type="submit" className="self-start rounded-md border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
                {t("start")}
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
        );
      })}
    </div>
  );
}
