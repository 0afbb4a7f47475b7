import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requirePageUser } from "@/lib/auth/session";
import { getTopicNote } from "@/lib/banks/data";
import { Markdown } from "@/components/ui/markdown";

const paramsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/), topicSlug: z.string().min(1).max(200) });

export default async function TopicNotePage({ params }: { params: Promise<{ slug: string; topicSlug: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  await requirePageUser();
  const [topic, t, locale] = await Promise.all([getTopicNote(parsed.data.slug, decodeURIComponent(parsed.data.topicSlug)), getTranslations("banks"), getLocale()]);
  if (!topic) notFound();
  return (
    <article className="flex flex-col gap-4">
      <p className="text-sm"><Link href={`/banks/${topic.bank.slug}`} className="text-brand-700 underline">{topic.bank.examCode}</Link></p>
      <h1 className="text-2xl font-bold" data-testid="topic-title">{locale === "en" && topic.titleEn ? topic.titleEn : topic.titleKo}</h1>
      {topic.examTags.length ? <p className="text-sm text-slate-500">{topic.examTags.join(" · ")}</p> : null}
      <section aria-labelledby="note-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="note-heading" className="mb-2 font-semibold">{t("note")}</h2>
        <Markdown className="leading-relaxed" data-testid="topic-note">{topic.note ?? "—"}</Markdown>
      </section>
      {topic.sourceFile && topic.lineStart ? (
        <p className="text-sm text-slate-500">{t("source", { file: topic.sourceFile, start: topic.lineStart, end: topic.lineEnd ?? topic.lineStart })}</p>
      ) : null}
    </article>
  );
}
