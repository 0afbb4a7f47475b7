import { getTranslations } from "next-intl/server";
import { GhostArena } from "@/components/ghost/ghost-race";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { GHOST_SECONDS, GHOST_SIZES, recentRuns } from "@/lib/ghost/races";

export async function generateMetadata() {
  return { title: (await getTranslations("ghost"))("title") };
}

// `?run=<id>` resumes that race (or shows its result) after a reload; the socket checks it is the learner's.
export default async function GhostRacePage({ searchParams }: { searchParams: Promise<{ run?: string }> }) {
  const [user, t, { run }] = await Promise.all([requirePageUser(), getTranslations("ghost"), searchParams]);
  const [banks, memberships, lastRun, recent] = await Promise.all([
    db().questionBank.findMany({
      orderBy: { createdAt: "asc" },
      select: {
        slug: true, titleKo: true, titleEn: true,
        topics: {
          orderBy: { order: "asc" },
          // A race has no typed answers: topics with choice questions only.
          where: { questions: { some: { status: "PUBLISHED", type: { in: ["SINGLE", "MULTIPLE", "TRUE_FALSE"] } } } },
          select: { id: true, titleKo: true, titleEn: true },
        },
      },
    }),
    db().groupMembership.findMany({ where: { userId: user.id, group: { archivedAt: null } }, orderBy: { joinedAt: "asc" }, select: { group: { select: { id: true, name: true } } } }),
    db().ghostRun.findFirst({ where: { userId: user.id, finishedAt: { not: null } }, select: { id: true } }),
    recentRuns(db(), user.id),
  ]);
  const runId = run && /^[A-Za-z0-9_-]{1,64}$/.test(run) ? run : null;
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <GhostArena
        initialRunId={runId}
        banks={banks.filter((b) => b.topics.length > 0)}
        groups={memberships.map((m) => m.group)}
        hasLastRun={lastRun !== null}
        sizes={GHOST_SIZES}
        secondsOptions={GHOST_SECONDS}
        recent={recent.length > 0 ? (
          <section aria-labelledby="ghost-recent" className="flex flex-col gap-2">
            <h2 id="ghost-recent" className="font-semibold">{t("recentTitle")}</h2>
            <ul className="flex flex-col gap-1 text-sm">
              {recent.map((r) => (
                <li key={r.runId} className="flex flex-wrap items-center gap-2">
                  <span>{t("recentRow", { bank: r.bankSlug, count: r.questionCount, points: r.totalPoints })}</span>
                  {r.finishedAt ? null : <span className="text-slate-500">({t("recentUnfinished")})</span>}
                  {/* A full load: the race view starts from the run, as after a reload. */}
                  <a href={`/practice/ghost?run=${encodeURIComponent(r.runId)}`} className="text-brand-700 underline">{t("open")}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      />
    </div>
  );
}
