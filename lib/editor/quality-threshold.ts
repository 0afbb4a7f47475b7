// Drafts scoring below this are hidden by default in the editor's draft list.
// The importer branch is to export its own QUALITY_THRESHOLD from lib/notes/quality.ts;
// until it lands this is the editor's copy (re-point the import when it does).
export const QUALITY_THRESHOLD = 0.45;
