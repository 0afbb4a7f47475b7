"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { realtimeSocket, request } from "@/lib/realtime/client";
import { WeakDuelLauncher } from "./weak-duel-launcher";

type Bank = { slug: string; title: string; topics: { id: string; title: string }[] };

/** Create a group room, find a duel opponent, or challenge a friend with a link. */
export function RoomLauncher({ banks }: { banks: Bank[] }) {
  const t = useTranslations("rooms");
  const router = useRouter();
  const [bankSlug, setBankSlug] = useState(banks[0]?.slug ?? "");
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [joinCode, setJoinCode] = useState("");
  const bank = banks.find((b) => b.slug === bankSlug);
  const message = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.generic"));

  useEffect(() => {
    const socket = realtimeSocket();
    const onMatched = (payload: { code: string }) => router.push(`/play/${payload.code}`);
    const onNotice = (payload: { code: string }) => {
      if (payload.code !== "duel_no_opponent") return;
      setSearching(false);
      setError(t("errors.duel_no_opponent"));
    };
    socket.on("duel:matched", onMatched);
    socket.on("system:notice", onNotice);
    return () => {
      socket.off("duel:matched", onMatched);
      socket.off("system:notice", onNotice);
    };
  }, [router, t]);

  async function createRoom(form: FormData) {
    setError(null);
    const response = await request(realtimeSocket(), "room:create", {
      bankSlug,
      topicIds: form.getAll("topicIds").map(String),
      questionCount: Number(form.get("questionCount")),
      secondsPerQuestion: Number(form.get("secondsPerQuestion")),
      speedScoring: form.get("speedScoring") === "on",
      hostPlays: form.get("hostPlays") === "on",
    });
    if (!response.ok) return setError(message(response.code));
    router.push(`/play/${response.data.code}`);
  }

  async function findOpponent() {
    setError(null);
    const response = await request(realtimeSocket(), "duel:queue", { bankSlug });
    if (!response.ok) return setError(message(response.code));
    setSearching(true);
  }

  async function cancelSearch() {
    await request(realtimeSocket(), "duel:cancel", {});
    setSearching(false);
  }

  async function challenge() {
    setError(null);
    const response = await request(realtimeSocket(), "duel:challenge", { bankSlug });
    if (!response.ok) return setError(message(response.code));
    router.push(`/play/${response.data.code}`);
  }

  return (
    <div className="flex flex-col gap-6">
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      <label className="flex max-w-md flex-col gap-1 text-sm font-medium">
        {t("bank")}
        <select value={bankSlug} onChange={(e) => setBankSlug(e.target.value)} className="rounded-md border border-slate-300 px-2 py-2 font-normal">
          {banks.map((b) => <option key={b.slug} value={b.slug}>{b.title}</option>)}
        </select>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="duel-heading">
          <h2 id="duel-heading" className="text-lg font-semibold">{t("duel")}</h2>
          <p className="text-sm text-slate-600">{t("duelHint")}</p>
          {searching ? (
            <div className="flex items-center gap-3" role="status">
              <span>{t("searching")}</span>
              <button type="button" onClick={cancelSearch} className="rounded-md border border-slate-300 px-3 py-1.5">{t("cancel")}</button>
            </div>
          ) : (
            <div className="flex flex-wrap gap-2">
              <button type="button" onClick={findOpponent} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("findOpponent")}</button>
              <button type="button" onClick={challenge} className="rounded-md border border-slate-300 px-4 py-2">{t("challengeFriend")}</button>
            </div>
          )}
        </section>
        <WeakDuelLauncher bankSlug={bankSlug} />
        <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="join-heading">
          <h2 id="join-heading" className="text-lg font-semibold">{t("joinWithCode")}</h2>
          <form onSubmit={(e) => { e.preventDefault(); if (joinCode.trim()) router.push(`/play/${encodeURIComponent(joinCode.trim().toUpperCase())}`); }} className="flex gap-2">
            <input value={joinCode} onChange={(e) => setJoinCode(e.target.value)} aria-label={t("codeLabel")} maxLength={8} className="w-36 rounded-md border border-slate-300 px-3 py-2 font-mono uppercase tracking-widest" />
            <button type="submit" className="rounded-md border border-slate-300 px-4 py-2">{t("join")}</button>
          </form>
        </section>
      </div>
      <form action={createRoom} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="group-heading">
        <h2 id="group-heading" className="text-lg font-semibold">{t("groupRoom")}</h2>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">{t("topics")}</legend>
          <div className="grid max-h-48 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2">
            {bank?.topics.map((topic) => (
              <label key={topic.id} className="flex items-center gap-2 text-sm"><input type="checkbox" name="topicIds" value={topic.id} /> {topic.title}</label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">{t("questionCount")} <input type="number" name="questionCount" min={1} max={50} defaultValue={10} className="w-20 rounded border border-slate-300 px-2 py-1" /></label>
          <label className="flex items-center gap-2">{t("secondsPerQuestion")} <input type="number" name="secondsPerQuestion" min={5} max={120} defaultValue={20} className="w-20 rounded border border-slate-300 px-2 py-1" /></label>
          <label className="flex items-center gap-2"><input type="checkbox" name="speedScoring" defaultChecked /> {t("speedScoring")}</label>
          <label className="flex items-center gap-2"><input type="checkbox" name="hostPlays" /> {t("hostPlays")}</label>
        </div>
        <button type="submit" className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("createRoom")}</button>
      </form>
    </div>
  );
}
