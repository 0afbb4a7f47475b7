import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { heatCell, type Heatmap } from "@/lib/groups/reports";

/** Red (0%) through amber to green (100%): the colour repeats the number, never replaces it. */
function colour(mastery: number): string {
  return `hsl(${Math.round(mastery * 120)} 70% ${88 - Math.round(Math.abs(mastery - 0.5) * 16)}%)`;
}

export async function HeatmapTable({ heatmap, groupId }: { heatmap: Heatmap; groupId: string }) {
  const [t, locale] = await Promise.all([getTranslations("groups.report"), getLocale()]);
  const title = (value: { ko: string; en: string | null }) => (locale === "en" && value.en ? value.en : value.ko);
  const pct = (x: number) => Math.round(x * 100);
  return (
    // A scrollable region a keyboard can reach: many topics do not fit a phone's width.
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={t("heatmap")}>
      <table className="min-w-full border-collapse text-xs" data-testid="heatmap">
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 z-10 bg-white px-2 py-2 text-left">{t("student")}</th>
            {heatmap.topics.map((topic) => (
              <th key={topic.id} scope="col" className="max-w-24 px-1 py-2 text-left align-bottom font-medium" title={title(topic.title)}>
                <span className="line-clamp-3 w-24 break-words">{title(topic.title)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.students.map((student, s) => (
            <tr key={student.userId} className="border-t border-slate-100" data-testid="heatmap-row">
              <th scope="row" className="sticky left-0 z-10 bg-white px-2 py-1 text-left font-medium">
                <Link href={`/groups/${groupId}/students/${student.userId}`} className="text-brand-700 underline" data-testid="heatmap-student">{student.name}</Link>
              </th>
              {heatmap.topics.map((topic, i) => {
                const cell = heatCell(heatmap, s, i);
                return cell ? (
                  <td key={topic.id} className="px-1 py-1 text-center tabular-nums" style={{ background: colour(cell.mastery) }} title={`${title(topic.title)}: ${pct(cell.mastery)}% (${pct(cell.low)}–${pct(cell.high)}%), ${cell.answers}`} data-testid="heatmap-cell">
                    <span className="block font-semibold">{pct(cell.mastery)}</span>
                    <span className="block text-[10px] text-slate-700">{pct(cell.low)}–{pct(cell.high)}</span>
                  </td>
                ) : (
                  <td key={topic.id} className="px-1 py-1 text-center text-slate-400">–</td>
                );
              })}
            </tr>
          ))}
          <tr className="border-t-2 border-slate-300">
            <th scope="row" className="sticky left-0 z-10 bg-white px-2 py-1 text-left">{t("topicMean")}</th>
            {heatmap.topics.map((topic) => {
              const mean = heatmap.topicMeans[topic.id];
              return <td key={topic.id} className="px-1 py-1 text-center font-semibold tabular-nums">{mean ? pct(mean.mastery) : "–"}</td>;
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
