"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { resolveReportsAction } from "@/lib/disputes/actions";
import { REPLY_TEXT_MAX } from "@/lib/disputes/rules";

type Choice = { key: string; text: string; correct: boolean };

/** Resolve every open report on one question: fix the key, retire it, or reject with a reply. */
export function ResolveForm({ questionId, type, choices }: { questionId: string; type: string; choices: Choice[] }) {
  const t = useTranslations("disputes");
  const router = useRouter();
  const ids = useId();
  const [action, setAction] = useState<"fix" | "retire" | "reject">("reject");
  const [keys, setKeys] = useState<string[]>(choices.filter((c) => c.correct).map((c) => c.key));
  const [reply, setReply] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const multiple = type === "MULTIPLE";
  const letter = (key: string) => String.fromCharCode(65 + choices.findIndex((c) => c.key === key));

  return (
    <form
      className="flex flex-col gap-2"
      data-testid="resolve-form"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const input = action === "fix" ? { action, questionId, reply, correctKeys: keys } : { action, questionId, reply };
          const result = await resolveReportsAction(input);
          if (!result.ok) return setError(t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.generic"));
          router.refresh();
        });
      }}
    >
      <fieldset className="flex flex-wrap gap-3">
        <legend className="text-sm font-semibold">{t("queue.action")}</legend>
        {(["fix", "retire", "reject"] as const).map((a) => (
          <label key={a} className="flex items-center gap-1 text-sm">
            <input type="radio" name={`${ids}-action`} value={a} checked={action === a} onChange={() => setAction(a)} data-testid={`resolve-${a}`} />
            {t(`queue.${a}`)}
          </label>
        ))}
      </fieldset>
      {action === "fix" && type !== "CLOZE" ? (
        <fieldset className="flex flex-wrap gap-3">
          <legend className="text-sm">{t("queue.correctKeys")}</legend>
          {choices.map((c) => (
            <label key={c.key} className="flex items-center gap-1 text-sm">
              <input
                type={multiple ? "checkbox" : "radio"} name={`${ids}-key`} value={c.key} checked={keys.includes(c.key)} data-testid={`key-${c.key}`}
                onChange={(e) => setKeys(multiple ? (e.target.checked ? [...keys, c.key] : keys.filter((k) => k !== c.key)) : [c.key])}
              />
              {letter(c.key)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <label htmlFor={`${ids}-reply`} className="text-sm">{t("queue.reply")}</label>
      <textarea id={`${ids}-reply`} value={reply} onChange={(e) => setReply(e.target.value)} required maxLength={REPLY_TEXT_MAX} rows={2} className="rounded border border-slate-300 px-2 py-1.5" data-testid="resolve-reply" />
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50" data-testid="resolve-submit">{t("queue.submit")}</button>
    </form>
  );
}
