"use client";
// The import summary under the upload result: what was skipped and why, what was dropped,
// and how many questions each type and rule gave.
import { useTranslations } from "next-intl";
import type { ImportSummary } from "@/lib/editor/import-summary";

export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const t = useTranslations("editor.summary");
  const tb = useTranslations("banks");
  const label = (group: "skipKinds" | "dropReasons", key: string) => (t.has(`${group}.${key}`) ? t(`${group}.${key}`) : key);
  const byType = Object.entries(summary.questionsByType).map(([type, n]) => `${tb.has(`type.${type}`) ? tb(`type.${type}`) : type} ${n}`).join(" · ");
  const byRule = Object.entries(summary.questionsByRule).sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`).join(" · ");
  return (
    <div className="flex flex-col gap-1 break-words text-sm text-slate-700" data-testid="import-summary">
      <p>{t("topics", { count: summary.topics })}{byType ? ` · ${byType}` : ""}</p>
      {byRule && <p className="text-xs text-slate-500">{t("byRule")}: {byRule}</p>}
      {summary.skipped.length > 0 && (
        <ul className="list-disc pl-5" aria-label={t("skippedTitle")}>
          {summary.skipped.map((s, i) => (
            <li key={i}>{t("skipped", { kind: label("skipKinds", s.kind), from: s.lineStart, to: s.lineEnd })}</li>
          ))}
        </ul>
      )}
      {summary.dropped.length > 0 && (
        <ul className="list-disc pl-5" aria-label={t("droppedTitle")}>
          {summary.dropped.map((d) => (
            <li key={d.reason}>{t("dropped", { reason: label("dropReasons", d.reason), count: d.count })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
