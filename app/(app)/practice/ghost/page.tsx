import { getTranslations } from "next-intl/server";
import { GhostArena } from "@/components/ghost/ghost-race";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { GHOST_SECONDS, GHOST_SIZES } from "@/lib/ghost/races";

export async function generateMetadata() {
  return { title: (await getTranslations("ghost"))("title") };
}

// `?run=<id>` resumes that race (or shows its result) after a reload; the socket checks it is the learner's.
export default async function GhostRacePage({ searchParams }: { searchParams: Promise<{ run?: string }> }) {
  const [user, t, { run }] = await Promise.all([requirePageUser(), getTranslations("ghost"), searchParams]);
  const [banks, memberships, lastRun] = await Promise.all([
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
      />
    </div>
  );
}
