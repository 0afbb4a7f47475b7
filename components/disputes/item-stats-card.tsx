import { getTranslations } from "next-intl/server";
import type { ItemStats } from "@/lib/item-stats/math";

/** One question's statistics: answers, share correct, pick rates, median time, discrimination and flags. */
export async function ItemStatsCard({ stats, choices }: { stats: ItemStats | undefined; choices: { key: string; correct: boolean }[] }) {
  const t = await getTranslations("disputes");
  if (!stats || stats.answered === 0) return <p className="text-sm text-slate-500" data-testid="item-stats">{t("stats.noAnswers")}</p>;
  const letter = (key: string) => String.fromCharCode(65 + choices.findIndex((c) => c.key === key));
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="item-stats">
      <p className="flex flex-wrap gap-x-3">
        <span data-testid="stats-answered">{t("stats.answered", { count: stats.answered })}</span>
        {stats.shareCorrect !== null ? <span>{t("stats.shareCorrect", { pct: Math.round(stats.shareCorrect * 100) })}</span> : null}
        {stats.medianResponseMs !== null ? <span>{t("stats.median", { seconds: (stats.medianResponseMs / 1000).toFixed(1) })}</span> : null}
        {stats.discrimination !== null ? <span>{t("stats.discrimination", { value: stats.discrimination.toFixed(2) })}</span> : null}
      </p>
      <p className="flex flex-wrap gap-x-3" aria-label={t("stats.picks")}>
        {choices.map((c) => (
          <span key={c.key} className={c.correct ? "font-semibold text-green-800" : ""}>{letter(c.key)} {Math.round((stats.pickRates[c.key] ?? 0) * 100)}%</span>
        ))}
      </p>
      <ItemFlagBadges stats={stats} />
    </div>
  );
}

export async function ItemFlagBadges({ stats }: { stats: ItemStats | undefined }) {
  const t = await getTranslations("disputes");
  if (!stats?.flags.length) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {stats.flags.map((flag) => (
        <span key={flag} className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid="item-flag">{t(`stats.flags.${flag}`)}</span>
      ))}
    </span>
  );
}
