import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signUpTitle") };
}

export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/dashboard");
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-bold">{t("signUpTitle")}</h1>
      <SignUpForm />
    </div>
  );
}
