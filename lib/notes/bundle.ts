// The import bundle (the JSON the import command consumes) and validation of uploaded notes files.
import type { GenerateOptions, ImportBundle, ParsedNotes } from "./types";
import { sha256Hex } from "./hash";
import { parseNotes } from "./parse";
import { generateWithReport } from "./generate";

/** Largest notes file accepted: 2 MB (the 1,327-line seed is about 90 KB). */
export const MAX_NOTES_BYTES = 2 * 1024 * 1024;

export type NotesInputErrorCode = "not_markdown" | "empty" | "too_large" | "binary";

export class NotesInputError extends Error {
  readonly code: NotesInputErrorCode;
  constructor(code: NotesInputErrorCode, message: string) {
    super(message);
    this.name = "NotesInputError";
    this.code = code;
  }
}

const MARKDOWN_EXT_RE = /\.(md|markdown)$/i;

/**
 * Checks an uploaded notes file and returns its text (UTF-8, BOM removed).
 * Throws NotesInputError: `not_markdown` (extension other than .md/.markdown), `too_large` (> MAX_NOTES_BYTES),
 * `binary` (NUL bytes, other control bytes, or invalid UTF-8), `empty` (nothing but whitespace).
 */
export function validateNotesInput(name: string, input: Uint8Array | string): string {
  if (!MARKDOWN_EXT_RE.test(name.trim())) throw new NotesInputError("not_markdown", `${name}: not a markdown file (.md or .markdown expected)`);
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  if (bytes.byteLength > MAX_NOTES_BYTES) {
    throw new NotesInputError("too_large", `${name}: ${bytes.byteLength} bytes is over the ${MAX_NOTES_BYTES}-byte limit`);
  }
  let control = 0;
  for (const b of bytes) {
    if (b === 0) throw new NotesInputError("binary", `${name}: contains NUL bytes; not a text file`);
    // Tab, LF, CR and form feed are text; other C0 controls mean binary content.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > 0 && control > bytes.byteLength / 1000) throw new NotesInputError("binary", `${name}: contains control bytes; not a text file`);
  let text: string;
  try {
    text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new NotesInputError("binary", `${name}: not valid UTF-8 text`);
  }
  text = text.replace(/^\uFEFF/, "");
  if (!text.trim()) throw new NotesInputError("empty", `${name}: the file is empty`);
  return text;
}

/** sha256 of the text, hex: lets an importer skip a file it has already imported unchanged. */
export function contentHash(text: string): string {
  return sha256Hex(text);
}

/** Bundle from already parsed notes (the benchmark and the importer reuse a parse). */
export function bundleFromParsed(parsed: ParsedNotes, bankSlug: string, options: GenerateOptions = {}): ImportBundle {
  const { questions, dropped } = generateWithReport(parsed, options);
  const byRule: Record<string, number> = {};
  for (const q of questions) byRule[q.rule] = (byRule[q.rule] ?? 0) + 1;
  const summary = {
    skipped: parsed.skipped.filter((s) => s.reason !== "code").map((s) => ({ kind: s.reason === "reference" ? "references" : s.reason, lines: s.lines })),
    dropped: { ...dropped } as Record<string, number>,
    byRule,
    needsKey: questions.filter((q) => q.needsKey).length,
  };
  return {
    bank: bankSlug,
    topics: parsed.topics.map((t) => ({ path: t.path, title: t.title, examTags: t.examTags, lines: t.lines, parentPath: t.parentPath })),
    questions: questions.map((q) => {
      const out: ImportBundle["questions"][number] = {
        id: q.id,
        topicPath: q.topicPath,
        type: q.type,
        stem: q.stem,
        choices: q.choices,
        answer: q.answer,
        explanation: q.explanation,
        source: { file: q.source.file, lines: q.source.lines, headingPath: q.source.headingPath },
        rule: q.rule,
        quality: q.quality,
      };
      if (q.choose !== undefined) out.choose = q.choose;
      if (q.needsKey) out.needsKey = true;
      return out;
    }),
    summary,
  };
}

/** Markdown notes → the import bundle JSON (topics and draft questions). */
export function buildImportBundle(markdown: string, file: string, bankSlug: string, options: GenerateOptions = {}): ImportBundle {
  return bundleFromParsed(parseNotes(markdown, file), bankSlug, options);
}
