// Drafts scoring below this (lib/notes/quality.ts scores 0–1) are hidden by default in the editor's
// draft list. Calibrated on hand labels of corpus questions (test/fixtures/notes-quality, `npm run
// notes:quality`, Dec 2026): 0.5 is the highest cut that still shows ≥95% of the usable drafts (95.3% of
// 148) while hiding 40% of the needs-edit ones (4 of 10); usable-vs-rest ROC AUC 0.77. The score does not
// catch nonsense (AUC 0.49 before the fix round): the honesty filter (honest.ts) drops that instead.
export const QUALITY_THRESHOLD = 0.5;
