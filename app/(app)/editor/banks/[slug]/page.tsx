import { requirePageEditor } from "@/lib/auth/session";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { callerOf } from "@/lib/banks/ownership";
import { listDraftsForEditor, listQuestionsForEditor } from "@/lib/editor/data";
import { QUALITY_THRESHOLD } from "@/lib/editor/quality-threshold";
import { DraftList } from "@/components/editor/draft-list";
import { questionStatusSchema } from "@/lib/editor/schema";
import { ItemStatsList } from "@/components/disputes/item-stats-list";

const querySchema = z.object({ topic: z.string().max(64).optional(), status: questionStatusSchema.optional(), sort: z.string().max(16).optional() });

export default async function EditorBankPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageEditor();
  const { slug } = await params;
  const query = querySchema.safeParse(await searchParams);
  const filter = query.success ? { topicId: query.data.topic, status: query.data.status } : {};
  // Drafts get their own list (quality order, bulk review) whenever drafts are in view.
  const showDrafts = !filter.status || filter.status === "DRAFT";
  const [data, drafts, t, tb] = await Promise.all([
    listQuestionsForEditor(callerOf(user), slug, filter),
    showDrafts ? listDraftsForEditor(callerOf(user), slug, filter.topicId) : null,
    getTranslations("editor"),
    getTranslations("banks"),
  ]);
  if (!data) notFound();
  const others = showDrafts ? data.questions.filter((q) => q.status !== "DRAFT") : data.questions;
  const countFor = (topicId: string, status: string) => data.perTopic.filter((r) => r.topicId === topicId && r.status === status).reduce((s, r) => s + r.count, 0);
  const byType = data.perTopic.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.type]: (acc[r.type] ?? 0) + r.count }), {});
  const href = (next: { topic?: string; status?: string }) => {
    const params = new URLSearchParams();
    const topic = "topic" in next ? next.topic : filter.topicId;
    const status = "status" in next ? next.status : filter.status;
    if (topic) params.set("topic", topic);
    if (status) params.set("status", status);
    return `/editor/banks/${slug}${params.size ? `?${params}` : ""}`;
  };
  return (
    <div className="flex flex-col gap-6 lg:flex-row">
      <aside className="flex flex-col gap-3 lg:w-72">
        <h1 className="text-xl font-bold">{data.bank.titleKo}</h1>
        <p className="text-sm text-slate-600" data-testid="editor-type-counts">{Object.entries(byType).map(([type, n]) => `${tb(`type.${type}`)} ${n}`).join(" · ")}</p>
        <nav aria-label={t("topics")} className="max-h-[70vh] overflow-y-auto rounded-lg border border-slate-200 bg-white text-sm">
          <Link href={href({ topic: undefined })} className={`block px-3 py-2 ${!filter.topicId ? "bg-brand-50 font-semibold" : ""}`}>{t("allTopics")}</Link>
          {data.topics.map((topic) => (
            <Link key={topic.id} href={href({ topic: topic.id })} className={`flex justify-between gap-2 px-3 py-1.5 ${topic.parentId ? "pl-6" : ""} ${filter.topicId === topic.id ? "bg-brand-50 font-semibold" : ""}`}>
              <span className="truncate">{topic.titleKo}</span>
              <span className="shrink-0 tabular-nums text-slate-500">{countFor(topic.id, "DRAFT")}/{countFor(topic.id, "PUBLISHED")}</span>
            </Link>
          ))}
        </nav>
        <p className="text-xs text-slate-500">{t("countsLegend")}</p>
      </aside>
      <section className="flex flex-1 flex-col gap-3" aria-labelledby="question-list">
        <h2 id="question-list" className="sr-only">{t("questions")}</h2>
        <ItemStatsList bankId={data.bank.id} slug={slug} sortByFlags={query.success && query.data.sort === "flags"} />
        <div className="flex flex-wrap gap-2 text-sm">
          {[undefined, "DRAFT", "PUBLISHED", "RETIRED"].map((status) => (
            <Link key={status ?? "all"} href={href({ status })} className={`rounded-full border px-3 py-1 ${filter.status === status ? "border-brand-500 bg-brand-50" : "border-slate-300"}`}>
              {status ? tb(`status.${status}`) : t("allStatuses")}
            </Link>
          ))}
        </div>
        {drafts && <DraftList bankSlug={data.bank.slug} drafts={drafts} threshold={QUALITY_THRESHOLD} />}
        <ul className="flex flex-col gap-2" data-testid="editor-questions">
          {others.map((q) => (
            <li key={q.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <Link href={`/editor/questions/${q.id}`} className="block hover:underline">
                <span className="line-clamp-2 whitespace-pre-line">{q.stem}</span>
              </Link>
              <p className="mt-1 text-xs text-slate-500">
                {tb(`type.${q.type}`)} · {tb(`status.${q.status}`)} · {q.rule} · {t("quality", { value: (q.quality ?? 0).toFixed(2) })} · {q.topic.titleKo} {q.lineStart ? `· L${q.lineStart}–${q.lineEnd}` : ""}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
