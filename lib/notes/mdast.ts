// Markdown → mdast (unified + remark-parse + remark-gfm + remark-frontmatter); plain text from the tree.
// Text that reaches a question is built from text nodes only, so HTML, entities, escapes and link
// targets cannot leak into a stem or a choice by construction.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import type { Nodes, Root, RootContent } from "mdast";
import type { LineRange } from "./types";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml", "toml"]);

/** Lines per parse at most, where a heading allows a cut (see parseMarkdown). */
const CHUNK_LINES = 300;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The tree of a notes file, parsed in pieces cut just before a heading (outside code fences)
 * every ~300 lines and joined, positions shifted back to the file's. micromark's resolvers
 * (GFM tables among them) edit one event list per parse, and that costs quadratic time on a
 * long document: 8 pasted copies of the 1,327-line seed took 9× the time of one. A heading
 * closes every open block, so the cut changes no block; only a link reference definition
 * used in another piece is not resolved (notes rarely have them).
 */
export function parseMarkdown(markdown: string): Root {
  const lines = markdown.split("\n");
  if (lines.length <= CHUNK_LINES) return processor.parse(markdown) as Root;
  const root: Root = { type: "root", children: [] };
  let start = 0;
  let offset = 0;
  let fence: string | null = null;
  const flush = (end: number) => {
    const text = lines.slice(start, end).join("\n") + (end < lines.length ? "\n" : "");
    const part = processor.parse(text) as Root;
    for (const child of part.children) {
      shiftPositions(child, start, offset);
      root.children.push(child);
    }
    offset += text.length;
    start = end;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = FENCE.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker[0]!;
      else if (marker[0] === fence) fence = null;
      continue;
    }
    if (fence === null && i - start >= CHUNK_LINES && ATX_HEADING.test(line)) flush(i);
  }
  flush(lines.length);
  const last = lines[lines.length - 1]!;
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: { line: lines.length, column: last.length + 1, offset: markdown.length } };
  return root;
}

function shiftPositions(node: Nodes, lines: number, offset: number): void {
  const position = node.position;
  if (position) {
    position.start.line += lines;
    position.end.line += lines;
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
  }
  if ("children" in node) for (const child of node.children as Nodes[]) shiftPositions(child, lines, offset);
}

export function lineRange(node: Nodes): LineRange {
  const s = node.position?.start.line ?? 1;
  const e = node.position?.end.line ?? s;
  return [s, e];
}

/** Plain text of a node: text, inline code and image alt dropped; HTML dropped; breaks become spaces. */
export function plainText(node: Nodes): string {
  const parts: string[] = [];
  const walk = (n: Nodes): void => {
    switch (n.type) {
      case "text":
      case "inlineCode":
        parts.push(n.value);
        return;
      case "html":
      case "image":
      case "imageReference":
      case "yaml":
      case "footnoteReference":
        parts.push(" ");
        return;
      case "break":
        parts.push(" ");
        return;
      default:
        if ("children" in n) {
          for (const c of n.children as Nodes[]) walk(c);
          if (n.type === "paragraph" || n.type === "listItem" || n.type === "tableCell" || n.type === "heading") parts.push(" ");
        }
    }
  };
  walk(node);
  return cleanPlain(parts.join(""));
}

/** Share (0..1) of a node's visible text that sits inside links. */
export function linkShare(node: Nodes): number {
  const all = plainText(node).replace(/[\s·|,;:•-]+/g, "").length;
  if (all === 0) return 0;
  let linked = 0;
  const walk = (n: Nodes): void => {
    if (n.type === "link" || n.type === "linkReference") linked += plainText(n).replace(/[\s·|,;:•-]+/g, "").length;
    else if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(node);
  return linked / all;
}

/** Inline markdown string → plain text through the tree (used for one line or one cell). */
const inlineCache = new Map<string, string>();
export function plainInline(md: string): string {
  const hit = inlineCache.get(md);
  if (hit !== undefined) return hit;
  const root = parseMarkdown(md);
  const out = cleanPlain(root.children.map((c) => plainText(c)).join(" "));
  if (inlineCache.size > 20_000) inlineCache.clear();
  inlineCache.set(md, out);
  return out;
}

/** Last-resort cleanup for text that came from outside the tree: nothing tag- or entity-like survives. */
export function cleanPlain(s: string): string {
  return s
    .replace(/<\/?[a-zA-Z][^>]*>?/g, " ")
    .replace(/&(?:#x?[0-9a-fA-F]+|[a-zA-Z]{2,8});/g, " ")
    .replace(/\{%[^%]*%\}/g, " ")
    .replace(/\\([\\`*_{}[\]()#+\-.!~|>&])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Markup that must never appear in a question (tests and the honesty filter use it). */
export const MARKUP_RE = /<\/?[a-zA-Z][^>]*>|<img|<a\s|&#x?[0-9a-fA-F]+;|&nbsp;|&amp;|\\[&*_#[\]()]|\{%|\]\(|!\[/;

export type TopBlock = RootContent;
