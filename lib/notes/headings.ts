// Heading titles: exam tags, escapes, emphasis, numbering; and which bold lines are really topics.
import type { Token } from "./lex";
import { stripInline } from "./text";

export interface HeadingInfo {
  line: number;
  level: number;
  title: string;
  tags: string[];
  /** `1` for `### 1. Title`. */
  number: number | null;
  via: "atx" | "setext" | "bold";
  role: "topic" | "summary" | "reference";
}

const TAG_PART_RE = /^[A-Z][A-Z0-9-]{1,9}$/;
const SUMMARY_RE = /^(정리|요약|핵심\s*정리|총정리|결론|마무리|summary|recap|tl;?dr|key\s*takeaways?)$/i;
const REFERENCE_RE = /^(references?|참고(\s*(자료|문헌|링크))?|출처|sources?|further\s+reading|links?|관련\s*링크)$/i;
export const DEPRECATED_RE =
  /deprecat|더\s*이상\s*(지원|사용|제공)(되지|하지)\s*않|지원\s*(종료|중단)|사용\s*중단|폐지|단종|end[\s-]of[\s-]life|\bEOL\b|no longer (supported|available)|retired/i;

/** Splits `[CCP/SAA/DVA]` into tags when every part looks like an exam code. */
function tagsOf(group: string): string[] | null {
  const parts = group
    .split(/[/,|&+\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => TAG_PART_RE.test(p))) return null;
  return parts;
}

export interface ParsedTitle {
  title: string;
  tags: string[];
  number: number | null;
}

/** `**\[CCP/SAA/DVA] AMI Overview**` → { title: "AMI Overview", tags: [CCP, SAA, DVA] }. */
export function parseTitle(rawTitle: string): ParsedTitle {
  let t = rawTitle.trim().replace(/\\([[\]()*_#`~\\])/g, "$1");
  t = stripEmphasisWrappers(t);
  const tags: string[] = [];
  for (;;) {
    const lead = /^\[([^\]]+)\]\s*/.exec(t);
    const found = lead ? tagsOf(lead[1] ?? "") : null;
    if (!lead || !found) break;
    tags.push(...found);
    t = stripEmphasisWrappers(t.slice(lead[0].length));
  }
  const trail = /\s*\[([^\]]+)\]$/.exec(t);
  const trailTags = trail ? tagsOf(trail[1] ?? "") : null;
  if (trail && trailTags) {
    tags.push(...trailTags);
    t = t.slice(0, trail.index);
  }
  let number: number | null = null;
  // "3. Title", "2) Title", and the outline numbers of Korean notes: "2-1. Title", "1.2 Title", "Ⅱ. Title".
  const num = /^(\d{1,3})(?:(?:[-.]\d{1,3})+[.)]?|[.)])\s+(?=\S)/.exec(t) ?? /^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[.)]\s+(?=\S)/.exec(t);
  if (num) {
    number = num[1] ? Number(num[1]) : null;
    t = t.slice(num[0].length);
  }
  const title = stripInline(t).replace(/^[▶►▷•·\-–—\s]+/, "").trim();
  return { title, tags: [...new Set(tags)], number };
}

function stripEmphasisWrappers(s: string): string {
  let t = s.trim();
  for (;;) {
    const m = /^(\*\*\*|\*\*|\*|__|_)(.+)\1$/.exec(t);
    if (!m) return t;
    t = (m[2] ?? "").trim();
  }
}

export function isSummaryTitle(title: string): boolean {
  return SUMMARY_RE.test(title.replace(/[:：]\s*$/, "").trim());
}

export function isReferenceTitle(title: string): boolean {
  return REFERENCE_RE.test(title.replace(/[:：]\s*$/, "").trim());
}

function roleOf(title: string): HeadingInfo["role"] {
  if (isSummaryTitle(title)) return "summary";
  if (isReferenceTitle(title)) return "reference";
  return "topic";
}

/** The level section headings use: the commonest level of tagged headings, else of `##`-or-deeper ones. */
function sectionLevel(tokens: readonly Token[]): number {
  const count = (pred: (t: Token) => boolean): Map<number, number> => {
    const m = new Map<number, number>();
    for (const t of tokens) if (t.kind === "heading" && t.level && pred(t)) m.set(t.level, (m.get(t.level) ?? 0) + 1);
    return m;
  };
  const mode = (m: Map<number, number>): number | null => {
    let best: number | null = null;
    let bestN = 0;
    for (const [lvl, n] of [...m.entries()].sort((a, b) => a[0] - b[0])) if (n > bestN) [best, bestN] = [lvl, n];
    return best;
  };
  return mode(count((t) => parseTitle(t.text).tags.length > 0)) ?? mode(count((t) => (t.level ?? 1) >= 2)) ?? 2;
}

/**
 * All headings, including bold lines that act as section headings: a bold-only line carrying exam tags
 * (`**[SAA/DVA] What is High Availability and Scalability?**`) and followed by content is a section at the
 * level tagged headings use. Plain bold lines (`**정리**`, `**개요**`) stay sub-labels.
 */
export function findHeadings(tokens: readonly Token[]): HeadingInfo[] {
  const level = sectionLevel(tokens);
  const out: HeadingInfo[] = [];
  tokens.forEach((t, idx) => {
    if (t.kind === "heading") {
      const p = parseTitle(t.text);
      const next = tokens[idx + 1];
      const via = next?.kind === "setext-underline" ? "setext" : "atx";
      out.push({ line: t.line, level: t.level ?? 1, ...p, via, role: roleOf(p.title) });
      return;
    }
    if (t.kind === "bold-line" && t.indent < 4) {
      const p = parseTitle(t.raw.trim().replace(/:\s*$/, ""));
      if (p.tags.length === 0 || !p.title) return;
      if (!hasContentAfter(tokens, idx)) return;
      out.push({ line: t.line, level, ...p, via: "bold", role: "topic" });
    }
  });
  return out;
}

function hasContentAfter(tokens: readonly Token[], idx: number): boolean {
  for (let k = idx + 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.kind === "heading") return false;
    if (t.kind !== "blank" && t.kind !== "hr") return true;
  }
  return false;
}
