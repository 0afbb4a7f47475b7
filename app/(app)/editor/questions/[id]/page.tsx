import { requirePageEditor } from "@/lib/auth/session";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { QuestionEditor } from "@/components/editor/question-editor";
import { callerOf } from "@/lib/banks/ownership";
import { loadQuestionForEditor } from "@/lib/editor/data";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export default async function EditQuestionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageEditor();
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [question, t, tb] = await Promise.all([loadQuestionForEditor(callerOf(user), id.data), getTranslations("editor"), getTranslations("banks")]);
  if (!question) notFound();
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm"><Link href={`/editor/banks/${question.bank.slug}`} className="text-brand-700 underline">{question.bank.titleKo}</Link> › {question.topic.titleKo}</p>
      <p className="text-sm text-slate-600" data-testid="question-status">
        {tb(`type.${question.type}`)} · {tb(`status.${question.status}`)} · {question.rule} · {t("quality", { value: (question.quality ?? 0).toFixed(2) })}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="edit-heading">
          <h1 id="edit-heading" className="mb-3 text-xl font-bold">{t("editTitle")}</h1>
          {question.type === "CLOZE" ? <p className="mb-2 text-sm text-slate-600">{t("acceptedAnswers")}: {question.acceptedAnswers.join(" · ")}</p> : null}
          <QuestionEditor question={{ id: question.id, type: question.type, stem: question.stem, explanation: question.explanation, status: question.status, choices: question.choices }} />
        </section>
        <section aria-labelledby="source-heading">
          <h2 id="source-heading" className="mb-3 text-xl font-bold">{t("sourceTitle")}</h2>
          <p className="mb-2 text-sm text-slate-600">{question.sourceFile} · {question.headingPath.join(" › ")}</p>
          {question.sourceLines.length ? (
            <pre className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3 text-sm leading-relaxed" data-testid="source-lines">
              {question.sourceLines.map((line) => (
                <div key={line.number} className={line.cited ? "bg-amber-50" : "text-slate-400"}>
                  <span className="mr-3 inline-block w-10 select-none text-right tabular-nums">{line.number}</span>
                  <span className="whitespace-pre-wrap">{line.text}</span>
                </div>
              ))}
            </pre>
          ) : (
            <p className="text-sm text-slate-600">{t("noSource")}</p>
          )}
        </section>
      </div>
    </div>
  );
}
