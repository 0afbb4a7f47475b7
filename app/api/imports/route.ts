// POST a notes file (multipart: file, optional bankSlug, optional confirmRetire=1): instructors
// and admins only, into banks they own (lib/banks/ownership.ts), from our own pages only, and
// never more than the size limit read into memory.
import { z } from "zod";
import { canEditBanks, getSessionUser } from "@/lib/auth/session";
import { importNotes } from "@/lib/banks/import-notes";
import { callerOf } from "@/lib/banks/ownership";
import { RetireConfirmationError } from "@/lib/banks/store";
import { db } from "@/lib/db";
import { AppError, ERROR_CODES } from "@/lib/errors";
import { isSameOrigin, readBodyWithin } from "@/lib/http/upload";
import { MAX_NOTES_BYTES, NotesInputError } from "@/lib/notes/bundle";
import { summaryOf } from "@/lib/editor/import-summary";

const fieldsSchema = z.object({ bankSlug: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(), confirmRetire: z.literal("1").optional() });
// The notes file plus the multipart framing and the other fields.
const MAX_UPLOAD_BYTES = MAX_NOTES_BYTES + 64 * 1024;

function failure(code: string, status: number, message?: string) {
  return Response.json({ ok: false, code, message }, { status });
}

export async function POST(request: Request) {
  if (!isSameOrigin(request.headers)) return failure("forbidden", ERROR_CODES.forbidden, "cross-origin requests are refused");
  const user = await getSessionUser();
  if (!user) return failure("unauthenticated", ERROR_CODES.unauthenticated);
  if (!canEditBanks(user)) return failure("forbidden", ERROR_CODES.forbidden);
  const read = await readBodyWithin(request, MAX_UPLOAD_BYTES);
  if (!read.ok && read.code === "too_large") return failure("too_large", 413, `the upload is over ${MAX_NOTES_BYTES} bytes`);
  const form = read.ok ? await new Response(read.body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => null) : null;
  const file = form?.get("file");
  if (!form || !(file instanceof File)) return failure("invalid_input", 400, "a notes file is required");
  if (file.size > MAX_NOTES_BYTES) return failure("too_large", 413, `the file is over ${MAX_NOTES_BYTES} bytes`);
  const fields = fieldsSchema.safeParse({ bankSlug: form.get("bankSlug") || undefined, confirmRetire: form.get("confirmRetire") || undefined });
  if (!fields.success) return failure("invalid_input", 400, "bankSlug: lowercase letters, digits and dashes");
  try {
    const outcome = await importNotes(db(), {
      fileName: file.name,
      content: new Uint8Array(await file.arrayBuffer()),
      bankSlug: fields.data.bankSlug,
      caller: callerOf(user),
      allowRetire: fields.data.confirmRetire === "1",
    });
    return Response.json({
      ok: true,
      data: { bankSlug: outcome.bankSlug, unchanged: outcome.unchanged, created: outcome.created, updated: outcome.updated, retired: outcome.retired, topics: outcome.topicsFound, questions: outcome.questionsGenerated, byType: outcome.byType, summary: summaryOf(outcome) },
    });
  } catch (error) {
    if (error instanceof NotesInputError) return failure(error.code, 400, error.message);
    // The editor asks the instructor, then sends the file again with confirmRetire=1.
    if (error instanceof RetireConfirmationError) {
      return Response.json({ ok: false, code: error.code, message: error.message, retiring: error.retiring, published: error.published }, { status: error.status });
    }
    if (error instanceof AppError) return failure(error.code, error.status, error.message);
    throw error;
  }
}
