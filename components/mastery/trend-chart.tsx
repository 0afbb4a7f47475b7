"use client";
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslations } from "next-intl";
import type { TrendPoint } from "@/lib/learning/dashboard";

export function TrendChart({ trend }: { trend: TrendPoint[] }) {
  const t = useTranslations("mastery");
  if (trend.length === 0) return <p className="text-sm text-slate-600">{t("trendEmpty")}</p>;
  const data = trend.map((point) => ({ day: point.day.slice(5), answers: point.answers, accuracy: Math.round(point.accuracy * 100) }));
  return (
    <div className="h-56 w-full" role="img" aria-label={t("trendLabel", { days: trend.length })}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="left" allowDecimals={false} />
          <YAxis yAxisId="right" orientation="right" domain={[0, 100]} unit="%" />
          <Tooltip />
          <Bar yAxisId="left" dataKey="answers" name={t("answers")} fill="#d9eaff" />
          <Line yAxisId="right" dataKey="accuracy" name={t("accuracy")} stroke="#1f57d1" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
