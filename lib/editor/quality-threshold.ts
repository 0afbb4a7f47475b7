// Drafts scoring below this (lib/notes/quality.ts scores 0–1) are hidden by default in the
// editor's draft list. Not yet calibrated on a labelled sample: 0.45 is a first choice.
export const QUALITY_THRESHOLD = 0.45;
