// Block classification before generation: only study content yields facts. Front matter, tables of
// contents, link lists, page furniture, course logistics, memos/to-dos, reference lists and quiz blocks
// are set aside, each reported with its kind and line range so an editor can see (and override) it.
import type { Heading, List, Nodes, RootContent } from "mdast";
import type { LineRange } from "./types";
import { lineRange, linkShare, parseMarkdown, plainInline, plainText } from "./mdast";
import { readTables, type RawTable } from "./tables";
import { findAnswerTable, findQuizzes, type QuizItem } from "./quiz";

export type BlockKind = "front-matter" | "toc" | "link-list" | "furniture" | "logistics" | "memo" | "references" | "quiz" | "flashcards";

export interface SkippedBlock {
  kind: BlockKind;
  lines: LineRange;
}

export interface Classification {
  skipped: SkippedBlock[];
  /** HTML blocks and template tags (`{% hint %}`) that are not study text; not worth reporting. */
  silent: LineRange[];
  quizzes: QuizItem[];
  /** Every GFM table in the file; the caller drops those inside skipped blocks. */
  tables: RawTable[];
}

const TOC_HEADING_RE = /^(?:table of contents|contents|toc|목차|차례)$/i;
const REF_HEADING_RE = /^(?:references?|sources?|further reading|bibliography|참고(?:\s*자료|\s*문헌|\s*링크)?|출처|useful links|resources|links)$/i;
const LOGISTICS_HEADING_RE = /(?:logistics|course info(?:rmation)?|syllabus|schedule|수업\s*안내|강의\s*안내|일정)/i;
const MEMO_HEADING_RE = /^(?:to-?do|todo|할\s*일|메모|memo|homework|숙제|next steps?)\b/i;
const FURNITURE_RE =
  /(?:skip to (?:main )?content|sign in|log ?in\b|share this page|was this page helpful|last updated|min read|all rights reserved|©|edit (?:this page|on github)|subscribe|cookie|related cheat sheets|privacy|start free trial)/i;
const LOGISTICS_RE =
  /(?:\blecture \d+\b.*\b(?:monday|tuesday|wednesday|thursday|friday|room|moves?)|\bdue (?:next|on|by|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\broom [A-Z]?-?\d{2,}|office hours|\bmidterm\b|\bfinal exam\b.*\bweek\b|강의실|제출\s*마감|휴강|보강)/i;
const MEMO_RE =
  /(?:메모\s*[:：]|future me|note to self|these notes|this page\b|my notes|i write each|i started it|read these|one line = one fact|correct options are in bold|try each question|open the answer|sorry|나중에 다시|내가 정리|이번 주 할 일|할 일|영어로 먼저|typed in)/i;
const TAGS_ONLY_RE = /^(?:#[\p{L}\p{N}_/-]+\s*)+$/u;
const CALLOUT_RE = /^\[!(note|todo|tip|info|memo)\]/i;

function headingText(h: Heading): string {
  return plainText(h).replace(/^[\d.)\s]+/, "").replace(/[:：]\s*$/, "").trim();
}

function isLinkList(list: List): boolean {
  if (list.children.length < 2) return false;
  const linky = list.children.filter((it) => linkShare(it) >= 0.6).length;
  return linky / list.children.length >= 0.75;
}

function isTaskList(list: List): boolean {
  return list.children.length > 0 && list.children.every((it) => it.checked === true || it.checked === false);
}

function anchorsOnly(list: Nodes): boolean {
  let links = 0;
  let anchors = 0;
  const walk = (n: Nodes): void => {
    if (n.type === "link") {
      links++;
      if (n.url.startsWith("#") || /^\.?\/?[\w-]+(?:\/[\w-]+)*\.md(?:#.*)?$/.test(n.url)) anchors++;
    } else if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(list);
  return links > 0 && anchors / links >= 0.8;
}

function siteLinksOnly(node: Nodes): boolean {
  let links = 0;
  let site = 0;
  const walk = (n: Nodes): void => {
    if (n.type === "link") {
      links++;
      if (/^\/(?!\/)/.test(n.url) || n.url === "/" || n.url.startsWith("#")) site++;
    } else if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(node);
  return links > 0 && site === links;
}

/** Kind of one top-level block on its own, or null for study content. */
const CARD_QUESTION_RE = /^(?:Q|질문|문)\s*\d*\s*[:.)：]\s*\S/i;
// A colon only: "A." and "A)" start the first option of a quiz.
const CARD_ANSWER_RE = /^(?:A|답|정답)\s*[:：]\s*\S/i;
const OPTION_LINE_RE = /^\(?[A-Ea-e][.)]\s/m;

/**
 * A question-and-answer card ("Q: How do you …?" then "A: Use …", in one paragraph or two): an
 * open question with no options, so neither a fact (the answer alone asserts nothing without its
 * question) nor a quiz item.
 */
function isFlashcard(text: string, prev: RootContent | undefined, next: RootContent | undefined): boolean {
  if (OPTION_LINE_RE.test(text)) return false;
  const startsWith = (n: RootContent | undefined, re: RegExp) => n?.type === "paragraph" && re.test(plainText(n));
  // The answer line of the same paragraph may come back joined to the question ("…? A: Use …").
  if (CARD_QUESTION_RE.test(text)) return /(?:^|[\s?？.。])(?:A|답|정답)\s*[:：]\s*\S/m.test(text.replace(CARD_QUESTION_RE, "")) || startsWith(next, CARD_ANSWER_RE);
  return CARD_ANSWER_RE.test(text) && startsWith(prev, CARD_QUESTION_RE);
}

function blockKind(node: RootContent, prev: RootContent | undefined, next: RootContent | undefined, firstHeadingLine: number): BlockKind | null {
  const text = plainText(node);
  switch (node.type) {
    case "yaml":
      return "front-matter";
    case "html": {
      const t = node.value;
      if (/<(?:nav|footer|button|header)\b|class="(?:byline|feedback|breadcrumbs?)"/i.test(t) || FURNITURE_RE.test(t)) return "furniture";
      return null;
    }
    case "list": {
      if (isTaskList(node) && !/\?\s*$/.test(prev ? plainText(prev) : "")) return "memo";
      if (isLinkList(node)) {
        if (anchorsOnly(node)) return "toc";
        if (siteLinksOnly(node) && node.children.every((it) => plainText(it).split(/\s+/).length <= 4)) return "furniture";
        if (anchorsOnly(node) || lineRange(node)[0] < firstHeadingLine + 12) return anchorsOnly(node) ? "toc" : "link-list";
        return "link-list";
      }
      return null;
    }
    case "blockquote": {
      if (CALLOUT_RE.test(text) && /\[!todo\]/i.test(text)) return "memo";
      if (MEMO_RE.test(text) && text.length < 400) return "memo";
      return null;
    }
    case "paragraph": {
      if (isFlashcard(text, prev, next)) return "flashcards";
      if (TAGS_ONLY_RE.test(text)) return "furniture";
      if (FURNITURE_RE.test(text) && text.length < 300) return "furniture";
      if (/\[\[[^\]]+\]\]/.test(text) && (text.match(/\[\[/g)?.length ?? 0) >= 2) return "link-list";
      if (linkShare(node) >= 0.5 && /^(?:related|see also|links?|참고|관련)\b/i.test(text)) return "link-list";
      if (FURNITURE_RE.test(text) && text.length < 300) return "furniture";
      if (text.length < 300 && LOGISTICS_RE.test(text)) return "logistics";
      if (/^(?:homework|to-?do|숙제|할 일)\b/i.test(text)) return "memo";
      if (text.length < 200 && MEMO_RE.test(text)) return "memo";
      if (/^\{%/.test(text) && /last updated/i.test(text)) return "furniture";
      return null;
    }
    case "table": {
      // A table whose rows are mostly links is a contents table or a further-reading table.
      // A table whose every row links to the file's own sections ("| Ports | [go](#ports) |") is a contents table.
      const body = node.children.slice(1);
      if (body.length === 0) return null;
      if (anchorsOnly(node) && body.every((r) => linkShare(r) > 0)) return "toc";
      if (body.filter((r) => linkShare(r) >= 0.5).length / body.length < 0.75) return null;
      return "link-list";
    }
    case "thematicBreak":
      return null;
    default:
      return null;
  }
}

/** Classifies the top-level blocks of a notes file; quiz items are found line-wise (their shapes vary). */
export function classifyBlocks(markdown: string, lines: readonly string[]): Classification {
  const root = parseMarkdown(markdown);
  const kids = root.children;
  const firstHeading = kids.find((k) => k.type === "heading");
  const firstHeadingLine = firstHeading ? lineRange(firstHeading)[0] : 1;
  const raw: SkippedBlock[] = [];
  const silent: LineRange[] = [];
  lines.forEach((l, i) => {
    if (/^\s*\{%.*%\}\s*$/.test(l)) silent.push([i + 1, i + 1]);
  });
  let sectionKind: { kind: BlockKind; depth: number } | null = null;
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i];
    if (!node) continue;
    if (node.type === "heading") {
      if (sectionKind && node.depth <= sectionKind.depth) sectionKind = null;
      const t = headingText(node);
      const kind: BlockKind | null = TOC_HEADING_RE.test(t)
        ? "toc"
        : REF_HEADING_RE.test(t)
          ? "references"
          : LOGISTICS_HEADING_RE.test(t)
            ? "logistics"
            : MEMO_HEADING_RE.test(t)
              ? "memo"
              : null;
      if (kind) {
        sectionKind = { kind, depth: node.depth };
        raw.push({ kind, lines: lineRange(node) });
      }
      continue;
    }
    if (sectionKind) {
      raw.push({ kind: sectionKind.kind, lines: lineRange(node) });
      continue;
    }
    const kind = blockKind(node, kids[i - 1], kids[i + 1], firstHeadingLine);
    if (!kind && node.type === "html" && !/<details|<summary/i.test(node.value)) silent.push(lineRange(node));
    if (!kind) continue;
    const range = lineRange(node);
    // A short lead-in line right above a memo list or link list ("이번 주 할 일", "Useful links:") belongs to it.
    const prev = kids[i - 1];
    if (prev && prev.type === "paragraph" && (kind === "memo" || kind === "link-list") && node.type === "list") {
      const pt = plainText(prev);
      const pr = lineRange(prev);
      if (pt.length <= 80 && (pr[1] === range[0] - 1 || /[:：]$/.test(pt) || MEMO_HEADING_RE.test(pt) || /할 일|links?/i.test(pt))) range[0] = pr[0];
    }
    raw.push({ kind, lines: range });
  }

  const quizzes = findQuizzes(lines);
  for (const q of quizzes) raw.push({ kind: "quiz", lines: q.lines });
  const table = findAnswerTable(lines);
  if (table && quizzes.length > 0) raw.push({ kind: "quiz", lines: table.lines });

  return { skipped: mergeAdjacent(raw, lines), silent, quizzes, tables: readTables(root) };
}

/** Same-kind blocks separated only by blank lines or rules are one range; overlaps collapse. */
function mergeAdjacent(blocks: SkippedBlock[], lines: readonly string[]): SkippedBlock[] {
  const sorted = [...blocks].sort((a, b) => a.lines[0] - b.lines[0]);
  const out: SkippedBlock[] = [];
  for (const b of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === b.kind) {
      let gapOnly = true;
      for (let ln = prev.lines[1] + 1; ln < b.lines[0]; ln++) {
        const l = (lines[ln - 1] ?? "").trim();
        if (l && plainInline(l) && !/^(?:-{3,}|\*{3,}|_{3,})$/.test(l) && !/^<\/?main\b/.test(l)) gapOnly = false;
      }
      if (gapOnly) {
        prev.lines = [prev.lines[0], Math.max(prev.lines[1], b.lines[1])];
        continue;
      }
    }
    if (prev && b.lines[0] <= prev.lines[1]) {
      prev.lines = [prev.lines[0], Math.max(prev.lines[1], b.lines[1])];
      continue;
    }
    out.push({ kind: b.kind, lines: [b.lines[0], b.lines[1]] });
  }
  return out;
}
