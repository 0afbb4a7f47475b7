"use client";
// The bank's drafts, highest quality first: low scorers hidden behind a toggle, and
// checkboxes to accept (publish) or reject (retire) several at once.
import { useMemo, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { bulkSetDraftStatusAction } from "@/lib/editor/actions";
import { isLowQuality } from "@/lib/editor/drafts";

export interface DraftRow {
  id: string;
  type: string;
  stem: string;
  rule: string;
  quality: number | null;
  lineStart: number | null;
  lineEnd: number | null;
  needsKey: boolean;
  topic: { titleKo: string };
}

export function DraftList({ bankSlug, drafts, threshold }: { bankSlug: string; drafts: DraftRow[]; threshold: number }) {
  const t = useTranslations("editor.drafts");
  const te = useTranslations("editor");
  const tb = useTranslations("banks");
  const router = useRouter();
  const [showLow, setShowLow] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const lowCount = drafts.filter((d) => isLowQuality(d.quality, threshold)).length;
  const visible = useMemo(() => (showLow ? drafts : drafts.filter((d) => !isLowQuality(d.quality, threshold))), [drafts, showLow, threshold]);
  const visibleSelected = visible.filter((d) => selected.has(d.id));
  const allVisibleSelected = visible.length > 0 && visibleSelected.length === visible.length;

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function toggleAllVisible() {
    setSelected(allVisibleSelected ? new Set() : new Set(visible.map((d) => d.id)));
  }

  function apply(status: "PUBLISHED" | "RETIRED") {
    // Only what is on screen: a hidden low-quality draft is never accepted by accident.
    const questionIds = visibleSelected.map((d) => d.id);
    if (questionIds.length === 0) return;
    startTransition(async () => {
      const result = await bulkSetDraftStatusAction({ bankSlug, questionIds, status });
      if (result.ok) {
        setMessage({ kind: "ok", text: t(status === "PUBLISHED" ? "accepted" : "rejected", { count: result.data.changed }) });
        setSelected(new Set());
        router.refresh();
      } else {
        setMessage({ kind: "error", text: result.code === "needs_key" ? t("needsKeyRefused") : te.has(`errors.${result.code}`) ? te(`errors.${result.code}`) : te("errors.internal") });
      }
    });
  }

  return (
    <section className="flex flex-col gap-2" aria-labelledby="draft-list-title" data-testid="draft-list">
      <h2 id="draft-list-title" className="text-base font-semibold">{t("title", { count: drafts.length })}</h2>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={allVisibleSelected} onChange={toggleAllVisible} disabled={visible.length === 0} className="h-4 w-4" />
          {t("selectAll")}
        </label>
        <span className="text-slate-500" aria-live="polite">{t("selected", { count: visibleSelected.length })}</span>
        <button type="button" onClick={() => apply("PUBLISHED")} disabled={pending || visibleSelected.length === 0} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white disabled:opacity-50">
          {t("accept")}
        </button>
        <button type="button" onClick={() => apply("RETIRED")} disabled={pending || visibleSelected.length === 0} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium disabled:opacity-50">
          {t("reject")}
        </button>
      </div>
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} data-testid="draft-message" className={`text-sm ${message.kind === "error" ? "text-red-700" : "text-green-700"}`}>
          {message.text}
        </p>
      )}
      <ul className="flex flex-col gap-2" data-testid="draft-rows">
        {visible.map((d) => (
          <li key={d.id} className="flex min-w-0 gap-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="draft-row" data-quality={d.quality ?? ""}>
            <input
              type="checkbox"
              checked={selected.has(d.id)}
              onChange={() => toggle(d.id)}
              aria-label={t("selectOne", { stem: d.stem.slice(0, 60) })}
              className="mt-1 h-4 w-4 shrink-0"
            />
            <div className="min-w-0 flex-1">
              <Link href={`/editor/questions/${d.id}`} className="block break-words hover:underline">
                <span className="line-clamp-2 whitespace-pre-line">{d.stem}</span>
              </Link>
              <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-slate-500">
                <span data-testid="draft-quality" className={isLowQuality(d.quality, threshold) ? "text-amber-700" : ""}>
                  {d.quality === null ? t("unscored") : te("quality", { value: d.quality.toFixed(2) })}
                </span>
                <span>{tb(`type.${d.type}`)}</span>
                <span className="break-all">{d.rule}</span>
                <span className="truncate">{d.topic.titleKo}{d.lineStart ? ` · L${d.lineStart}–${d.lineEnd}` : ""}</span>
                {d.needsKey && <span className="rounded bg-amber-100 px-1.5 font-medium text-amber-800">{t("needsKey")}</span>}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {lowCount > 0 && (
        <button type="button" onClick={() => setShowLow((v) => !v)} aria-expanded={showLow} className="self-start text-sm text-brand-700 underline">
          {showLow ? t("hideLow", { count: lowCount }) : t("showLow", { count: lowCount })}
        </button>
      )}
    </section>
  );
}
