"use client";
import { useEffect, useState } from "react";

/**
 * An instant shown in the viewer's own time zone (the browser's). The server renders it in
 * the group's zone first; the browser re-renders it in its own after hydration.
 */
export function LocalTime({ iso, fallback, locale }: { iso: string; fallback: string; locale: string }) {
  const [text, setText] = useState(fallback);
  useEffect(() => {
    setText(new Intl.DateTimeFormat(locale === "en" ? "en-US" : "ko-KR", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)));
  }, [iso, locale]);
  return <time dateTime={iso} suppressHydrationWarning>{text}</time>;
}

/** The viewer's time zone name, for "times are in your zone (…)". */
export function ViewerZone({ fallback }: { fallback: string }) {
  const [zone, setZone] = useState(fallback);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return <span data-testid="viewer-zone">{zone}</span>;
}
