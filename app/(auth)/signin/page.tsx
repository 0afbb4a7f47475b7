import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { CALLBACK_PARAM, safeCallbackPath } from "@/lib/auth/callback";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Back to the page that asked for sign-in (a group's join link, say): same-origin paths only.
  const callbackPath = safeCallbackPath((await searchParams)[CALLBACK_PARAM]);
  if (await getSessionUser()) redirect(callbackPath ?? "/dashboard");
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-bold">{t("signInTitle")}</h1>
      <SignInForm callbackPath={callbackPath} />
    </div>
  );
}
