"use client";
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale, useTranslations } from "next-intl";
import type { TopicMasteryRow } from "@/lib/learning/dashboard";

/** Mastery per practised topic, with its 80% band as error bars; a table carries the same data for screen readers. */
export function MasteryChart({ topics }: { topics: TopicMasteryRow[] }) {
  const t = useTranslations("mastery");
  const locale = useLocale();
  const rows = topics
    .filter((topic) => topic.mastery !== null)
    .map((topic) => {
      const mastery = Math.round((topic.mastery ?? 0) * 100);
      return {
        name: locale === "en" && topic.title.en ? topic.title.en : topic.title.ko,
        mastery,
        band: [mastery - Math.round((topic.low ?? 0) * 100), Math.round((topic.high ?? 0) * 100) - mastery] as [number, number],
        answers: topic.answers,
      };
    });
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <figure className="flex flex-col gap-2">
      <div className="h-72 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(value) => [`${value}%`, t("mastery")]} />
            <Bar dataKey="mastery" fill="#2f6fed" radius={[0, 3, 3, 0]}>
              <ErrorBar dataKey="band" width={4} strokeWidth={1.5} stroke="#1a46a8" direction="x" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-500">{t("bandNote")}</figcaption>
      <table className="sr-only">
        <caption>{t("title")}</caption>
        <thead><tr><th>{t("topic")}</th><th>{t("mastery")}</th><th>{t("answers")}</th></tr></thead>
        <tbody>{rows.map((row) => <tr key={row.name}><td>{row.name}</td><td>{row.mastery}%</td><td>{row.answers}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
