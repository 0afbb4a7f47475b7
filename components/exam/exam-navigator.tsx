"use client";
import { useTranslations } from "next-intl";
import { FlagIcon } from "@/components/ui/icons";
import type { ExamItemView } from "./exam-types";

/** The grid of question numbers: answered, unanswered and flagged at a glance. */
export function ExamNavigator({ items, current, onJump }: { items: ExamItemView[]; current: number; onJump: (index: number) => void }) {
  const t = useTranslations("exam");
  return (
    <nav aria-label={t("navigator")} className="flex flex-col gap-2">
      <ol className="grid grid-cols-8 gap-1 sm:grid-cols-5" data-testid="exam-navigator">
        {items.map((item, index) => {
          const answered = item.selected.length > 0;
          const state = [answered ? t("answered") : t("unanswered"), item.flagged ? t("flagged") : null].filter(Boolean).join(", ");
          return (
            <li key={item.itemId}>
              <button
                type="button"
                onClick={() => onJump(index)}
                aria-current={index === current ? "step" : undefined}
                aria-label={`${t("questionNumber", { n: index + 1 })}: ${state}`}
                data-state={answered ? "answered" : "unanswered"}
                data-flagged={item.flagged ? "true" : "false"}
                className={[
                  "relative h-9 w-full rounded text-sm tabular-nums",
                  answered ? "bg-brand-600 text-white" : "border border-slate-300 bg-white text-slate-700",
                  index === current ? "ring-2 ring-brand-500 ring-offset-1" : "",
                ].join(" ")}
              >
                {index + 1}
                {item.flagged ? <FlagIcon className="absolute -right-1 -top-1 text-sm text-amber-500" /> : null}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="text-xs text-slate-500">{t.rich("legend", { flag: () => <FlagIcon className="text-amber-500" /> })}</p>
    </nav>
  );
}
