import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { WarningIcon } from "@/components/ui/icons";
import { Markdown } from "@/components/ui/markdown";
import { ReportQuestion } from "@/components/disputes/report-question";

export type ReviewedQuestion = {
  position: number;
  stem: string;
  type: string;
  choose: number | null;
  selected: string[];
  correct: boolean | null;
  explanation: string;
  errata: string | null;
  source: { file: string | null; start: number | null; end: number | null };
  noteHref: string;
  choices: { key: string; text: string; correct: boolean; why: string | null }[];
  /** Given: a "report question" button (lib/disputes). */
  questionId?: string;
  /** The key was fixed after this exam was scored. */
  correctedAfter?: boolean;
};

/** One answered question with every option's reason and a link to the study note. */
export async function AnswerReview({ question }: { question: ReviewedQuestion }) {
  const [t, td] = await Promise.all([getTranslations("exam"), getTranslations("disputes")]);
  const letter = (key: string) => String.fromCharCode(65 + question.choices.findIndex((c) => c.key === key));
  return (
    <article className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="review-item" data-correct={question.correct ? "true" : "false"}>
      <header className="flex items-center justify-between gap-2">
        <h3 className="font-semibold">{t("questionNumber", { n: question.position + 1 })}</h3>
        <span className={`rounded px-2 py-0.5 text-sm font-medium ${question.correct ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>
          {question.correct ? t("correct") : t("wrong")}
        </span>
      </header>
      {question.correctedAfter ? <p className="text-sm font-medium text-amber-800" data-testid="corrected-item">{td("examNoteItem")}</p> : null}
      <div className="leading-relaxed"><Markdown variant="inline">{question.stem}</Markdown></div>
      <ul className="flex flex-col gap-1.5">
        {question.choices.map((choice) => {
          const picked = question.selected.includes(choice.key);
          return (
            <li key={choice.key} className={`rounded-md border px-3 py-2 text-sm ${choice.correct ? "border-green-600 bg-green-50" : picked ? "border-red-400 bg-red-50" : "border-slate-200"}`}>
              <p>
                <span className="font-semibold">{letter(choice.key)}.</span> <Markdown variant="inline">{choice.text}</Markdown>
                {picked ? <span className="ml-2 text-xs font-medium text-slate-600">({t("yourAnswer")})</span> : null}
                {choice.correct ? <span className="ml-2 text-xs font-medium text-green-700">({t("correctAnswer")})</span> : null}
              </p>
              {choice.why ? <p className="mt-1 text-slate-600"><Markdown variant="inline">{choice.why}</Markdown></p> : null}
            </li>
          );
        })}
      </ul>
      {question.selected.length === 0 ? <p className="text-sm text-slate-600">{t("noAnswer")}</p> : null}
      <div className="rounded-md bg-slate-50 p-3 text-sm">
        <p className="font-semibold">{t("explanation")}</p>
        <Markdown className="leading-relaxed">{question.explanation}</Markdown>
        {question.errata ? <p className="mt-1 flex items-start gap-1.5 text-amber-800"><WarningIcon className="mt-0.5" /><Markdown variant="inline">{question.errata}</Markdown></p> : null}
      </div>
      <p className="flex flex-wrap gap-3 text-sm">
        <Link href={question.noteHref} className="text-brand-700 underline">{t("openNote")}</Link>
        {question.source.file && question.source.start ? (
          <span className="text-slate-500">{t("source", { file: question.source.file, start: question.source.start, end: question.source.end ?? question.source.start })}</span>
        ) : null}
      </p>
      {question.questionId ? <ReportQuestion questionId={question.questionId} source="exam" /> : null}
    </article>
  );
}
