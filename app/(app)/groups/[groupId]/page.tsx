import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/group/action-button";
import { AssignmentForm } from "@/components/group/assignment-form";
import { LocalTime, ViewerZone } from "@/components/group/local-time";
import {
  archiveGroupAction, deleteAssignmentAction, leaveGroupAction, openGameNowAction, removeMemberAction, resetSeasonAction, rotateCodeAction,
  setCodeEnabledAction, setCoTeacherAction, startAssignmentAction, transferOwnershipAction, weakTopicsGameAction, weakTopicsPracticeAction,
} from "@/lib/groups/actions";
import { loadGroupOverview } from "@/lib/groups/data";
import { orNotFound, pageActor } from "@/lib/groups/page-access";
import { assignmentWindow, utcToZonedLocal } from "@/lib/groups/rules";

export async function generateMetadata() {
  return { title: (await getTranslations("groups"))("title") };
}

const STATUS_STYLE: Record<string, string> = {
  not_started: "bg-slate-100 text-slate-700", in_progress: "bg-amber-100 text-amber-800", submitted: "bg-green-100 text-green-800",
  late: "bg-orange-100 text-orange-800", missed: "bg-red-100 text-red-800",
};

export default async function GroupPage({ params, searchParams }: { params: Promise<{ groupId: string }>; searchParams: Promise<{ error?: string }> }) {
  const [{ groupId }, { error }, actor, t, locale, format] = await Promise.all([params, searchParams, pageActor(), getTranslations("groups"), getLocale(), getFormatter()]);
  const now = new Date();
  const view = await orNotFound(loadGroupOverview(actor, groupId, now));
  const { group, permissions } = view;
  const title = (value: { ko: string; en: string | null }) => (locale === "en" && value.en ? value.en : value.ko);
  const when = (date: Date) => <LocalTime iso={date.toISOString()} locale={locale} fallback={format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: group.timeZone })} />;
  const inZone = (date: Date) => utcToZonedLocal(date, group.timeZone);
  const participant = view.role === "MEMBER" || group.kind === "STUDY_GROUP";
  const weakIds = view.weakTopics.map((w) => w.topicId);

  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-1">
        <p className="text-xs font-medium text-brand-700">{t(`kind.${group.kind}`)} · {t(`role.${view.role}`)}{group.archived ? ` · ${t("archived")}` : ""}</p>
        <h1 className="text-2xl font-bold" data-testid="group-name">{group.name}</h1>
        <p className="text-sm text-slate-600">{t("members", { count: group.memberCount })}</p>
        {permissions.report ? <Link href={`/groups/${group.id}/report`} className="self-start text-brand-700 underline">{t("report.link")}</Link> : null}
      </header>
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{t.has(`errors.${error}`) ? t(`errors.${error}`) : t("errors.generic")}</p> : null}

      {group.joinCode ? (
        <section aria-labelledby="code-heading" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="code-heading" className="text-lg font-semibold">{t("code.title")}</h2>
          <p className="font-mono text-2xl font-bold tracking-widest" data-testid="join-code">{group.joinCode}</p>
          <p className="text-sm text-slate-600">{t("code.link")}: <span className="break-all font-mono">/groups/join/{group.joinCode}</span></p>
          {group.joinEnabled ? null : <p className="text-sm text-amber-800">{t("code.off")}</p>}
          {permissions.manage ? (
            <div className="flex flex-wrap gap-2">
              <ActionButton action={rotateCodeAction} input={{ groupId: group.id }} label={t("code.rotate")} />
              <ActionButton action={setCodeEnabledAction} input={{ groupId: group.id, enabled: !group.joinEnabled }} label={group.joinEnabled ? t("code.disable") : t("code.enable")} />
            </div>
          ) : null}
        </section>
      ) : null}

      {view.games.length ? (
        <section aria-labelledby="games-heading" className="flex flex-col gap-2 rounded-lg border border-brand-500 bg-white p-5">
          <h2 id="games-heading" className="text-lg font-semibold">{t("live.openGames")}</h2>
          <ul className="flex flex-col gap-2">
            {view.games.map((g) => (
              <li key={g.code} className="flex flex-wrap items-center gap-3" data-testid="live-game">
                <span>{g.title ?? t("weak.title")} · {t(`live.phase.${g.phase}`)}</span>
                <Link href={`/play/${g.code}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">{t("assignments.join")}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="assignments-heading" className="flex flex-col gap-3">
        <h2 id="assignments-heading" className="text-lg font-semibold">{t("assignments.title")}</h2>
        <p className="text-xs text-slate-500">{t("assignments.yourTimeZone")} <ViewerZone fallback={group.timeZone} /></p>
        {view.assignments.length === 0 ? <p className="text-slate-600">{t("assignments.none")}</p> : (
          <ul className="flex flex-col gap-3">
            {view.assignments.map((a) => {
              const window = assignmentWindow(a, now);
              const mine = a.mine;
              const canStart = participant && a.mode !== "LIVE" && mine && (mine.status === "not_started" || mine.status === "in_progress" || (mine.status === "missed" && window === "late")) && window !== "not_open" && !group.archived;
              return (
                <li key={a.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="assignment">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <p className="font-semibold">{a.title}</p>
                    {participant && mine ? <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[mine.status]}`} data-testid="assignment-status">{t(`status.${mine.status}`)}</span> : null}
                  </div>
                  <p className="text-sm text-slate-600">
                    {t(`assignments.mode.${a.mode}`)}{a.examFormat ? ` (${t(`assignments.format.${a.examFormat}`)})` : ""} ·{" "}
                    {a.mode === "LIVE" ? <>{t("assignments.startsAt")} {when(a.openAt)}</> : <>{t("assignments.due")} {when(a.dueAt)} · {t(`assignments.latePolicy.${a.latePolicy}`)}</>}
                  </p>
                  {mine?.correct !== null && mine?.correct !== undefined && mine.total ? <p className="text-sm">{t("assignments.score", { correct: mine.correct, total: mine.total })}</p> : null}
                  {permissions.report ? (
                    <p className="text-xs text-slate-500">{t("assignments.counts", { submitted: a.counts.submitted, late: a.counts.late, inProgress: a.counts.in_progress, notStarted: a.counts.not_started, missed: a.counts.missed })}</p>
                  ) : null}
                  <div className="flex flex-wrap gap-2">
                    {canStart ? (
                      <form action={startAssignmentAction}>
                        <input type="hidden" name="assignmentId" value={a.id} />
                        <input type="hidden" name="groupId" value={group.id} />
                        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
                          {mine?.status === "in_progress" ? t("assignments.resume") : window === "late" ? t("assignments.startLate") : t("assignments.start")}
                        </button>
                      </form>
                    ) : null}
                    {a.mode === "LIVE" && a.gameCode && a.gamePhase !== "FINISHED" ? (
                      <Link href={`/play/${a.gameCode}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">{t("assignments.join")}</Link>
                    ) : null}
                    {permissions.assign && a.mode === "LIVE" && !a.gameCode && !group.archived ? (
                      <ActionButton action={openGameNowAction} input={{ assignmentId: a.id }} label={t("assignments.openNow")} navigate="play" />
                    ) : null}
                    {permissions.assign && !group.archived ? (
                      <>
                        {a.mode !== "LIVE" || !a.gameCode ? <Link href={`/groups/${group.id}/assignments/${a.id}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">{t("assignments.edit")}</Link> : null}
                        <ActionButton action={deleteAssignmentAction} input={{ assignmentId: a.id }} label={t("assignments.delete")} confirm={t("assignments.confirmDelete")} variant="danger" />
                      </>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {permissions.assign && !group.archived && view.banks.length ? (
        <AssignmentForm
          groupId={group.id}
          timeZone={group.timeZone}
          weakTopicIds={weakIds}
          banks={view.banks.map((b) => ({ slug: b.slug, title: title(b.title), topics: b.topics.map((topic) => ({ id: topic.id, title: title(topic.title) })) }))}
          defaults={{
            title: "", bankSlug: view.bank?.slug ?? view.banks[0]!.slug, topicIds: [], mode: "PRACTICE", size: 10, examFormat: "short", secondsPerQuestion: 20,
            openAt: inZone(now), dueAt: inZone(new Date(now.getTime() + 7 * 86_400_000)), latePolicy: "REFUSE",
          }}
        />
      ) : null}

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="leaderboard-heading" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="leaderboard-heading" className="text-lg font-semibold">{t("leaderboard.title")}</h2>
          <p className="text-xs text-slate-500">{t("leaderboard.season", { date: format.dateTime(group.seasonStartedAt, { dateStyle: "medium" }) })} · {t("leaderboard.rules")}</p>
          {view.leaderboard.length === 0 ? <p className="text-sm text-slate-600">{t("leaderboard.empty")}</p> : (
            <table className="w-full text-sm" data-testid="leaderboard">
              <thead><tr className="text-left text-slate-500"><th scope="col" className="py-1">{t("leaderboard.rank")}</th><th scope="col">{t("leaderboard.name")}</th><th scope="col" className="text-right">{t("leaderboard.pointsHeader")}</th></tr></thead>
              <tbody>
                {view.leaderboard.map((row) => (
                  <tr key={row.userId} className={`border-t border-slate-100 ${row.userId === view.viewerId ? "font-semibold" : ""}`} data-testid="leaderboard-row">
                    <td className="py-1 tabular-nums">{row.rank}</td>
                    <td>{row.name}{row.userId === view.viewerId ? ` (${t("leaderboard.you")})` : ""}</td>
                    <td className="text-right tabular-nums" data-testid="leaderboard-points">{row.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {permissions.manage && !group.archived ? <ActionButton action={resetSeasonAction} input={{ groupId: group.id }} label={t("leaderboard.reset")} confirm={t("leaderboard.confirmReset")} /> : null}
        </section>

        <section aria-labelledby="weak-heading" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5" data-testid="weak-topics">
          <h2 id="weak-heading" className="text-lg font-semibold">{t("weak.title")}</h2>
          {view.weakTopics.length === 0 || !view.bank ? <p className="text-sm text-slate-600">{t("weak.none")}</p> : (
            <>
              <ul className="flex flex-col gap-1 text-sm">
                {view.weakTopics.map((w) => (
                  <li key={w.topicId}><span className="font-medium">{title(w.title)}</span> <span className="text-slate-600">{t("weak.mastery", { percent: Math.round(w.mastery * 100), learners: w.learners })}</span></li>
                ))}
              </ul>
              {group.archived ? null : (
                <div className="flex flex-wrap gap-2">
                  <ActionButton action={weakTopicsPracticeAction} input={{ groupId: group.id, bankSlug: view.bank.slug }} label={t("weak.practice")} navigate="practice" variant="primary" />
                  <ActionButton action={weakTopicsGameAction} input={{ groupId: group.id, bankSlug: view.bank.slug }} label={t("weak.live")} navigate="play" />
                </div>
              )}
            </>
          )}
        </section>
      </div>

      {view.members.length ? (
        <section aria-labelledby="members-heading" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="members-heading" className="text-lg font-semibold">{t("manage.title")}</h2>
          <ul className="divide-y divide-slate-100" data-testid="members">
            {view.members.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                <span className="font-medium">{m.name}</span>
                <span className="text-slate-500">{m.email}</span>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`role.${m.role}`)}</span>
                {permissions.report && m.role !== "OWNER" ? <Link href={`/groups/${group.id}/students/${m.userId}`} className="text-brand-700 underline">{t("student.results")}</Link> : null}
                {permissions.manage && m.role !== "OWNER" && !group.archived ? (
                  <span className="ml-auto flex flex-wrap gap-2">
                    {permissions.coTeachers ? <ActionButton action={setCoTeacherAction} input={{ groupId: group.id, userId: m.userId, coTeacher: m.role !== "INSTRUCTOR" }} label={m.role === "INSTRUCTOR" ? t("manage.makeMember") : t("manage.makeCoTeacher")} /> : null}
                    {group.kind === "STUDY_GROUP" || m.accountRole !== "LEARNER" ? <ActionButton action={transferOwnershipAction} input={{ groupId: group.id, userId: m.userId }} label={t("manage.transfer")} confirm={t("manage.confirmTransfer", { name: m.name })} /> : null}
                    <ActionButton action={removeMemberAction} input={{ groupId: group.id, userId: m.userId }} label={t("manage.remove")} confirm={t("manage.confirmRemove", { name: m.name })} variant="danger" />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="settings-heading" className="flex flex-wrap items-center gap-3">
        <h2 id="settings-heading" className="sr-only">{t("manage.settings")}</h2>
        {permissions.manage && !group.archived ? <ActionButton action={archiveGroupAction} input={{ groupId: group.id }} label={t("manage.archive")} confirm={t("manage.confirmArchive")} variant="danger" /> : null}
        {permissions.leave ? <ActionButton action={leaveGroupAction} input={{ groupId: group.id }} label={t("manage.leave")} confirm={t("manage.confirmLeave")} variant="danger" redirectTo="/groups" /> : null}
      </section>
    </div>
  );
}
