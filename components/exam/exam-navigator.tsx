"use client";
import { useTranslations } from "next-intl";
import { FlagIcon } from "@/components/ui/icons";
import type { ExamItemView } from "@/lib/exams/views";

/** The grid of question numbers: answered, unanswered and flagged at a glance. */
export function ExamNavigator({ items, current, onJump, unsaved }: { items: ExamItemView[]; current: number; onJump: (index: number) => void; unsaved?: ReadonlySet<string> }) {
  const t = useTranslations("exam");
  return (
    <nav aria-label={t("navigator")} className="flex flex-col gap-2">
      <ol className="grid grid-cols-8 gap-1 sm:grid-cols-5" data-testid="exam-navigator">
        {items.map((item, index) => {
          const answered = item.selected.length > 0;
          const notSaved = unsaved?.has(item.itemId) ?? false;
          const state = [answered ? t("answered") : t("unanswered"), item.flagged ? t("flagged") : null, notSaved ? t("notSaved") : null].filter(Boolean).join(", ");
          return (
            <li key={item.itemId}>
              <button
                type="button"
                onClick={() => onJump(index)}
                aria-current={index === current ? "step" : undefined}
                aria-label={`${t("questionNumber", { n: index + 1 })}: ${state}`}
                data-state={answered ? "answered" : "unanswered"}
                data-flagged={item.flagged ? "true" : "false"}
                data-saved={notSaved ? "false" : "true"}
                className={[
                  "relative h-9 w-full rounded text-sm tabular-nums",
                  answered ? "bg-brand-600 text-white" : "border border-slate-300 bg-white text-slate-700",
                  index === current ? "ring-2 ring-brand-500 ring-offset-1" : "",
                  notSaved ? "outline-2 outline-dashed outline-red-600" : "",
                ].join(" ")}
              >
                {index + 1}
                {item.flagged ? <FlagIcon className="absolute -right-1 -top-1 text-sm text-amber-500" /> : null}
                {notSaved ? <span aria-hidden className="absolute -bottom-1 -left-1 rounded-full bg-red-600 px-1 text-[10px] leading-4 text-white">!</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="text-xs text-slate-500">{t.rich("legend", { flag: () => <FlagIcon className="text-amber-500" /> })}</p>
      {unsaved && unsaved.size > 0 ? <p className="text-xs text-red-700">{t("legendUnsaved")}</p> : null}
    </nav>
  );
}
