import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { startPracticeAction } from "@/lib/practice/actions";
import { PRACTICE_SIZES } from "@/lib/practice/schema";

export async function generateMetadata() {
  return { title: (await getTranslations("practice"))("title") };
}

export default async function PracticePage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const [user, t, tGhost, locale, { error }] = await Promise.all([requirePageUser(), getTranslations("practice"), getTranslations("ghost"), getLocale(), searchParams]);
  const banks = await db().questionBank.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true, slug: true, titleKo: true, titleEn: true,
      topics: { orderBy: { order: "asc" }, where: { questions: { some: { status: "PUBLISHED" } } }, select: { id: true, titleKo: true, titleEn: true } },
    },
  });
  const dueCount = await db().reviewCard.count({ where: { userId: user.id, dueAt: { lte: new Date() } } });
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <Link href="/practice/ghost" className="self-start text-brand-700 underline" data-testid="ghost-race-link">{tGhost("linkFromPractice")}</Link>
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{t.has(`errors.${error}`) ? t(`errors.${error}`) : t("errors.generic")}</p> : null}
      {banks.filter((bank) => bank.topics.length > 0).map((bank) => (
        <form key={bank.id} action={startPracticeAction} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
          <input type="hidden" name="bankSlug" value={bank.slug} />
          <div>
            <h2 className="text-lg font-semibold">{locale === "en" ? bank.titleEn : bank.titleKo}</h2>
            {/* Two imports of one notes file share a title; the slug tells them apart. */}
            <p className="font-mono text-xs text-slate-500">{bank.slug}</p>
          </div>
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-1 text-sm font-medium">{t("what")}</legend>
            <label className="flex items-center gap-2"><input type="radio" name="source" value="topics" defaultChecked /> {t("sourceTopics")}</label>
            <label className="flex items-center gap-2"><input type="radio" name="source" value="weakest" /> {t("sourceWeakest")}</label>
            <label className="flex items-center gap-2"><input type="radio" name="source" value="due" /> {t("sourceDue", { count: dueCount })}</label>
          </fieldset>
          <fieldset>
            <legend className="mb-1 text-sm font-medium">{t("topicsHint")}</legend>
            <div className="grid max-h-64 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2">
              {bank.topics.map((topic) => (
                <label key={topic.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="topicIds" value={topic.id} /> {locale === "en" && topic.titleEn ? topic.titleEn : topic.titleKo}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            {t("size")}
            <select name="size" defaultValue="10" className="rounded border border-slate-300 px-2 py-1">
              {PRACTICE_SIZES.map((size) => <option key={size} value={size}>{size}</option>)}
            </select>
          </label>
          <button type="submit" className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">{t("start")}</button>
        </form>
      ))}
    </div>
  );
}
