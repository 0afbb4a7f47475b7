// Public API of the notes importer: parse markdown study notes, generate draft questions, build the import bundle.
export type * from "./types";
export { parseNotes } from "./parse";
export { generateQuestions, RULES, DEFAULT_MAX_PER_TOPIC_PER_RULE } from "./generate";
export { buildImportBundle, bundleFromParsed, validateNotesInput, contentHash, NotesInputError, MAX_NOTES_BYTES, type NotesInputErrorCode } from "./bundle";
export { questionViolations } from "./invariants";
