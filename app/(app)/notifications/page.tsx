import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/group/action-button";
import { markNotificationsReadAction } from "@/lib/groups/actions";
import { listNotifications } from "@/lib/groups/notifications";
import { pageActor } from "@/lib/groups/page-access";

export async function generateMetadata() {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage() {
  const [actor, t, format] = await Promise.all([pageActor(), getTranslations("notifications"), getFormatter()]);
  const notifications = await listNotifications(actor);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        {notifications.some((n) => !n.readAt) ? <ActionButton action={markNotificationsReadAction} input={{}} label={t("markAll")} /> : null}
      </div>
      {notifications.length === 0 ? <p className="text-slate-600">{t("none")}</p> : (
        <ul className="flex flex-col gap-2" data-testid="notifications">
          {notifications.map((n) => (
            <li key={n.id} className={`rounded-lg border bg-white p-3 ${n.readAt ? "border-slate-200" : "border-brand-500"}`} data-testid="notification" data-unread={n.readAt ? "false" : "true"}>
              <Link href={n.href} className="font-medium text-brand-700 underline">{t(`kind.${n.kind}`, { group: n.data.group, title: n.data.title })}</Link>
              <p className="text-xs text-slate-500">{format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
