import { getLocale, getTranslations } from "next-intl/server";
import { RoomLauncher } from "@/components/room/room-launcher";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

export async function generateMetadata() {
  return { title: (await getTranslations("rooms"))("title") };
}

export default async function RoomsPage() {
  await requirePageUser();
  const [t, locale] = await Promise.all([getTranslations("rooms"), getLocale()]);
  const banks = await db().questionBank.findMany({
    where: { questions: { some: { status: "PUBLISHED" } } },
    orderBy: { createdAt: "asc" },
    select: { slug: true, titleKo: true, titleEn: true, topics: { orderBy: { order: "asc" }, where: { questions: { some: { status: "PUBLISHED" } } }, select: { id: true, titleKo: true, titleEn: true } } },
  });
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <RoomLauncher
        banks={banks.map((bank) => ({
          slug: bank.slug,
          title: locale === "en" ? bank.titleEn : bank.titleKo,
          topics: bank.topics.map((topic) => ({ id: topic.id, title: locale === "en" && topic.titleEn ? topic.titleEn : topic.titleKo })),
        }))}
      />
    </div>
  );
}
