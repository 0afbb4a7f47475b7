// Dispute rules. Pure.

export const REPORT_REASONS = ["WRONG_KEY", "TWO_ANSWERS", "UNCLEAR", "OUTDATED", "TYPO"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_SOURCES = ["practice", "exam", "room"] as const;

/** Different learners with an open report on a question before it leaves mock exams. */
export const EXAM_EXCLUSION_REPORTERS = 3;

export const REPORT_TEXT_MAX = 500;
export const REPLY_TEXT_MAX = 1000;

/** A question with this many distinct open reporters is held out of mock-exam assembly until resolved. */
export function heldFromExams(openReporters: number): boolean {
  return openReporters >= EXAM_EXCLUSION_REPORTERS;
}

/** The key (sorted correct choice keys) changed: past answers need re-scoring. */
export function keyChanged(before: readonly string[], after: readonly string[]): boolean {
  const a = [...before].sort().join("\u0000");
  const b = [...after].sort().join("\u0000");
  return a !== b;
}
