import { requirePageEditor } from "@/lib/auth/session";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { NotesUpload } from "@/components/editor/notes-upload";
import { callerOf } from "@/lib/banks/ownership";
import { listBanksForEditor, listRecentImports } from "@/lib/editor/data";

export async function generateMetadata() {
  return { title: (await getTranslations("editor"))("title") };
}

export default async function EditorPage() {
  const caller = callerOf(await requirePageEditor());
  const [t, tb, td, format, banks, imports] = await Promise.all([getTranslations("editor"), getTranslations("banks"), getTranslations("disputes"), getFormatter(), listBanksForEditor(caller), listRecentImports(caller)]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link href="/editor/reports" className="text-brand-700 underline" data-testid="report-queue-link">{td("queue.title")}</Link>
      </div>
      <NotesUpload />
      <section aria-labelledby="editor-banks" className="flex flex-col gap-2">
        <h2 id="editor-banks" className="text-lg font-semibold">{t("banks")}</h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {banks.map((bank) => (
            <li key={bank.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`/editor/banks/${bank.slug}`} className="font-medium text-brand-700 hover:underline">{bank.titleKo}</Link>
                <span className="font-mono text-xs text-slate-500">{bank.slug}</span>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700" data-testid="bank-owner">
                  {bank.shipped ? t("shipped") : bank.mine ? t("mine") : bank.ownerName ? t("ownedBy", { name: bank.ownerName }) : t("noOwner")}
                </span>
              </span>
              <span className="text-sm text-slate-600">
                {(["DRAFT", "PUBLISHED", "RETIRED"] as const).map((status) => `${tb(`status.${status}`)} ${bank.byStatus[status] ?? 0}`).join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {imports.length ? (
        <section aria-labelledby="editor-imports" className="flex flex-col gap-2">
          <h2 id="editor-imports" className="text-lg font-semibold">{t("recentImports")}</h2>
          <ul className="text-sm">
            {imports.map((row) => (
              <li key={row.id}>
                {format.dateTime(row.createdAt, { dateStyle: "short", timeStyle: "short" })} · {row.fileName} → {row.bank.slug} ({t("importCounts", { topics: row.topicCount, questions: row.questionCount })})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
