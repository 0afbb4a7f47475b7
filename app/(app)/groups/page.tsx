import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateGroupForm, JoinGroupForm } from "@/components/group/group-forms";
import { listMyGroups } from "@/lib/groups/data";
import { pageActor } from "@/lib/groups/page-access";
import { canCreateGroup } from "@/lib/groups/permissions";

export async function generateMetadata() {
  return { title: (await getTranslations("groups"))("title") };
}

export default async function GroupsPage() {
  const [actor, t] = await Promise.all([pageActor(), getTranslations("groups")]);
  const groups = await listMyGroups(actor);
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </header>
      <section aria-labelledby="my-groups" className="flex flex-col gap-3">
        <h2 id="my-groups" className="text-lg font-semibold">{t("mine")}</h2>
        {groups.length === 0 ? <p className="text-slate-600">{t("none")}</p> : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="my-groups">
            {groups.map((g) => (
              <li key={g.id}>
                <Link href={`/groups/${g.id}`} className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-500 focus-visible:outline-2">
                  <p className="text-xs font-medium text-brand-700">{t(`kind.${g.kind}`)} · {t(`role.${g.role}`)}{g.archived ? ` · ${t("archived")}` : ""}</p>
                  <p className="font-semibold">{g.name}</p>
                  <p className="text-sm text-slate-600">{t("members", { count: g.memberCount })}</p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="grid gap-4 sm:grid-cols-2">
        <JoinGroupForm />
        <CreateGroupForm canCreateClass={canCreateGroup(actor.role, "CLASS")} />
      </div>
    </div>
  );
}
