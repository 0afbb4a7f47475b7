import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";

export default async function LandingPage() {
  if (await getSessionUser()) redirect("/dashboard");
  const t = await getTranslations("landing");
  const features = [
    { title: t("featureLiveTitle"), body: t("featureLiveBody") },
    { title: t("featureExamTitle"), body: t("featureExamBody") },
    { title: t("featureMasteryTitle"), body: t("featureMasteryBody") },
  ];
  return (
    <div className="flex flex-col gap-10">
      <section className="flex flex-col gap-4 pt-6">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t("title")}</h1>
        <p className="max-w-2xl text-lg text-slate-600">{t("lead")}</p>
        <div className="flex flex-wrap gap-3">
          <Link href="/signup" className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">{t("ctaStart")}</Link>
          <Link href="/signin" className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium hover:bg-slate-100">{t("ctaSignIn")}</Link>
        </div>
      </section>
      <ul className="grid gap-4 sm:grid-cols-3">
        {features.map((feature) => (
          <li key={feature.title} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">{feature.title}</h2>
            <p className="mt-1 text-sm text-slate-600">{feature.body}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
