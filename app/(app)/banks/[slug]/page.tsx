import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { canEditBanks, requirePageUser } from "@/lib/auth/session";
import { getBankOverview } from "@/lib/banks/data";
import { z } from "zod";

const slugSchema = z.string().regex(/^[a-z0-9-]{1,80}$/);

export default async function BankPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = slugSchema.safeParse((await params).slug);
  if (!slug.success) notFound();
  const user = await requirePageUser();
  const [overview, t, locale] = await Promise.all([
    getBankOverview(slug.data, { includeDrafts: canEditBanks(user) }),
    getTranslations("banks"),
    getLocale(),
  ]);
  if (!overview) notFound();
  const { bank, topics, byType, byDomain, byStatus, total } = overview;
  return (
    <div className="flex flex-col gap-8">
      <header>
        <p className="text-sm font-medium text-brand-700">{bank.examCode}</p>
        <h1 className="text-2xl font-bold">{locale === "en" ? bank.titleEn : bank.titleKo}</h1>
        <p className="text-slate-600" data-testid="bank-totals">
          {t("topics")} {topics.length} · {t("questions")} {total}
        </p>
      </header>
      <div className="grid gap-4 sm:grid-cols-3">
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="by-type">
          <h2 id="by-type" className="mb-2 font-semibold">{t("byType")}</h2>
          <dl className="grid grid-cols-[1fr_auto] gap-1 text-sm" data-testid="counts-by-type">
            {Object.entries(byType).map(([type, count]) => (
              <div key={type} className="contents"><dt>{t(`type.${type}`)}</dt><dd className="text-right tabular-nums">{count}</dd></div>
            ))}
          </dl>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="by-domain">
          <h2 id="by-domain" className="mb-2 font-semibold">{t("byDomain")}</h2>
          <dl className="grid grid-cols-[1fr_auto] gap-1 text-sm" data-testid="counts-by-domain">
            {byDomain.map((row) => (
              <div key={String(row.domain)} className="contents"><dt>{row.domain === null ? "—" : t("domain", { id: row.domain })}</dt><dd className="text-right tabular-nums">{row.count}</dd></div>
            ))}
          </dl>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="by-status">
          <h2 id="by-status" className="mb-2 font-semibold">{t("questions")}</h2>
          <dl className="grid grid-cols-[1fr_auto] gap-1 text-sm">
            {Object.entries(byStatus).map(([status, count]) => (
              <div key={status} className="contents"><dt>{t(`status.${status}`)}</dt><dd className="text-right tabular-nums">{count}</dd></div>
            ))}
          </dl>
        </section>
      </div>
      <section aria-labelledby="by-topic">
        <h2 id="by-topic" className="mb-2 text-lg font-semibold">{t("byTopic")}</h2>
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="topic-list">
          {topics.map((topic) => (
            <li key={topic.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
              <span>
                <Link href={`/banks/${bank.slug}/topics/${topic.slug}`} className="font-medium text-brand-700 hover:underline">
                  {locale === "en" && topic.titleEn ? topic.titleEn : topic.titleKo}
                </Link>
                {topic.examTags.length ? <span className="ml-2 text-xs text-slate-500">{topic.examTags.join(" · ")}</span> : null}
              </span>
              <span className="tabular-nums text-slate-600">{topic.questionCount}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
