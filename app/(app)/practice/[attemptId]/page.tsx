import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PracticeSession } from "@/components/practice/practice-session";
import { requirePageUser } from "@/lib/auth/session";
import { loadPracticeView } from "@/lib/practice/data";
import { attemptRefSchema } from "@/lib/exams/schema";

export async function generateMetadata() {
  return { title: (await getTranslations("practice"))("title") };
}

export default async function PracticeAttemptPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const parsed = attemptRefSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const user = await requirePageUser();
  const [practice, t, locale] = await Promise.all([loadPracticeView(user.id, parsed.data.attemptId), getTranslations("practice"), getLocale()]);
  if (!practice) notFound();
  if (!practice.finished) return <PracticeSession practice={practice} />;
  const wrong = practice.items.filter((item) => item.result && !item.result.correct);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("summaryTitle")}</h1>
      <p className="text-lg" data-testid="practice-summary">{t("summary", { correct: practice.correctCount, total: practice.items.length })}</p>
      {wrong.length ? (
        <>
          <h2 className="font-semibold">{t("reviewThese")}</h2>
          <ul className="list-disc pl-5">
            {[...new Map(wrong.map((item) => [item.result!.topicSlug, item.result!.topicTitle])).entries()].map(([slug, title]) => (
              <li key={slug}><Link href={`/banks/${practice.bankSlug}/topics/${slug}`} className="text-brand-700 underline">{locale === "en" && title.en ? title.en : title.ko}</Link></li>
            ))}
          </ul>
        </>
      ) : null}
      <Link href="/practice" className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("again")}</Link>
    </section>
  );
}
