// CSV export of a group's assignment results or mastery heatmap: owner and co-teachers only.
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { exportGroupCsv } from "@/lib/groups/data";

const querySchema = z.object({
  groupId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  kind: z.enum(["assignments", "heatmap"]),
  bank: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(),
});

export async function GET(request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  const url = new URL(request.url);
  const parsed = querySchema.safeParse({ groupId: (await params).groupId, kind: url.searchParams.get("kind") ?? "assignments", bank: url.searchParams.get("bank") ?? undefined });
  if (!parsed.success) return Response.json({ ok: false, code: "invalid_input" }, { status: 400 });
  const user = await getSessionUser();
  const [t, locale] = await Promise.all([getTranslations("groups"), getLocale()]);
  const labels = {
    name: t("csv.name"), email: t("csv.email"), score: t("csv.score"), band: t("csv.band"),
    status: { not_started: t("status.not_started"), in_progress: t("status.in_progress"), submitted: t("status.submitted"), late: t("status.late"), missed: t("status.missed") },
    topicTitle: (title: { ko: string; en: string | null }) => (locale === "en" && title.en ? title.en : title.ko),
  };
  try {
    const csv = await exportGroupCsv(user ? { kind: "user", id: user.id, role: user.role } : null, parsed.data.groupId, parsed.data.kind, labels, parsed.data.bank, new Date());
    const fileName = encodeURIComponent(csv.fileName);
    return new Response(csv.body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${parsed.data.kind}.csv"; filename*=UTF-8''${fileName}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ ok: false, code: error.code }, { status: error.status });
    throw error;
  }
}
