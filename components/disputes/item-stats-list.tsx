import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { loadItemStats } from "@/lib/item-stats/data";
import { compareByFlags } from "@/lib/item-stats/math";
import { ItemStatsCard } from "./item-stats-card";

/**
 * The editor bank view's item statistics: published questions with their figures and flags,
 * sorted by flags (most first, then the lowest discrimination) or by most answered.
 */
export async function ItemStatsList({ bankId, slug, sortByFlags }: { bankId: string; slug: string; sortByFlags: boolean }) {
  const t = await getTranslations("disputes");
  const [stats, questions] = await Promise.all([
    loadItemStats(bankId),
    db().question.findMany({ where: { bankId, status: "PUBLISHED" }, select: { id: true, stem: true, choices: { orderBy: { order: "asc" }, select: { key: true, correct: true } } } }),
  ]);
  const rows = questions
    .map((q) => ({ q, s: stats.get(q.id)! }))
    .sort((a, b) => (sortByFlags ? compareByFlags(a.s, b.s) : b.s.answered - a.s.answered))
    .slice(0, 100);
  const flagged = rows.filter((r) => r.s.flags.length > 0).length;
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3" open={sortByFlags} data-testid="item-stats-list">
      <summary className="cursor-pointer font-semibold">{t("stats.title")} ({flagged}/{questions.length})</summary>
      <p className="mt-2 text-sm">
        <Link href={`/editor/banks/${slug}?sort=${sortByFlags ? "" : "flags"}`} className="text-brand-700 underline" data-testid="sort-by-flags">
          {sortByFlags ? t("stats.sortByAnswers") : t("stats.sortByFlags")}
        </Link>
      </p>
      <ul className="mt-2 flex flex-col gap-2">
        {rows.map(({ q, s }) => (
          <li key={q.id} className="flex flex-col gap-1 border-t border-slate-100 pt-2" data-testid="item-stats-row" data-flags={s.flags.join(" ")}>
            <Link href={`/editor/questions/${q.id}`} className="line-clamp-2 text-sm hover:underline">{q.stem}</Link>
            <ItemStatsCard stats={s} choices={q.choices} />
          </li>
        ))}
      </ul>
    </details>
  );
}
