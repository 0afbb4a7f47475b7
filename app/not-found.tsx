import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="flex flex-col items-start gap-3">
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <Link href="/" className="text-brand-600 underline">{t("backHome")}</Link>
    </div>
  );
}
