// A long notes file is parsed in pieces cut before headings (parseMarkdown): the joined tree
// must be the tree of a single parse, block for block and line for line.
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import type { Nodes, Root } from "mdast";
import { parseMarkdown } from "./mdast";

const whole = (markdown: string) => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml", "toml"]).parse(markdown) as Root;

/** Every node's type and line/offset range, depth first. */
function shape(node: Nodes): string[] {
  const here = `${node.type} ${node.position?.start.line}:${node.position?.start.offset}-${node.position?.end.line}:${node.position?.end.offset}`;
  return [here, ...("children" in node ? (node.children as Nodes[]).flatMap(shape) : [])];
}

function section(i: number): string {
  return [
    `## Section ${i}`,
    "",
    `Some **study** text about topic ${i}, with \`code\` and a [link](https://example.com/${i}).`,
    "",
    "| Port | Protocol |",
    "|---|---|",
    `| ${20 + i} | P${i} |`,
    "",
    "- first point",
    "  - nested point",
    "- second point",
    "",
    "```bash",
    "# a comment in code, not a heading",
    `echo ${i}`,
    "```",
    "",
  ].join("\n");
}

describe("parseMarkdown on a long file", () => {
  it("gives the same tree as one parse, though it parses in pieces", () => {
    const markdown = ["---", "title: notes", "---", "", "# Notes", "", ...Array.from({ length: 120 }, (_, i) => section(i))].join("\n");
    expect(markdown.split("\n").length).toBeGreaterThan(1_000);
    expect(shape(parseMarkdown(markdown))).toEqual(shape(whole(markdown)));
  });

  it("never cuts inside a fenced block, even one holding heading-like lines past a cut point", () => {
    const longFence = ["```", ...Array.from({ length: 400 }, (_, i) => `# line ${i}`), "```"].join("\n");
    const markdown = [section(0), longFence, section(1), ...Array.from({ length: 30 }, (_, i) => section(i + 2))].join("\n");
    expect(shape(parseMarkdown(markdown))).toEqual(shape(whole(markdown)));
  });
});
