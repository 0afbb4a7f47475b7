import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, safeHref } from "./markdown";

const render = (source: string, variant: "block" | "inline" = "block") => renderToStaticMarkup(createElement(Markdown, { variant, children: source }));

const note = [
  "- **ENA(Elastic Network Adapter)**: `modinfo ena`로 확인",
  "- 두 번째 항목",
  "",
  "```bash",
  "aws ec2 modify-instance-attribute --instance-id i-0123456789abcdef0 --ena-support",
  "```",
  "",
  "| 방식 | 대역폭 |",
  "|---|---|",
  "| ENA | 100Gbps |",
].join("\n");

describe("Markdown (block)", () => {
  it("renders bold, lists, inline code, code blocks and tables", () => {
    const html = render(note);
    expect(html).toContain("<strong>ENA(Elastic Network Adapter)</strong>");
    expect(html).toMatch(/<ul[^>]*>\s*<li>/);
    expect(html).toMatch(/<code[^>]*>modinfo ena<\/code>/);
    expect(html).toMatch(/<pre[^>]*><code[^>]*>aws ec2 modify-instance-attribute/);
    expect(html).toMatch(/<table[^>]*>.*<th[^>]*>방식<\/th>/s);
    expect(html).not.toContain("**");
  });

  it("shows raw HTML as text and keeps only http(s) links, opened safely", () => {
    const html = render('<script>alert(1)</script>\n\nText <img src=x onerror="alert(1)"> [bad](javascript:alert(1)) [rel](/admin) [docs](https://docs.aws.amazon.com/ec2/) ![pixel](https://tracker.example/p.png)');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("<span>bad</span>");
    expect(html).toContain("<span>rel</span>");
    expect(html).toMatch(/<a href="https:\/\/docs\.aws\.amazon\.com\/ec2\/" target="_blank" rel="noopener noreferrer nofollow"[^>]*>docs<\/a>/);
    expect(html).toContain("[pixel]");
  });

  it("keeps Korean ranges written with single tildes as text", () => {
    const html = render("범위는 30~900초이고, 드레이닝은 0~3,600초이다. ~~취소~~");
    expect(html).toContain("30~900초이고, 드레이닝은 0~3,600초");
    expect(html).toContain("<del>취소</del>");
  });
});

describe("Markdown (inline)", () => {
  it("flows a one-paragraph choice inline, with no wrapping paragraph", () => {
    expect(render("Use **EFA** with `cluster`", "inline")).toMatch(/^<span[^>]*>Use <strong>EFA<\/strong> with <code[^>]*>cluster<\/code><\/span>$/);
  });

  it("renders only phrasing content and no links, so it is valid inside a <label> or <button>", () => {
    const html = render(`${note}\n\n[docs](https://docs.aws.amazon.com) - [x] task\n\n# Heading\n\n> quote`, "inline");
    expect(html).not.toMatch(/<(p|div|ul|ol|li|pre|table|thead|tbody|tr|td|th|a|input|h[1-6]|blockquote|section)[\s>]/);
    expect(html).toContain('role="list"');
    expect(html).toContain("aws ec2 modify-instance-attribute");
    expect(html).toContain("<strong>ENA(Elastic Network Adapter)</strong>");
  });
});

describe("safeHref", () => {
  it("keeps absolute http(s) URLs only", () => {
    expect(safeHref("https://aws.amazon.com/ec2")).toBe("https://aws.amazon.com/ec2");
    expect(safeHref("http://example.com")).toBe("http://example.com/");
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,hi", "vbscript:x", "/relative", "#anchor", "mailto:a@b.c", "", undefined]) {
      expect(safeHref(bad)).toBeNull();
    }
  });
});
