"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";
import { signOutEverywhereAction } from "@/lib/auth/actions";

export function SignOutEverywhere() {
  const t = useTranslations("account");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onClick() {
    setError(null);
    startTransition(async () => {
      const result = await signOutEverywhereAction().catch(() => null);
      if (!result?.ok) {
        setError(t("failed"));
        return;
      }
      // This browser's cookie is already gone; next-auth's sign-out tidies the rest and leaves.
      await signOut({ callbackUrl: "/signin" });
    });
  }

  return (
    <div className="flex flex-col gap-3">
      <button type="button" onClick={onClick} disabled={pending} className="self-start rounded-md border border-red-300 px-4 py-2 font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
        {pending ? t("working") : t("everywhereButton")}
      </button>
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
    </div>
  );
}
