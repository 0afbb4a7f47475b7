// What an import did, for the editor's upload result: topics, questions by type and rule,
// blocks skipped (kind and line range) and questions dropped (reason and count).
// The importer (lib/banks/import-notes.ts) produces it; this is the shape the editor reads,
// validated so an importer without a summary (or with a different one) shows nothing rather than breaking.
import { z } from "zod";

const count = z.number().int().nonnegative();

export const importSummarySchema = z.object({
  topics: count,
  questionsByType: z.record(z.string(), count),
  questionsByRule: z.record(z.string(), count),
  skipped: z.array(z.object({ kind: z.string().max(64), lineStart: count, lineEnd: count })).max(1000),
  dropped: z.array(z.object({ reason: z.string().max(64), count })).max(200),
});

export type ImportSummary = z.infer<typeof importSummarySchema>;

/** The summary an import outcome carries, if it carries a valid one. */
export function summaryOf(outcome: unknown): ImportSummary | undefined {
  if (!outcome || typeof outcome !== "object" || !("summary" in outcome)) return undefined;
  const parsed = importSummarySchema.safeParse((outcome as { summary: unknown }).summary);
  return parsed.success ? parsed.data : undefined;
}
