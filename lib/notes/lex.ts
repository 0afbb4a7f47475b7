// Line-level lexer: one token per line, with fenced blocks and setext headings resolved.

export type TokenKind =
  | "blank"
  | "heading" // ATX `## x` or setext (text line above `===`/`---`)
  | "setext-underline"
  | "fence" // a fence delimiter line
  | "code" // a line inside a code fence
  | "hr"
  | "item" // list item
  | "arrow" // `→ continuation`
  | "quote"
  | "bold-line" // a line that is entirely bold: a sub-label, a bold topic, or a marker
  | "image"
  | "source" // `출처 → [...]`, `Source: ...`
  | "url" // a bare URL line
  | "table"
  | "html"
  | "text";

export interface Token {
  line: number;
  kind: TokenKind;
  raw: string;
  /** Leading columns (a tab counts 4). */
  indent: number;
  /** Content without the block marker (`#`, `-`, `>`, `→`), still with inline markdown. */
  text: string;
  /** Heading level (1..6). */
  level?: number;
  ordered?: boolean;
  /** Column where an item's content starts. */
  contentIndent?: number;
  /** Fence info string (` ```json ` → `json`). */
  info?: string;
}

function indentOf(raw: string): number {
  let n = 0;
  for (const ch of raw) {
    if (ch === " ") n++;
    else if (ch === "\t") n += 4 - (n % 4);
    else break;
  }
  return n;
}

const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const HR_RE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ITEM_RE = /^([ \t]*)([-*+]|\d{1,3}[.)])([ \t]+)(.*)$/;
const ARROW_RE = /^[ \t]*(?:→|->|⇒)[ \t]*(.*)$/;
const QUOTE_RE = /^[ \t]*>[ \t]?(.*)$/;
const IMAGE_RE = /^[ \t]*(?:\[)?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?[ \t]*$/;
const SOURCE_RE = /^[ \t]*(?:출처|원문|source|sources|ref(?:erence)?s?)[ \t]*(?::|→|->|-|–)/i;
const URL_RE = /^[ \t]*<?https?:\/\/\S+>?[ \t]*$/;
const TABLE_RE = /^[ \t]*\|.*\|[ \t]*$/;
const HTML_RE = /^[ \t]*<(?:!--.*-->|\/?[a-zA-Z][^>]*>)[ \t]*$/;
const BOLD_LINE_RE = /^[ \t]*(\*\*\*|\*\*|__)(?!\s)(.+?)(?<!\s)\1[ \t]*:?[ \t]*$/;
const FENCE_RE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;

export function lexLine(raw: string, line: number): Token {
  const indent = indentOf(raw);
  if (/^\s*$/.test(raw)) return { line, kind: "blank", raw, indent: 0, text: "" };
  const atx = ATX_RE.exec(raw);
  if (atx) {
    const text = (atx[2] ?? "").replace(/[ \t]+#+[ \t]*$/, "").trim();
    return { line, kind: "heading", raw, indent, text, level: atx[1]?.length ?? 1 };
  }
  if (HR_RE.test(raw)) return { line, kind: "hr", raw, indent, text: "" };
  if (TABLE_RE.test(raw)) return { line, kind: "table", raw, indent, text: raw.trim() };
  if (IMAGE_RE.test(raw)) return { line, kind: "image", raw, indent, text: raw.trim() };
  const bold = BOLD_LINE_RE.exec(raw);
  if (bold && !(bold[2] ?? "").includes(bold[1] ?? "**")) {
    return { line, kind: "bold-line", raw, indent, text: (bold[2] ?? "").trim() };
  }
  const item = ITEM_RE.exec(raw);
  if (item) {
    const content = item[4] ?? "";
    const lead = indentOf(item[1] ?? "");
    const marker = item[2] ?? "-";
    if (!content.trim()) return { line, kind: "blank", raw, indent: 0, text: "" };
    return {
      line,
      kind: "item",
      raw,
      indent: lead,
      text: content.trim(),
      ordered: /\d/.test(marker),
      contentIndent: lead + marker.length + (item[3]?.length ?? 1),
    };
  }
  const arrow = ARROW_RE.exec(raw);
  if (arrow) return { line, kind: "arrow", raw, indent, text: (arrow[1] ?? "").trim() };
  const quote = QUOTE_RE.exec(raw);
  if (quote) return { line, kind: "quote", raw, indent, text: (quote[1] ?? "").trim() };
  if (SOURCE_RE.test(raw)) return { line, kind: "source", raw, indent, text: raw.trim() };
  if (URL_RE.test(raw)) return { line, kind: "url", raw, indent, text: raw.trim() };
  if (HTML_RE.test(raw)) return { line, kind: "html", raw, indent, text: raw.trim() };
  return { line, kind: "text", raw, indent, text: raw.trim() };
}

/** Study notes do not hold code blocks this long between headings; such a "fence" is a missing closer. */
const MAX_FENCE_LINES = 200;

const CODE_LIKE_RE =
  /[{};]\s*$|^\s*[{}\]]|^\s*(?:\$ |#!|import |export |const |let |var |def |function |class |return |SELECT |<\/?\w+)|=>|==|\)\s*\{/;

/**
 * An untagged fence that holds bullet prose (as in ha-ec2-notes.md) is content; a tagged fence
 * (```json, ```markdown) or one that looks like code stays code.
 */
export function isProseFence(info: string, inner: string[]): boolean {
  if (info) return false;
  const lines = inner.filter((l) => l.trim());
  if (lines.length === 0) return false;
  let prose = 0;
  for (const l of lines) {
    if (CODE_LIKE_RE.test(l)) return false;
    const bullet = ITEM_RE.test(l) || ARROW_RE.test(l);
    const sentence = /[\uac00-\ud7a3]/.test(l) || /[A-Za-z]{3,}.*[.!?]\s*$/.test(l);
    if (bullet || sentence) prose++;
  }
  return prose / lines.length >= 0.6;
}

/** Lexes a whole document; line numbers are 1-based. */
export function lex(lines: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i] ?? "";
    const fence = FENCE_RE.exec(raw);
    if (fence) {
      const marker = fence[2] ?? "```";
      const info = (fence[3] ?? "").trim();
      const closeRe = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
      let j = i + 1;
      while (j < lines.length && !closeRe.test(lines[j] ?? "")) j++;
      // An unclosed fence would swallow the rest of the notes (as would a stray closer far below that
      // belongs to another fence): stop it at the next heading instead.
      const firstHeading = lines.findIndex((l, k) => k > i && ATX_RE.test(l));
      const unclosed = j >= lines.length || (j - i > MAX_FENCE_LINES && firstHeading > i && firstHeading < j);
      if (unclosed) {
        j = i + 1;
        while (j < lines.length && !ATX_RE.test(lines[j] ?? "")) j++;
      }
      const inner = lines.slice(i + 1, j);
      tokens.push({ line: i + 1, kind: "fence", raw, indent: indentOf(raw), text: "", info });
      if (isProseFence(info, inner)) {
        const innerTokens = lex(inner);
        for (const t of innerTokens) tokens.push({ ...t, line: t.line + i + 1 });
      } else {
        inner.forEach((l, k) => tokens.push({ line: i + 2 + k, kind: "code", raw: l, indent: indentOf(l), text: l }));
      }
      if (unclosed) {
        i = j;
        continue;
      }
      tokens.push({ line: j + 1, kind: "fence", raw: lines[j] ?? "", indent: 0, text: "" });
      i = j + 1;
      continue;
    }
    const tok = lexLine(raw, i + 1);
    const prev = tokens[tokens.length - 1];
    // Setext: a paragraph line underlined by === or ---, but never a lazy continuation of a list item.
    const setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(raw);
    if (setext && prev && prev.kind === "text" && prev.line === i && !isListContinuation(tokens)) {
      prev.kind = "heading";
      prev.level = (setext[1] ?? "=").startsWith("=") ? 1 : 2;
      tokens.push({ line: i + 1, kind: "setext-underline", raw, indent: 0, text: "" });
      i++;
      continue;
    }
    tokens.push(tok);
    i++;
  }
  return tokens;
}

/** True when the last text token directly follows a list item (a lazy continuation line). */
function isListContinuation(tokens: Token[]): boolean {
  for (let k = tokens.length - 2; k >= 0; k--) {
    const t = tokens[k];
    if (!t) break;
    if (t.kind === "item") return true;
    if (t.kind !== "text") return false;
  }
  return false;
}
