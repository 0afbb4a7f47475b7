import Link from "next/link";
import { getTranslations } from "next-intl/server";

// Shown (with HTTP 401) when a signed-out or revoked session calls something that needs a user.
export default async function Unauthorized() {
  const t = await getTranslations("errors");
  return (
    <div className="flex flex-col items-start gap-3">
      <h1 className="text-2xl font-bold">{t("unauthorizedTitle")}</h1>
      <p className="text-slate-600">{t("unauthorizedBody")}</p>
      <Link href="/signin" className="text-brand-600 underline">{t("signInAgain")}</Link>
    </div>
  );
}
