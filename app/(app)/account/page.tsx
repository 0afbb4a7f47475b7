import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { ExamAccommodationForm } from "@/components/account/exam-accommodation-form";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { requirePageUser } from "@/lib/auth/session";
import { loadExamAccommodation } from "@/lib/exams/data";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const user = await requirePageUser();
  const [t, accommodation] = await Promise.all([getTranslations("account"), loadExamAccommodation(user.id)]);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">{t("name")}</dt>
        <dd className="break-all">{user.name}</dd>
        <dt className="text-slate-500">{t("email")}</dt>
        <dd className="break-all">{user.email}</dd>
        <dt className="text-slate-500">{t("role")}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
      </dl>
      <ExamAccommodationForm eslExtraTime={accommodation.eslExtraTime} />
      <section aria-labelledby="password-title" className="flex flex-col gap-4">
        <h2 id="password-title" className="text-lg font-semibold">{t("passwordTitle")}</h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="everywhere-title" className="flex flex-col gap-3">
        <h2 id="everywhere-title" className="text-lg font-semibold">{t("everywhereTitle")}</h2>
        <p className="text-sm text-slate-600">{t("everywhereBody")}</p>
        <SignOutEverywhere />
      </section>
    </div>
  );
}
