import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/dashboard");
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-bold">{t("signInTitle")}</h1>
      <SignInForm />
    </div>
  );
}
