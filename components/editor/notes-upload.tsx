"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ImportSummary } from "@/lib/editor/import-summary";
import { ImportSummaryView } from "./import-summary";

type Done = { kind: "done"; bankSlug: string; created: number; updated: number; retired: number; topics: number; unchanged: boolean; summary?: ImportSummary };
type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number }
  | { kind: "processing" }
  | Done
  // The import would retire many published questions: the instructor decides, then the same form goes again.
  | { kind: "confirm"; retiring: number; published: number; form: FormData }
  | { kind: "error"; message: string };

/** Uploads a notes file with a progress bar, then reports what the import did. */
export function NotesUpload() {
  const t = useTranslations("editor");
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  function send(form: FormData) {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/imports");
    request.responseType = "json";
    request.upload.onprogress = (e) => e.lengthComputable && setPhase({ kind: "uploading", percent: Math.round((e.loaded / e.total) * 100) });
    request.upload.onload = () => setPhase({ kind: "processing" });
    request.onerror = () => setPhase({ kind: "error", message: t("errors.network") });
    request.onload = () => {
      const body = request.response as { ok: boolean; code?: string; retiring?: number; published?: number; data?: Omit<Done, "kind"> };
      if (body?.code === "confirmation_required" && typeof body.retiring === "number" && typeof body.published === "number") {
        return setPhase({ kind: "confirm", retiring: body.retiring, published: body.published, form });
      }
      if (!body?.ok || !body.data) {
        const code = body?.code ?? "internal";
        return setPhase({ kind: "error", message: t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.internal") });
      }
      setPhase({ ...body.data, kind: "done" });
      router.refresh();
    };
    setPhase({ kind: "uploading", percent: 0 });
    request.send(form);
  }

  function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setPhase({ kind: "error", message: t("errors.no_file") });
    send(new FormData(event.currentTarget));
  }

  function confirmRetire(form: FormData) {
    form.set("confirmRetire", "1");
    send(form);
  }

  const busy = phase.kind === "uploading" || phase.kind === "processing";
  return (
    <form onSubmit={upload} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5" aria-busy={busy}>
      <h2 className="text-lg font-semibold">{t("uploadTitle")}</h2>
      <p className="text-sm text-slate-600">{t("uploadHint")}</p>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("file")}
        <input ref={input} type="file" name="file" accept=".md,.markdown,text/markdown" required className="text-sm" data-testid="notes-file" />
      </label>
      <div className="flex flex-col gap-1">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("bankSlug")}
          <input type="text" name="bankSlug" pattern="[a-z0-9-]{1,80}" placeholder={t("bankSlugPlaceholder")} aria-describedby="bank-slug-hint" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
        </label>
        <p id="bank-slug-hint" className="text-xs text-slate-500">{t("bankSlugHint")}</p>
      </div>
      <button type="submit" disabled={busy || phase.kind === "confirm"} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60">
        {busy ? t("importing") : t("import")}
      </button>
      <div aria-live="polite">
        {phase.kind === "uploading" ? (
          <div className="flex items-center gap-2 text-sm">
            <progress max={100} value={phase.percent} className="h-2 w-48" aria-label={t("uploading")} /> {t("uploadingPercent", { percent: phase.percent })}
          </div>
        ) : null}
        {phase.kind === "processing" ? <p className="text-sm">{t("processing")}</p> : null}
        {phase.kind === "error" ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{phase.message}</p> : null}
        {phase.kind === "confirm" ? (
          <div role="alertdialog" aria-labelledby="retire-title" aria-describedby="retire-body" className="flex flex-col gap-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm" data-testid="retire-confirm">
            <h3 id="retire-title" className="font-semibold">{t("confirmRetireTitle")}</h3>
            <p id="retire-body">{t("confirmRetire", { retiring: phase.retiring, published: phase.published })}</p>
            <div className="flex flex-wrap gap-2">
              <button type="button" onClick={() => confirmRetire(phase.form)} className="rounded-md bg-amber-600 px-3 py-1.5 font-medium text-white">{t("confirmRetireGo")}</button>
              <button type="button" onClick={() => setPhase({ kind: "idle" })} className="rounded-md border border-slate-300 px-3 py-1.5">{t("cancel")}</button>
            </div>
          </div>
        ) : null}
        {phase.kind === "done" ? (
          <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="import-result">
            {phase.unchanged ? t("resultUnchanged") : t("result", { created: phase.created, updated: phase.updated, retired: phase.retired, topics: phase.topics })}{" "}
            <Link href={`/editor/banks/${phase.bankSlug}`} className="font-medium underline">{t("reviewDrafts")}</Link>
          </p>
        ) : null}
        {phase.kind === "done" && phase.summary ? <ImportSummaryView summary={phase.summary} /> : null}
      </div>
    </form>
  );
}
