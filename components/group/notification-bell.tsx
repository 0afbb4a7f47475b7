import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { unreadNotificationCount } from "@/lib/groups/notifications";

/** The header's bell: unread count, linking to the list. */
export async function NotificationBell({ userId }: { userId: string }) {
  const [t, count] = await Promise.all([getTranslations("notifications"), unreadNotificationCount(userId)]);
  return (
    <Link href="/notifications" aria-label={t("bell", { count })} className="relative rounded-md p-1.5 text-slate-700 hover:bg-slate-100" data-testid="notification-bell">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {count > 0 ? <span className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-bold leading-4 text-white" data-testid="notification-count">{count > 99 ? "99+" : count}</span> : null}
    </Link>
  );
}
