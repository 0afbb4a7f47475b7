"use client";
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createGroupAction, joinGroupAction } from "@/lib/groups/actions";

const ZONES = ["Asia/Seoul", "Asia/Tokyo", "Asia/Singapore", "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "UTC"];

export function CreateGroupForm({ canCreateClass }: { canCreateClass: boolean }) {
  const t = useTranslations("groups");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [zone, setZone] = useState("Asia/Seoul");
  // The creator's own zone is the likely default for the group's dates.
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "Asia/Seoul"), []);
  const zones = ZONES.includes(zone) ? ZONES : [zone, ...ZONES];
  return (
    <form
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5"
      aria-labelledby="create-group-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setError(null);
        start(async () => {
          const result = await createGroupAction({ name: form.get("name"), kind: form.get("kind"), timeZone: form.get("timeZone") });
          if (!result.ok) return setError(t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.generic"));
          router.push(`/groups/${result.data.groupId}`);
        });
      }}
    >
      <h2 id="create-group-heading" className="text-lg font-semibold">{t("create.title")}</h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("create.name")}
        <input name="name" required maxLength={80} className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium">{t("create.kind")}</legend>
        <label className="flex items-center gap-1.5"><input type="radio" name="kind" value="STUDY_GROUP" defaultChecked={!canCreateClass} /> {t("kind.STUDY_GROUP")}</label>
        <label className="flex items-center gap-1.5"><input type="radio" name="kind" value="CLASS" defaultChecked={canCreateClass} disabled={!canCreateClass} /> {t("kind.CLASS")}</label>
        {canCreateClass ? null : <span className="w-full text-xs text-slate-500">{t("create.classOnlyInstructors")}</span>}
      </fieldset>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("create.timeZone")}
        <select name="timeZone" value={zone} onChange={(e) => setZone(e.target.value)} className="rounded-md border border-slate-300 px-2 py-2 font-normal">
          {zones.map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
      </label>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <button type="submit" disabled={pending} aria-busy={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60">{t("create.submit")}</button>
    </form>
  );
}

export function JoinGroupForm({ code: initialCode = "" }: { code?: string }) {
  const t = useTranslations("groups");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState(initialCode);
  return (
    <form
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5"
      aria-labelledby="join-group-heading"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        start(async () => {
          const result = await joinGroupAction({ code });
          if (!result.ok) return setError(result.code === "not_found" ? t("join.invalid") : t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.generic"));
          router.push(`/groups/${result.data.groupId}`);
        });
      }}
    >
      <h2 id="join-group-heading" className="text-lg font-semibold">{t("join.title")}</h2>
      <div className="flex flex-wrap gap-2">
        <input value={code} onChange={(e) => setCode(e.target.value)} aria-label={t("join.code")} maxLength={12} required autoComplete="off" className="w-44 rounded-md border border-slate-300 px-3 py-2 font-mono uppercase tracking-widest" />
        <button type="submit" disabled={pending} aria-busy={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60">{t("join.submit")}</button>
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
    </form>
  );
}
