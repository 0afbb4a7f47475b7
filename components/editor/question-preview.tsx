import { CheckIcon } from "@/components/ui/icons";
import { Markdown } from "@/components/ui/markdown";

/** The question as learners will see it, rendered from the editor's current (unsaved) text. */
export function QuestionPreview({ stem, explanation, choices, labels }: {
  stem: string;
  explanation: string;
  choices: { key: string; text: string; correct: boolean }[];
  labels: { title: string; explanation: string; correct: string };
}) {
  return (
    <section aria-label={labels.title} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="question-preview">
      <h2 className="text-sm font-semibold text-slate-600">{labels.title}</h2>
      <div className="leading-relaxed"><Markdown variant="inline">{stem}</Markdown></div>
      {choices.length ? (
        <ol className="flex flex-col gap-1.5">
          {choices.map((choice, index) => (
            <li key={choice.key} className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${choice.correct ? "border-green-600 bg-green-50" : "border-slate-200"}`}>
              <span className="font-semibold">{String.fromCharCode(65 + index)}.</span>
              <Markdown variant="inline" className="flex-1">{choice.text}</Markdown>
              {choice.correct ? <CheckIcon className="mt-1 text-green-700" title={labels.correct} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
      <div className="rounded-md bg-slate-50 p-3 text-sm">
        <p className="font-semibold">{labels.explanation}</p>
        <Markdown className="leading-relaxed">{explanation}</Markdown>
      </div>
    </section>
  );
}
