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

export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown) as Root;
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
