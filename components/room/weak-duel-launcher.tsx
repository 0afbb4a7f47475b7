"use client";
// The weak-topic duel's own queue on the live-games page. `duel:matched` (handled by the
// room launcher) takes both players to the room.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { realtimeSocket, request } from "@/lib/realtime/client";

export function WeakDuelLauncher({ bankSlug }: { bankSlug: string }) {
  const t = useTranslations("weakDuel");
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const message = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.generic"));

  useEffect(() => {
    const socket = realtimeSocket();
    const onNotice = (payload: { code: string }) => {
      if (payload.code === "duel_no_opponent") setSearching(false);
      if (payload.code.startsWith("duel_failed:")) {
        setSearching(false);
        const code = payload.code.slice("duel_failed:".length);
        setError(t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.failed"));
      }
    };
    const onMatched = () => setSearching(false);
    socket.on("system:notice", onNotice);
    socket.on("duel:matched", onMatched);
    return () => {
      socket.off("system:notice", onNotice);
      socket.off("duel:matched", onMatched);
    };
  }, [t]);

  async function find() {
    setError(null);
    const response = await request(realtimeSocket(), "weakduel:queue", { bankSlug });
    if (!response.ok) return setError(message(response.code));
    setSearching(true);
  }

  async function cancel() {
    await request(realtimeSocket(), "weakduel:cancel", {});
    setSearching(false);
  }

  return (
    <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="weak-duel-heading" data-testid="weak-duel-launcher">
      <h2 id="weak-duel-heading" className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <p className="text-xs text-slate-500">{t("accountOnly")}</p>
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      {searching ? (
        <div className="flex flex-wrap items-center gap-3" role="status">
          <span>{t("searching")}</span>
          <button type="button" onClick={cancel} className="rounded-md border border-slate-300 px-3 py-1.5">{t("cancel")}</button>
        </div>
      ) : (
        <button type="button" onClick={find} className="self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white">{t("find")}</button>
      )}
    </section>
  );
}
