"use client";
import { useTranslations } from "next-intl";
import { Markdown } from "@/components/ui/markdown";
import type { ExamChoiceView } from "@/lib/exams/views";

// One tone per state: Tailwind cannot tell which of two border colours should win.
function choiceTone(mark: "correct" | "wrong" | "missed" | undefined, checked: boolean): string {
  if (mark === "correct") return "border-green-600 bg-green-50";
  if (mark === "wrong") return "border-red-500 bg-red-50";
  if (mark === "missed") return "border-amber-500 bg-amber-50 border-dashed";
  return checked ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white";
}

/**
 * The options of one question: radio buttons for single response, checkboxes for
 * "choose N" (further boxes disabled once N are ticked, as in the real exam).
 */
export function QuestionChoices({
  name,
  multiple,
  choose,
  choices,
  selected,
  disabled,
  onChange,
  marks,
}: {
  name: string;
  multiple: boolean;
  choose: number | null;
  choices: ExamChoiceView[];
  selected: string[];
  disabled?: boolean;
  onChange: (keys: string[]) => void;
  /** After answering (practice, review): which options were right. */
  marks?: Record<string, "correct" | "wrong" | "missed">;
}) {
  const t = useTranslations("exam");
  const limitReached = multiple && choose !== null && selected.length >= choose;
  return (
    <fieldset className="flex min-w-0 flex-col gap-2" disabled={disabled}>
      <legend className="sr-only">{multiple ? t("chooseN", { n: choose ?? 2 }) : t("chooseOne")}</legend>
      {choices.map((choice, index) => {
        const checked = selected.includes(choice.key);
        const mark = marks?.[choice.key];
        return (
          <label
            key={choice.key}
            data-testid={`choice-${choice.key}`}
            data-mark={mark}
            className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2.5 text-base ${choiceTone(mark, checked)}`}
          >
            <input
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={choice.key}
              checked={checked}
              disabled={disabled || (!checked && limitReached)}
              onChange={(event) => {
                if (!multiple) return onChange([choice.key]);
                onChange(event.target.checked ? [...selected, choice.key] : selected.filter((key) => key !== choice.key));
              }}
              className="mt-1"
            />
            {/* min-w-0 lets a long command wrap inside the option instead of widening the page. */}
            <span className="min-w-0 flex-1">
              <span className="mr-1 font-semibold">{String.fromCharCode(65 + index)}.</span>
              <Markdown variant="inline">{choice.text}</Markdown>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
