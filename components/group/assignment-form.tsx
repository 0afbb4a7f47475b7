"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createAssignmentAction, updateAssignmentAction } from "@/lib/groups/actions";

type Bank = { slug: string; title: string; topics: { id: string; title: string }[] };
type Mode = "PRACTICE" | "TIMED" | "LIVE";
export type AssignmentDefaults = {
  title: string; bankSlug: string; topicIds: string[]; mode: Mode; size: number; examFormat: "full" | "short";
  secondsPerQuestion: number; openAt: string; dueAt: string; latePolicy: "REFUSE" | "ACCEPT_LATE";
};

/** Create (groupId) or edit (assignmentId) an assignment. Dates are wall-clock times in the group's zone. */
export function AssignmentForm({ groupId, assignmentId, timeZone, banks, weakTopicIds, defaults }: {
  groupId: string; assignmentId?: string; timeZone: string; banks: Bank[]; weakTopicIds: string[]; defaults: AssignmentDefaults;
}) {
  const t = useTranslations("groups");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [mode, setMode] = useState<Mode>(defaults.mode);
  const [bankSlug, setBankSlug] = useState(defaults.bankSlug);
  const [topicIds, setTopicIds] = useState<string[]>(defaults.topicIds);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState(false);
  const bank = banks.find((b) => b.slug === bankSlug);
  const invalid = (name: string) => (fieldErrors[name]?.length ? true : undefined);
  const input = "rounded-md border border-slate-300 px-3 py-2 font-normal aria-invalid:border-red-500";

  function submit(form: FormData) {
    const assignment = {
      title: form.get("title"), bankSlug, topicIds, mode,
      size: form.get("size") ?? undefined, examFormat: form.get("examFormat") ?? undefined, secondsPerQuestion: form.get("secondsPerQuestion") ?? undefined,
      openAt: form.get("openAt"), dueAt: mode === "LIVE" ? undefined : form.get("dueAt"), latePolicy: form.get("latePolicy") ?? undefined,
    };
    setError(null);
    setFieldErrors({});
    setDone(false);
    start(async () => {
      const result = assignmentId ? await updateAssignmentAction({ assignmentId, assignment }) : await createAssignmentAction({ groupId, assignment });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        return setError(t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.generic"));
      }
      setDone(true);
      if (assignmentId) router.push(`/groups/${groupId}`);
      else router.refresh();
    });
  }

  return (
    <form action={submit} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="assignment-form-heading" data-testid="assignment-form">
      <h2 id="assignment-form-heading" className="text-lg font-semibold">{assignmentId ? t("form.editTitle") : t("form.title")}</h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("form.name")}
        <input name="title" required maxLength={120} defaultValue={defaults.title} aria-invalid={invalid("title")} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("form.bank")}
        <select value={bankSlug} onChange={(e) => { setBankSlug(e.target.value); setTopicIds([]); }} className={input}>
          {banks.map((b) => <option key={b.slug} value={b.slug}>{b.title}</option>)}
        </select>
      </label>
      <fieldset>
        <legend className="mb-1 flex flex-wrap items-center gap-3 text-sm font-medium">
          {t("form.topics")}
          {weakTopicIds.length && bank?.topics.some((topic) => weakTopicIds.includes(topic.id)) ? (
            <button type="button" onClick={() => setTopicIds(weakTopicIds)} className="rounded border border-slate-300 px-2 py-0.5 text-xs font-normal hover:bg-slate-100">{t("form.weakTopics")}</button>
          ) : null}
        </legend>
        <div className="grid max-h-56 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2" aria-invalid={invalid("topicIds")}>
          {bank?.topics.map((topic) => (
            <label key={topic.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={topicIds.includes(topic.id)} onChange={(e) => setTopicIds((ids) => (e.target.checked ? [...ids, topic.id] : ids.filter((id) => id !== topic.id)))} />
              {topic.title}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium">{t("form.mode")}</legend>
        {(["PRACTICE", "TIMED", "LIVE"] as const).map((m) => (
          <label key={m} className="flex items-center gap-1.5"><input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`assignments.mode.${m}`)}</label>
        ))}
      </fieldset>
      <div className="flex flex-wrap gap-4 text-sm">
        {mode === "TIMED" ? (
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-1 font-medium">{t("form.format")}</legend>
            <label className="flex items-center gap-1.5"><input type="radio" name="examFormat" value="short" defaultChecked={defaults.examFormat === "short"} /> {t("form.formatShort")}</label>
            <label className="flex items-center gap-1.5"><input type="radio" name="examFormat" value="full" defaultChecked={defaults.examFormat === "full"} /> {t("form.formatFull")}</label>
          </fieldset>
        ) : (
          <label className="flex items-center gap-2">{t("form.size")} <input type="number" name="size" min={1} max={100} defaultValue={defaults.size} aria-invalid={invalid("size")} className="w-20 rounded border border-slate-300 px-2 py-1 aria-invalid:border-red-500" /></label>
        )}
        {mode === "LIVE" ? (
          <label className="flex items-center gap-2">{t("form.seconds")} <input type="number" name="secondsPerQuestion" min={5} max={120} defaultValue={defaults.secondsPerQuestion} className="w-20 rounded border border-slate-300 px-2 py-1" /></label>
        ) : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {mode === "LIVE" ? t("form.gameAt", { zone: timeZone }) : t("form.openAt", { zone: timeZone })}
          <input type="datetime-local" name="openAt" required defaultValue={defaults.openAt} aria-invalid={invalid("openAt")} className={input} />
        </label>
        {mode === "LIVE" ? null : (
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("form.dueAt", { zone: timeZone })}
            <input type="datetime-local" name="dueAt" required defaultValue={defaults.dueAt} aria-invalid={invalid("dueAt")} className={input} />
          </label>
        )}
      </div>
      {mode === "LIVE" ? null : (
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 font-medium">{t("form.latePolicy")}</legend>
          <label className="flex items-center gap-1.5"><input type="radio" name="latePolicy" value="REFUSE" defaultChecked={defaults.latePolicy === "REFUSE"} /> {t("form.refuse")}</label>
          <label className="flex items-center gap-1.5"><input type="radio" name="latePolicy" value="ACCEPT_LATE" defaultChecked={defaults.latePolicy === "ACCEPT_LATE"} /> {t("form.acceptLate")}</label>
        </fieldset>
      )}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {done && !assignmentId ? <p role="status" className="text-sm text-green-700">{t("form.created")}</p> : null}
      <button type="submit" disabled={pending} aria-busy={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60">
        {pending ? t("form.saving") : assignmentId ? t("form.save") : t("form.submit")}
      </button>
    </form>
  );
}
