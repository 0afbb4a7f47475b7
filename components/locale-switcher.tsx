"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { setLocaleAction } from "@/lib/i18n/actions";

const NAMES = { ko: "한국어", en: "English" } as const;

export function LocaleSwitcher({ locale, label }: { locale: string; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1">
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        data-testid="locale-switcher"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await setLocaleAction(next);
            router.refresh();
          });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        {Object.entries(NAMES).map(([value, name]) => (
          <option key={value} value={value}>{name}</option>
        ))}
      </select>
    </label>
  );
}
