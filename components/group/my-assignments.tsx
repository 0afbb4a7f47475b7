import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { loadMyAssignments } from "@/lib/groups/data";
import type { SessionUser } from "@/lib/auth/session";
import { LocalTime } from "./local-time";

/** The dashboard's list of the learner's assignments, with status and due time in their own zone. */
export async function MyAssignments({ user }: { user: SessionUser }) {
  const [t, locale, format] = await Promise.all([getTranslations("groups"), getLocale(), getFormatter()]);
  const rows = await loadMyAssignments({ kind: "user", id: user.id, role: user.role }, new Date());
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="my-assignments-heading" className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="my-assignments-heading" className="text-lg font-semibold">{t("dashboard.title")}</h2>
        <Link href="/groups" className="text-sm text-brand-700 underline">{t("dashboard.allGroups")}</Link>
      </div>
      <ul className="flex flex-col gap-2" data-testid="my-assignments">
        {rows.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid="my-assignment">
            <div>
              <Link href={a.mode === "LIVE" && a.gameCode ? `/play/${a.gameCode}` : `/groups/${a.group.id}`} className="font-medium text-brand-700 underline">{a.title}</Link>
              <p className="text-xs text-slate-600">
                {a.group.name} · {t(`assignments.mode.${a.mode}`)} · {a.mode === "LIVE" ? t("assignments.startsAt") : t("assignments.due")}{" "}
                <LocalTime iso={(a.mode === "LIVE" ? a.openAt : a.dueAt).toISOString()} locale={locale} fallback={format.dateTime(a.mode === "LIVE" ? a.openAt : a.dueAt, { dateStyle: "medium", timeStyle: "short" })} />
              </p>
            </div>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium" data-testid="my-assignment-status">
              {t(`status.${a.status}`)}{a.correct !== null && a.total ? ` · ${a.correct}/${a.total}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
