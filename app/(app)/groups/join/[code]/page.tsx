import { getTranslations } from "next-intl/server";
import { JoinGroupForm } from "@/components/group/group-forms";
import { previewJoinCode } from "@/lib/groups/mutations";
import { pageActor } from "@/lib/groups/page-access";

export async function generateMetadata() {
  return { title: (await getTranslations("groups"))("join.title") };
}

// The join link: the group's name is shown only while its code works.
export default async function JoinByLinkPage({ params }: { params: Promise<{ code: string }> }) {
  await pageActor();
  const [{ code }, t] = await Promise.all([params, getTranslations("groups")]);
  const preview = await previewJoinCode(decodeURIComponent(code).slice(0, 20));
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-4">
      {preview ? (
        <>
          <h1 className="text-2xl font-bold">{t("join.pageTitle", { name: preview.name })}</h1>
          <p className="text-slate-700">{t("join.pageIntro", { name: preview.name, kind: preview.kind })}</p>
          <JoinGroupForm code={preview.code} />
        </>
      ) : (
        <>
          <h1 className="text-2xl font-bold">{t("join.title")}</h1>
          <p role="alert" className="text-red-700">{t("join.invalid")}</p>
          <JoinGroupForm />
        </>
      )}
    </div>
  );
}
