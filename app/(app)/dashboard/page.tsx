import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { listBanks } from "@/lib/banks/data";
import { loadLearnerDashboard } from "@/lib/learning/dashboard";
import { LearnerOverview } from "@/components/mastery/learner-overview";
import { MyAssignments } from "@/components/group/my-assignments";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const [user, t, locale, banks] = await Promise.all([requirePageUser(), getTranslations("dashboard"), getLocale(), listBanks()]);
  const primary = banks[0];
  const overview = primary ? await loadLearnerDashboard(user.id, primary.id, new Date()) : null;
  return (
    <div className="flex flex-col gap-8">
      <header>
        <h1 className="text-2xl font-bold" data-testid="dashboard-heading">{t("welcome", { name: user.name })}</h1>
        <p className="text-sm text-slate-600">{t(`role.${user.role}`)}</p>
      </header>
      <MyAssignments user={user} />
      {overview ? (
        <section aria-labelledby="overview-heading" className="flex flex-col gap-3">
          <h2 id="overview-heading" className="text-lg font-semibold">{locale === "en" ? overview.bank.titleEn : overview.bank.titleKo}</h2>
          <LearnerOverview dashboard={overview} />
        </section>
      ) : null}
      <section aria-labelledby="banks-heading" className="flex flex-col gap-3">
        <h2 id="banks-heading" className="text-lg font-semibold">{t("banksTitle")}</h2>
        {banks.length === 0 ? (
          <p className="text-slate-600">{t("banksEmpty")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {banks.map((bank) => (
              <li key={bank.id}>
                <Link href={`/banks/${bank.slug}`} className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-500">
                  <p className="text-xs font-medium text-brand-700">{bank.examCode}</p>
                  <p className="font-semibold">{locale === "en" ? bank.titleEn : bank.titleKo}</p>
                  <p className="mt-1 text-sm text-slate-600">
                    {t("topicCount", { count: bank.topicCount })} · {t("questionCount", { count: bank.questionCount })}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
