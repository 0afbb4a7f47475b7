// parseNotes: markdown study notes → topic tree + atomic facts with 1-based inclusive line ranges.
import type { Fact, LineRange, ListBlock, NotesTable, ParsedNotes, SubLabel, Topic } from "./types";
import { lex } from "./lex";
import { classifyBlocks } from "./blocks";
import { slugify } from "./slug";
import { findHeadings } from "./headings";
import { buildOutline, promoteListLabels, type ListLabel, type OutlineTopic } from "./outline";
import type { RawTable } from "./tables";
import { extractFacts, factText, type Extraction, type RawFact } from "./facts";
import { findRestatements } from "./dedupe";
import { hangulRatio } from "./text";
import { isGenericName } from "./concepts";

export function parseNotes(markdown: string, file: string): ParsedNotes {
  const text = markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const original = text.split("\n");
  if (original.length > 0 && original[original.length - 1] === "") original.pop();
  // Non-study blocks (front matter, TOC, furniture, memos, quizzes, ...) are blanked before the outline
  // and facts are built, so they can yield no fact; line numbers stay those of the file.
  const blocks = classifyBlocks(text, original);
  const lines = [...original];
  for (const b of [...blocks.skipped.map((x) => x.lines), ...blocks.silent]) for (let ln = b[0]; ln <= b[1]; ln++) lines[ln - 1] = "";
  const tokens = lex(lines);
  const headings = findHeadings(tokens);
  const outline = buildOutline(lines, tokens, headings, fileTitle(file));

  const skippedLine = new Uint8Array(lines.length + 2);
  for (const s of outline.skipped) for (let ln = s.lines[0]; ln <= s.lines[1]; ln++) skippedLine[ln] = 1;
  const ex = extractFacts(tokens, outline.boundaries, (ln) => skippedLine[ln] === 1);

  liftTrailingSummaries(outline.topics, ex, lines);
  const promotedLines = promoteListLabels(outline.topics, listLabels(ex));
  const promoted = new Set(ex.labels.filter((l) => promotedLines.has(l.line)).map((l) => l.idx));
  const owner = ownerTable(outline.topics, lines.length);
  dedupeSummaries(ex, owner);
  applyDeprecation(outline, ex, lines.length);

  // A references block keeps the outline's own name for it ("reference"), so both report alike.
  const skipped = [...outline.skipped, ...blocks.skipped.map((b) => ({ lines: b.lines, reason: b.kind === "references" ? ("reference" as const) : b.kind }))];
  const parsed = assemble(file, lines.length, outline.topics, skipped, ex, owner, promoted);
  parsed.tables = studyTables(blocks.tables, (ln) => !!lines[ln - 1]?.trim() && skippedLine[ln] !== 1, owner, parsed.topics);
  parsed.quizzes = blocks.quizzes;
  // A quiz block's lines were blanked, so the topic it sits in may have been trimmed before it: extend it.
  for (const q of blocks.quizzes) {
    const starts = parsed.topics.filter((t) => t.lines[0] <= q.line);
    const holder = starts.reduce<Topic | undefined>((b, t) => (!b || t.lines[0] >= b.lines[0] ? t : b), undefined);
    for (let t = holder; t; t = t.parentPath ? parsed.topics.find((p) => p.path === t?.parentPath) : undefined) {
      t.lines = [t.lines[0], Math.max(t.lines[1], q.lines[1])];
    }
  }
  // A file that is only a quiz still needs a topic to hold its questions.
  if (blocks.quizzes.length > 0 && parsed.topics.length === 0) {
    const title = fileTitle(file);
    parsed.topics.push({ path: slugify(title) || "notes", title, examTags: [], lines: [1, lines.length], depth: 1, parentPath: null, children: [] });
  }
  return parsed;
}

function fileTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(md|markdown)$/i, "") || "notes";
}

/** Innermost topic whose range holds a line. */
function ownerFinder(topics: readonly OutlineTopic[]): (line: number) => OutlineTopic | undefined {
  return (line) => {
    let best: OutlineTopic | undefined;
    for (const t of topics) if (line >= t.start && line <= t.end && (!best || t.depth > best.depth || (t.depth === best.depth && t.start > best.start))) best = t;
    return best;
  };
}

/**
 * ownerFinder as a per-line table, built once the topic ranges are final: asking it for every fact
 * is then linear in the notes (a scan over all topics per fact grew quadratically with long notes).
 */
function ownerTable(topics: readonly OutlineTopic[], lastLine: number): (line: number) => OutlineTopic | undefined {
  const table: Array<OutlineTopic | undefined> = new Array(lastLine + 2);
  for (const t of topics) {
    for (let ln = Math.max(0, t.start); ln <= Math.min(lastLine + 1, t.end); ln++) {
      const best = table[ln];
      if (!best || t.depth > best.depth || (t.depth === best.depth && t.start > best.start)) table[ln] = t;
    }
  }
  return (line) => table[line];
}

const BODY_KINDS = new Set(["statement", "definition", "example"]);

function liveSummaryFacts(ex: Extraction, block: number): RawFact[] {
  return ex.facts.filter((f) => f.summaryBlock === block && !f.dropped && f.kind !== "label" && f.kind !== "struck");
}

/**
 * A `**정리**` block at the end of a section's last subsection usually summarises the whole section
 * (soa lines 99-117 close "Partition" but restate Cluster and Spread too): when its bullets restate
 * facts from two or more topics of the section, it moves up to the parent and the subsection ends before it.
 */
function liftTrailingSummaries(topics: OutlineTopic[], ex: Extraction, lines: readonly string[]): void {
  for (const sb of ex.summaries) {
    if (sb.viaHeading) continue;
    const owner = ownerFinder(topics);
    const t = owner(sb.start);
    const p = t?.parent;
    if (!t || !p || p.children[p.children.length - 1] !== t || sb.end < t.end || t.children.length > 0) continue;
    const body = ex.facts.filter((f) => !f.dropped && f.summaryBlock === null && BODY_KINDS.has(f.kind) && f.line >= p.start && f.line < sb.start);
    const hits = findRestatements(body, liveSummaryFacts(ex, sb.id), factText);
    const hitTopics = new Set(hits.map((h) => owner(h.body.line)));
    if (hitTopics.size < 2) continue;
    let end = sb.start - 1;
    while (end > t.start && !(lines[end - 1] ?? "").trim()) end--;
    t.end = end;
  }
}

/** Each summary bullet replaces the body facts of its topic (and subtopics) that it restates. */
function dedupeSummaries(ex: Extraction, owner: (line: number) => OutlineTopic | undefined): void {
  for (const sb of ex.summaries) {
    const o = owner(sb.start);
    if (!o) continue;
    const body = ex.facts.filter((f) => !f.dropped && f.summaryBlock === null && BODY_KINDS.has(f.kind) && f.line >= o.start && f.line <= o.end);
    for (const h of findRestatements(body, liveSummaryFacts(ex, sb.id), factText)) {
      h.body.dropped = true;
      h.summary.restates.push({ lines: [h.body.line, h.body.endLine], idx: h.body.idx });
    }
  }
}

/**
 * Deprecation: a heading saying "deprecated" flags its whole topic; a standalone marker line
 * (`***스팟 블록은 Deprecated 되었음***`) flags the segment it closes (from the previous heading or
 * sub-label to the next); a bullet saying "(deprecated)" flags itself and its children.
 */
function applyDeprecation(outline: { topics: OutlineTopic[]; boundaries: Array<{ line: number }> }, ex: Extraction, lastLine: number): void {
  const bounds = [...outline.boundaries.map((b) => b.line), ...ex.labels.filter((l) => l.style !== "plain").map((l) => l.line)].sort((a, b) => a - b);
  const spans: LineRange[] = [];
  for (const m of ex.deprecationMarkers) {
    const start = [...bounds].reverse().find((b) => b < m) ?? 1;
    const end = (bounds.find((b) => b > m) ?? lastLine + 1) - 1;
    spans.push([start, end]);
  }
  for (const t of outline.topics) if (t.deprecated) spans.push([t.start, t.end]);
  const flagged = new Set<number>();
  for (const f of ex.facts) {
    if (spans.some(([s, e]) => f.line >= s && f.line <= e)) flagged.add(f.idx);
  }
  // Children of a deprecated bullet inherit the flag (facts are in document order: parents first).
  for (const f of ex.facts) if (f.deprecatedSelf || (f.parent !== null && flagged.has(f.parent))) flagged.add(f.idx);
  for (const idx of flagged) {
    const f = ex.facts[idx];
    if (f) f.deprecatedSelf = true;
  }
}

/**
 * Labels over a list of two or more bullets (the list starting on the next line, or after one blank line),
 * with the list's last line: a paragraph after the list is no longer the label's group. A generic label
 * ("개요", "Overview", "Examples") names a part of its topic, not a topic, and stays a sub-label.
 */
function listLabels(ex: Extraction): ListLabel[] {
  const under = new Map<number, RawFact[]>();
  for (const f of ex.facts) {
    if (f.label === null || f.dropped) continue;
    const group = under.get(f.label);
    if (group) group.push(f);
    else under.set(f.label, [f]);
  }
  return ex.labels.flatMap((l) => {
    const facts = under.get(l.idx) ?? [];
    const first = facts[0];
    if (l.style === "summary" || isGenericName(l.text) || !first?.isItem || first.line > l.line + 2) return [];
    const end = facts.findIndex((f) => !f.isItem && f.parent === null);
    const list = end < 0 ? facts : facts.slice(0, end);
    if (list.filter((f) => f.isItem).length < 2) return [];
    return [{ line: l.line, text: l.text, lastLine: Math.max(...list.map((f) => f.endLine)) }];
  });
}

/** Tables in study content (not blanked as a skipped block, not in a skipped range), with their topic. */
function studyTables(raw: readonly RawTable[], live: (line: number) => boolean, owner: (line: number) => OutlineTopic | undefined, topics: readonly Topic[]): NotesTable[] {
  const byPath = new Map(topics.map((t) => [t.path, t]));
  const chain = (t: Topic | undefined): string[] => (t ? [...chain(t.parentPath ? byPath.get(t.parentPath) : undefined), t.title] : []);
  return raw.flatMap((t) => {
    const o = owner(t.lines[0]);
    if (!o || !live(t.lines[0]) || t.rows.length === 0) return [];
    return [{ id: `table-L${t.lines[0]}`, topicPath: o.path, headingPath: chain(byPath.get(o.path)), lines: [t.lines[0], Math.min(t.lines[1], o.end)] as LineRange, header: t.header, rows: t.rows.filter((r) => r.line <= o.end), linkedShare: t.linkedShare }];
  });
}

function assemble(
  file: string,
  lineCount: number,
  outlineTopics: readonly OutlineTopic[],
  skipped: ParsedNotes["skipped"],
  ex: Extraction,
  owner: (line: number) => OutlineTopic | undefined,
  promoted: ReadonlySet<number>,
): ParsedNotes {
  const titleChain = (t: OutlineTopic): string[] => (t.parent ? [...titleChain(t.parent), t.title] : [t.title]);
  const topics: Topic[] = outlineTopics.map((t) => {
    const topic: Topic = {
      path: t.path,
      title: t.title,
      examTags: t.tags,
      lines: [t.start, t.end],
      depth: t.depth,
      parentPath: t.parent?.path ?? null,
      children: t.children.map((c) => c.path),
    };
    if (t.originalTitle) topic.originalTitle = t.originalTitle;
    if (t.mergedCopies.length > 0) topic.mergedCopies = t.mergedCopies;
    if (t.deprecated) topic.deprecated = true;
    return topic;
  });

  // Ids: L<line>, with .2, .3 for further facts starting on the same line.
  const ids = new Map<number, string>();
  const perLine = new Map<number, number>();
  for (const f of ex.facts) {
    if (f.dropped) continue;
    const n = (perLine.get(f.line) ?? 0) + 1;
    perLine.set(f.line, n);
    ids.set(f.idx, n === 1 ? `L${f.line}` : `L${f.line}.${n}`);
  }
  // A label that became a topic names the facts' topic already: it is not also their sub-label.
  const labelId = (idx: number | null): string | null => (idx === null || promoted.has(idx) ? null : `label-L${ex.labels[idx]?.line ?? 0}`);

  const facts: Fact[] = [];
  for (const f of ex.facts) {
    const id = ids.get(f.idx);
    const t = owner(f.line);
    if (!id || !t) continue;
    const label = f.label !== null && !promoted.has(f.label) ? ex.labels[f.label] : undefined;
    const context: string[] = [];
    for (let p = f.parent; p !== null; ) {
      const pf = ex.facts[p];
      if (!pf) break;
      context.unshift(factText(pf));
      p = pf.parent;
    }
    const fact: Fact = {
      id,
      topicPath: t.path,
      text: factText(f),
      lines: [f.line, Math.min(Math.max(f.line, f.endLine), t.end)],
      kind: f.kind,
      headingPath: label ? [...titleChain(t), label.text] : titleChain(t),
      context,
      parentId: f.parent !== null ? (ids.get(f.parent) ?? null) : null,
      listId: f.listKey ? `list-L${f.listKey}` : null,
      labelId: labelId(f.label),
      inSummary: f.summaryBlock !== null,
    };
    if (f.term) fact.term = f.term;
    if (f.restates.length > 0) {
      fact.restates = f.restates.map((r) => {
        const b = ex.facts[r.idx];
        return { lines: r.lines, topicPath: (b && owner(b.line)?.path) ?? t.path, text: b ? factText(b) : "" };
      });
    }
    if (f.struck) fact.struck = f.struck;
    if (f.deprecatedSelf) fact.deprecated = true;
    facts.push(fact);
  }

  const lists: ListBlock[] = [];
  for (const l of ex.lists) {
    const items = l.items.map((i) => ex.facts[i]).filter((f): f is RawFact => !!f && !f.dropped && ids.has(f.idx));
    const first = items[0];
    const last = items[items.length - 1];
    const t = first ? owner(first.line) : undefined;
    if (!first || !last || !t) continue;
    lists.push({
      id: `list-L${l.key}`,
      topicPath: t.path,
      parentId: l.parent !== null ? (ids.get(l.parent) ?? null) : null,
      lead: l.lead,
      labelId: labelId(l.label),
      itemIds: items.map((f) => ids.get(f.idx) ?? ""),
      lines: [first.line, Math.min(t.end, Math.max(...items.map((f) => f.endLine)))],
    });
  }

  const labels: SubLabel[] = [];
  for (const l of ex.labels) {
    const t = owner(l.line);
    if (t) labels.push({ id: `label-L${l.line}`, topicPath: t.path, text: l.text, line: l.line, style: l.style });
  }

  const language = hangulRatio(facts.map((f) => f.text).join(" ")) >= 0.2 ? "ko" : "en";
  const sortedSkipped = [...skipped].sort((a, b) => a.lines[0] - b.lines[0]);
  return { file, language, lineCount, topics, facts, lists, labels, skipped: mergeCodeRanges(sortedSkipped), quizzes: [], tables: [] };
}

/** Adjacent one-line `code` ranges collapse into one range per block. */
function mergeCodeRanges(skipped: ParsedNotes["skipped"]): ParsedNotes["skipped"] {
  const out: ParsedNotes["skipped"] = [];
  for (const s of skipped) {
    const prev = out[out.length - 1];
    if (prev && prev.reason === s.reason && s.lines[0] <= prev.lines[1] + 1) prev.lines = [prev.lines[0], Math.max(prev.lines[1], s.lines[1])];
    else out.push({ lines: [s.lines[0], s.lines[1]], reason: s.reason });
  }
  return out;
}
