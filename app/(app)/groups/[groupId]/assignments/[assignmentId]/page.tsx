import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AssignmentForm } from "@/components/group/assignment-form";
import { loadAssignmentForEdit, loadGroupOverview } from "@/lib/groups/data";
import { orNotFound, pageActor } from "@/lib/groups/page-access";
import { utcToZonedLocal } from "@/lib/groups/rules";

export async function generateMetadata() {
  return { title: (await getTranslations("groups"))("form.editTitle") };
}

export default async function EditAssignmentPage({ params }: { params: Promise<{ groupId: string; assignmentId: string }> }) {
  const [{ groupId, assignmentId }, actor, locale] = await Promise.all([params, pageActor(), getLocale()]);
  const { assignment, timeZone } = await orNotFound(loadAssignmentForEdit(actor, assignmentId));
  if (assignment.groupId !== groupId) notFound();
  const view = await orNotFound(loadGroupOverview(actor, groupId, new Date()));
  const title = (value: { ko: string; en: string | null }) => (locale === "en" && value.en ? value.en : value.ko);
  return (
    <AssignmentForm
      groupId={groupId}
      assignmentId={assignment.id}
      timeZone={timeZone}
      weakTopicIds={view.weakTopics.map((w) => w.topicId)}
      banks={view.banks.map((b) => ({ slug: b.slug, title: title(b.title), topics: b.topics.map((t) => ({ id: t.id, title: title(t.title) })) }))}
      defaults={{
        title: assignment.title, bankSlug: assignment.bank.slug, topicIds: assignment.topicIds, mode: assignment.mode, size: assignment.size,
        examFormat: assignment.examFormat === "full" ? "full" : "short", secondsPerQuestion: assignment.secondsPerQuestion ?? 20,
        openAt: utcToZonedLocal(assignment.openAt, timeZone), dueAt: utcToZonedLocal(assignment.dueAt, timeZone), latePolicy: assignment.latePolicy,
      }}
    />
  );
}
