import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ExamScreen } from "@/components/exam/exam-screen";
import { requirePageUser } from "@/lib/auth/session";
import { loadExamStatus, loadExamView } from "@/lib/exams/data";
import { ANSWER_GRACE_MS, submitExam } from "@/lib/exams/mutations";
import { acceptsAnswer } from "@/lib/exams/scoring";
import { attemptRefSchema } from "@/lib/exams/schema";

export async function generateMetadata() {
  return { title: (await getTranslations("exam"))("title") };
}

export default async function ExamPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const parsed = attemptRefSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const user = await requirePageUser();
  const now = new Date();
  const status = await loadExamStatus(user.id, parsed.data.attemptId);
  if (!status) notFound();
  if (status.status === "SUBMITTED") redirect(`/exams/${status.id}/result`);
  if (status.deadlineAt && !acceptsAnswer(status.deadlineAt, now, ANSWER_GRACE_MS)) {
    await submitExam(user.id, status.id, now, { auto: true });
    redirect(`/exams/${status.id}/result`);
  }
  const exam = await loadExamView(user.id, parsed.data.attemptId, now);
  if (!exam) notFound();
  return <ExamScreen exam={exam} />;
}
