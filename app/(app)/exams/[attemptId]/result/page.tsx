import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AnswerReview } from "@/components/exam/answer-review";
import { requirePageUser } from "@/lib/auth/session";
import { loadExamResult, type ExamConfig } from "@/lib/exams/data";
import { breakdown } from "@/lib/exams/scoring";
import { attemptRefSchema } from "@/lib/exams/schema";

export async function generateMetadata() {
  return { title: (await getTranslations("exam"))("resultTitle") };
}

export default async function ExamResultPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const parsed = attemptRefSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const user = await requirePageUser();
  const [result, t, locale] = await Promise.all([loadExamResult(user.id, parsed.data.attemptId), getTranslations("exam"), getLocale()]);
  if (!result) notFound();
  const config = result.bank.examConfig as ExamConfig;
  const scored = result.items.map((item) => ({ topicId: item.question.topic.id, domain: item.question.domain, correct: item.correct === true }));
  const topicTitle = new Map(result.items.map((item) => [item.question.topic.id, locale === "en" ? item.question.topic.titleEn ?? item.question.topic.titleKo : item.question.topic.titleKo]));
  const domainTitle = new Map(config.domains.map((d) => [d.id, locale === "en" ? d.title.en : d.title.ko]));
  const scaled = result.scaledScore ?? config.minScore;
  // A key fixed after this exam: the score stands as it was, and the page says so.
  const correctedAfter = (item: (typeof result.items)[number]) => item.question.keyChangedAt !== null && result.submittedAt !== null && item.question.keyChangedAt > result.submittedAt;
  const correctedCount = result.items.filter(correctedAfter).length;
  const td = await getTranslations("disputes");
  const pct = (value: number) => `${((value - config.minScore) / (config.maxScore - config.minScore)) * 100}%`;
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">{t("resultTitle")}</h1>
        {correctedCount ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="corrected-note">{td("examNote", { count: correctedCount })}</p> : null}
        {result.autoSubmitted ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="auto-submitted">{t("autoSubmitted")}</p> : null}
        <div className="rounded-lg border border-slate-200 bg-white p-5">
          <p className="text-sm text-slate-600">{t("scaledScore")}</p>
          <p className="text-4xl font-bold tabular-nums" data-testid="scaled-score">{scaled}</p>
          <p className={`mt-1 font-semibold ${result.passed ? "text-green-700" : "text-red-700"}`} data-testid="pass-fail">
            {result.passed ? t("passed") : t("failed")} · {t("passLine", { passing: config.passingScore })}
          </p>
          <div className="relative mt-3 h-3 rounded bg-slate-200" aria-hidden>
            <div className={`absolute inset-y-0 left-0 rounded ${result.passed ? "bg-green-600" : "bg-red-500"}`} style={{ width: pct(scaled) }} />
            <div className="absolute inset-y-[-4px] w-0.5 bg-slate-900" style={{ left: pct(config.passingScore) }} />
          </div>
          <p className="mt-2 text-sm text-slate-600">{t("correctOf", { correct: result.correctCount ?? 0, total: result.totalCount ?? 0 })}</p>
          <p className="mt-1 text-xs text-slate-500">{t("scoreNote")}</p>
        </div>
      </header>
      <div className="grid gap-4 sm:grid-cols-2">
        {(["domain", "topic"] as const).map((by) => (
          <section key={by} className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`by-${by}`}>
            <h2 id={`by-${by}`} className="mb-2 font-semibold">{by === "domain" ? t("byDomain") : t("byTopic")}</h2>
            <table className="w-full text-sm" data-testid={`breakdown-${by}`}>
              <tbody>
                {breakdown(scored, by).map((row) => (
                  <tr key={String(row.key)} className="border-t border-slate-100">
                    <td className="py-1 pr-2">{by === "domain" ? (domainTitle.get(Number(row.key)) ?? String(row.key)) : (topicTitle.get(String(row.key)) ?? "")}</td>
                    <td className="py-1 text-right tabular-nums">{row.correct}/{row.total}</td>
                    <td className="w-14 py-1 text-right tabular-nums">{row.percent}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <section aria-labelledby="review-heading" className="flex flex-col gap-3">
        <h2 id="review-heading" className="text-lg font-semibold">{t("review")}</h2>
        {result.items.map((item) => (
          <AnswerReview
            key={item.id}
            question={{
              position: item.position,
              stem: item.question.stem,
              type: item.question.type,
              choose: item.question.choose,
              selected: item.selectedChoiceIds,
              correct: item.correct,
              explanation: item.question.explanation,
              errata: item.question.errata,
              source: { file: item.question.sourceFile, start: item.question.lineStart, end: item.question.lineEnd },
              noteHref: `/banks/${result.bank.slug}/topics/${item.question.topic.slug}`,
              choices: item.question.choices,
              questionId: item.question.id,
              correctedAfter: correctedAfter(item),
            }}
          />
        ))}
      </section>
    </div>
  );
}
