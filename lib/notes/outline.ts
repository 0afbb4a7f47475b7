// Topic tree: which headings are topics, their line ranges, preamble/reference skipping, repeated titles.
import type { LineRange, SkippedRange } from "./types";
import type { Token } from "./lex";
import type { HeadingInfo } from "./headings";
import { DEPRECATED_RE } from "./headings";
import { isPreamble } from "./preamble";
import { slugify, uniqueSlug } from "./slug";
import { normalizeForMatch, similarity, stripInline } from "./text";

export interface OutlineTopic {
  heading: HeadingInfo | null;
  title: string;
  originalTitle?: string;
  tags: string[];
  level: number;
  start: number;
  end: number;
  parent: OutlineTopic | null;
  children: OutlineTopic[];
  slug: string;
  path: string;
  depth: number;
  deprecated: boolean;
  mergedCopies: LineRange[];
}

export interface Outline {
  topics: OutlineTopic[];
  /** Headings that bound content (topics, summary and reference headings), outside skipped ranges. */
  boundaries: HeadingInfo[];
  skipped: SkippedRange[];
}

/** Two sections under one title with body similarity at or above this are one section pasted twice. */
export const DUPLICATE_SECTION_SIMILARITY = 0.8;

const TRIM_KINDS = new Set(["blank", "hr", "fence", "html", "setext-underline"]);
const CONTENT_KINDS = new Set(["text", "item", "arrow", "quote", "bold-line", "heading"]);

export function buildOutline(lines: readonly string[], tokens: readonly Token[], headings: readonly HeadingInfo[], fileTitle: string): Outline {
  const byLine = new Map<number, Token>(tokens.map((t) => [t.line, t]));
  const lastLine = lines.length;
  const skipped: SkippedRange[] = [];
  const inSkipped = (line: number): boolean => skipped.some((s) => line >= s.lines[0] && line <= s.lines[1]);

  // Code fences are never topics or facts (prose fences were already lexed as content).
  for (const t of tokens) if (t.kind === "code") skipped.push({ lines: [t.line, t.line], reason: "code" });

  // Preamble: any top-level block (or the text before the first heading) written to an assistant.
  const topicHeadings = headings.filter((h) => h.role === "topic");
  const minLevel = Math.min(...topicHeadings.map((h) => h.level), 6);
  const tops = headings.filter((h) => h.level <= minLevel);
  const blocks: Array<{ start: number; end: number }> = [];
  // Everything before the first top-level heading is one block, deeper headings included.
  const firstTopLine = tops[0]?.line ?? lastLine + 1;
  if (firstTopLine > 1) blocks.push({ start: 1, end: firstTopLine - 1 });
  tops.forEach((h, k) => blocks.push({ start: h.line, end: (tops[k + 1]?.line ?? lastLine + 1) - 1 }));
  for (const b of blocks) {
    const inBlock = headings.filter((h) => h.line >= b.start && h.line <= b.end);
    const headingLines = new Set(inBlock.map((h) => h.line));
    const body: string[] = [];
    for (let ln = b.start; ln <= b.end; ln++) if (!headingLines.has(ln) && (lines[ln - 1] ?? "").trim()) body.push(lines[ln - 1] ?? "");
    if (body.length === 0 && inBlock.length === 0) continue;
    if (isPreamble(inBlock.map((h) => h.title), body)) skipped.push({ lines: [b.start, b.end], reason: "preamble" });
  }

  const live = headings.filter((h) => !inSkipped(h.line));
  // Reference footers (`#### ▶ Reference`) run to the next heading at their level or above.
  live.forEach((h, k) => {
    if (h.role !== "reference") return;
    const next = live.slice(k + 1).find((o) => o.level <= h.level);
    skipped.push({ lines: [h.line, (next?.line ?? lastLine + 1) - 1], reason: "reference" });
  });
  const boundaries = live;

  const trimEnd = (start: number, end: number): number => {
    let e = end;
    while (e > start) {
      const t = byLine.get(e);
      if (t && !TRIM_KINDS.has(t.kind) && !inSkipped(e)) break;
      if (!t && (lines[e - 1] ?? "").trim() && !inSkipped(e)) break;
      e--;
    }
    return e;
  };

  const topics: OutlineTopic[] = [];
  const stack: OutlineTopic[] = [];
  const topicHs = boundaries.filter((h) => h.role === "topic");
  for (const h of topicHs) {
    const next = boundaries.find((o) => o.line > h.line && o.level <= h.level);
    const end = trimEnd(h.line, (next?.line ?? lastLine + 1) - 1);
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= h.level) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const t: OutlineTopic = {
      heading: h,
      title: h.title,
      tags: h.tags,
      level: h.level,
      start: h.line,
      end,
      parent,
      children: [],
      slug: "",
      path: "",
      depth: parent ? parent.depth + 1 : 1,
      deprecated: DEPRECATED_RE.test(h.title) || (parent?.deprecated ?? false),
      mergedCopies: [],
    };
    parent?.children.push(t);
    topics.push(t);
    stack.push(t);
  }

  // Content before the first topic heading (and not a preamble) gets a topic named after the file.
  const firstTopicLine = topics[0]?.start ?? lastLine + 1;
  let firstContent = 0;
  for (let ln = 1; ln < firstTopicLine; ln++) {
    const t = byLine.get(ln);
    if (t && CONTENT_KINDS.has(t.kind) && !inSkipped(ln)) {
      firstContent = ln;
      break;
    }
  }
  if (firstContent > 0) {
    const intro: OutlineTopic = {
      heading: null,
      title: fileTitle,
      tags: [],
      level: 0,
      start: firstContent,
      end: trimEnd(firstContent, firstTopicLine - 1),
      parent: null,
      children: [],
      slug: "",
      path: "",
      depth: 1,
      deprecated: false,
      mergedCopies: [],
    };
    topics.unshift(intro);
  }

  const kept = mergeRepeatedTitles(topics, lines, skipped);
  assignPaths(kept);
  return { topics: kept, boundaries, skipped };
}

function bodyText(t: OutlineTopic, lines: readonly string[]): string {
  const own = t.children[0] ? t.children[0].start - 1 : t.end;
  return lines
    .slice(t.start, Math.max(t.start, own))
    .map((l) => stripInline(l))
    .join(" ");
}

/**
 * Siblings with one title: a near-identical body is a paste of the same section (merged into the first);
 * a different body is a different section that reused the title (kept, with a derived title).
 */
function mergeRepeatedTitles(topics: OutlineTopic[], lines: readonly string[], skipped: SkippedRange[]): OutlineTopic[] {
  const removed = new Set<OutlineTopic>();
  const groups = new Map<string, OutlineTopic[]>();
  for (const t of topics) {
    const key = `${t.parent ? topics.indexOf(t.parent) : -1}|${normalizeForMatch(t.title)}`;
    const seen = groups.get(key) ?? [];
    const twin = seen.find((s) => similarity(bodyText(s, lines), bodyText(t, lines)) >= DUPLICATE_SECTION_SIMILARITY);
    if (twin) {
      twin.mergedCopies.push([t.start, t.end]);
      skipped.push({ lines: [t.start, t.end], reason: "duplicate-section" });
      markRemoved(t, removed);
      continue;
    }
    if (seen.length > 0) {
      t.originalTitle = t.title;
      t.title = derivedTitle(t, lines, seen.length + 1);
    }
    seen.push(t);
    groups.set(key, seen);
  }
  for (const t of topics) if (t.parent) t.parent.children = t.parent.children.filter((c) => !removed.has(c));
  return topics.filter((t) => !removed.has(t));
}

function markRemoved(t: OutlineTopic, removed: Set<OutlineTopic>): void {
  removed.add(t);
  for (const c of t.children) markRemoved(c, removed);
}

const META_SUBJECT_RE = /\s*(?:을|를|에 대해|에 대해서)?\s*(?:살펴보자|알아보자|확인해\s*보자|정리해\s*보자|살펴봅시다|알아봅시다)\.?$/;

/** "Elastic Load Balancer - Monitoring, ..." used twice → "Elastic Load Balancer - 대상 그룹에 설정할 수 있는 모든 옵션". */
function derivedTitle(t: OutlineTopic, lines: readonly string[], n: number): string {
  const orig = t.title;
  for (let ln = t.start + 1; ln <= Math.min(t.end, t.start + 5); ln++) {
    const raw = (lines[ln - 1] ?? "").replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "");
    const text = stripInline(raw).replace(/^\*\*|\*\*$/g, "");
    if (!text) continue;
    const lead = /^(?:let'?s\s+(?:look at|review|see)\s+)(.+?)\.?$/i.exec(text);
    const subject = lead?.[1] ?? (META_SUBJECT_RE.test(text) ? text.replace(META_SUBJECT_RE, "") : null);
    if (subject && subject.length >= 4) {
      const head = orig.split(/\s+[-–—:]\s+/)[0] ?? orig;
      return `${head} - ${subject}`;
    }
    break;
  }
  return `${orig} (${n})`;
}

function assignPaths(topics: OutlineTopic[]): void {
  const takenByParent = new Map<OutlineTopic | null, Set<string>>();
  for (const t of topics) {
    const taken = takenByParent.get(t.parent) ?? new Set<string>();
    takenByParent.set(t.parent, taken);
    t.slug = uniqueSlug(slugify(t.originalTitle ?? t.title), taken);
    taken.add(t.slug);
    t.path = t.parent ? `${t.parent.path}/${t.slug}` : t.slug;
  }
}

/** A label line with the last line of the facts under it (see promoteListLabels). */
export interface ListLabel {
  line: number;
  text: string;
  lastLine: number;
}

/**
 * A label line directly over a list ("S3 tips:", "**Exam tips**") heads a group of facts the way a heading
 * would: it becomes a sub-topic of the topic it sits in, from the label to the last line under it, so
 * exam-tips files with one heading and many labelled lists get topics (and per-topic question quotas)
 * per group. Returns the lines of the labels that became topics; `topics` is updated in place.
 */
export function promoteListLabels(topics: OutlineTopic[], labels: readonly ListLabel[]): Set<number> {
  const promoted = new Set<number>();
  const added: OutlineTopic[] = [];
  for (const l of labels) {
    let owner: OutlineTopic | undefined;
    for (const t of topics) if (l.line > t.start && l.line <= t.end && (!owner || t.depth > owner.depth)) owner = t;
    if (!owner || l.lastLine > owner.end || !slugify(l.text)) continue;
    if (normalizeForMatch(l.text) === normalizeForMatch(owner.title)) continue;
    if (owner.children.some((c) => c.start > l.line && c.start <= l.lastLine)) continue;
    const t: OutlineTopic = {
      heading: null,
      title: l.text,
      tags: [],
      level: owner.level + 0.5,
      start: l.line,
      end: l.lastLine,
      parent: owner,
      children: [],
      slug: "",
      path: "",
      depth: owner.depth + 1,
      deprecated: owner.deprecated,
      mergedCopies: [],
    };
    owner.children.push(t);
    owner.children.sort((a, b) => a.start - b.start);
    added.push(t);
    promoted.add(l.line);
  }
  for (const t of added) {
    const parent = t.parent;
    if (!parent) continue;
    const taken = new Set(parent.children.filter((c) => c.slug).map((c) => c.slug));
    t.slug = uniqueSlug(slugify(t.title), taken);
    t.path = `${parent.path}/${t.slug}`;
  }
  topics.push(...added);
  topics.sort((a, b) => a.start - b.start || a.depth - b.depth);
  return promoted;
}
