import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { canEditBanks, getSessionUser } from "@/lib/auth/session";
import { NotificationBell } from "./group/notification-bell";
import { LocaleSwitcher } from "./locale-switcher";
import { SignOutButton } from "./auth/sign-out-button";

export async function SiteHeader() {
  const [user, t, locale] = await Promise.all([getSessionUser(), getTranslations("nav"), getLocale()]);
  const links = user
    ? [
        { href: "/dashboard", label: t("dashboard") },
        { href: "/practice", label: t("practice") },
        { href: "/exams", label: t("exams") },
        { href: "/rooms", label: t("rooms") },
        { href: "/groups", label: t("groups") },
        { href: "/banks", label: t("banks") },
        ...(canEditBanks(user) ? [{ href: "/editor", label: t("editor") }] : []),
      ]
    : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href={user ? "/dashboard" : "/"} className="text-lg font-bold text-brand-700">
          StudyArena
        </Link>
        {/* On small screens the links take their own row and scroll sideways instead of stacking. */}
        <nav aria-label={t("menu")} className="order-last -mx-4 flex w-full gap-4 overflow-x-auto whitespace-nowrap px-4 text-sm sm:order-none sm:mx-0 sm:w-auto sm:flex-1 sm:px-0">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="py-1 text-slate-700 hover:text-brand-600">
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm sm:ml-0">
          <LocaleSwitcher locale={locale} label={t("language")} />
          {user ? (
            <>
              <NotificationBell userId={user.id} />
              <span className="hidden text-slate-600 sm:inline" data-testid="header-user">{user.name}</span>
              <SignOutButton label={t("signOut")} />
            </>
          ) : (
            <>
              <Link href="/signin" className="text-slate-700 hover:text-brand-600">{t("signIn")}</Link>
              <Link href="/signup" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
                {t("signUp")}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
