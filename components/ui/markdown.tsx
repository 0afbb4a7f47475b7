import type { ComponentPropsWithoutRef, ReactNode } from "react";
import ReactMarkdown, { type Components, type ExtraProps, type Options } from "react-markdown";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";

// Notes, stems, explanations and choices are markdown written by editors or imported from
// anyone's notes file, so the renderer is locked down: raw HTML is never parsed as markup
// (react-markdown turns it into plain text without rehype-raw), only absolute http(s) links
// become links, and images never load (their alt text is shown instead).

/** The href a link may keep, or null when it must render as text (javascript:, data:, relative…). */
export function safeHref(href: string | undefined | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

const keepHttpOnly = (url: string) => safeHref(url) ?? "";

type Props<T extends keyof React.JSX.IntrinsicElements> = ComponentPropsWithoutRef<T> & ExtraProps;

/** Drops react-markdown's `node` prop so it never reaches the DOM. */
function strip<T extends { node?: unknown }>({ node: _node, ...rest }: T): Omit<T, "node"> {
  return rest;
}

const codeBox = "rounded-md bg-slate-900 p-3 font-mono text-sm leading-relaxed text-slate-50 whitespace-pre-wrap [overflow-wrap:anywhere] overflow-x-auto [&_code]:bg-transparent [&_code]:p-0 [&_code]:text-inherit";
const inlineCode = "rounded bg-slate-200/70 px-1 py-0.5 font-mono text-[0.9em] [overflow-wrap:anywhere]";

function ImageAsText({ alt }: Props<"img">): ReactNode {
  return alt ? <span className="italic">[{alt}]</span> : null;
}

const blockComponents: Components = {
  p: (props: Props<"p">) => <p {...strip(props)} className="mt-2 first:mt-0" />,
  ul: (props: Props<"ul">) => <ul {...strip(props)} className="mt-2 list-disc space-y-1 pl-5 first:mt-0 [li>&]:mt-1" />,
  ol: (props: Props<"ol">) => <ol {...strip(props)} className="mt-2 list-decimal space-y-1 pl-5 first:mt-0 [li>&]:mt-1" />,
  blockquote: (props: Props<"blockquote">) => <blockquote {...strip(props)} className="mt-2 border-l-4 border-slate-300 pl-3 text-slate-700 first:mt-0" />,
  pre: (props: Props<"pre">) => <pre {...strip(props)} className={`mt-2 first:mt-0 ${codeBox}`} />,
  code: (props: Props<"code">) => <code {...strip(props)} className={inlineCode} />,
  // Notes sit under the page's own headings, so theirs start one level down.
  h1: (props: Props<"h1">) => <h3 {...strip(props)} className="mt-4 text-lg font-semibold first:mt-0" />,
  h2: (props: Props<"h2">) => <h3 {...strip(props)} className="mt-4 font-semibold first:mt-0" />,
  h3: (props: Props<"h3">) => <h4 {...strip(props)} className="mt-3 font-semibold first:mt-0" />,
  h4: (props: Props<"h4">) => <h4 {...strip(props)} className="mt-3 font-medium first:mt-0" />,
  h5: (props: Props<"h5">) => <h4 {...strip(props)} className="mt-3 font-medium first:mt-0" />,
  h6: (props: Props<"h6">) => <h4 {...strip(props)} className="mt-3 font-medium first:mt-0" />,
  hr: () => <hr className="my-3 border-slate-200" />,
  table: (props: Props<"table">) => (
    <div className="mt-2 max-w-full overflow-x-auto first:mt-0">
      <table {...strip(props)} className="min-w-full border-collapse text-sm" />
    </div>
  ),
  th: ({ node: _node, style: _style, ...props }: Props<"th">) => <th {...props} className="border border-slate-300 bg-slate-100 px-2 py-1 text-left align-top font-semibold" />,
  td: ({ node: _node, style: _style, ...props }: Props<"td">) => <td {...props} className="border border-slate-300 px-2 py-1 align-top" />,
  a: ({ node: _node, href, children }: Props<"a">) => {
    const safe = safeHref(href);
    if (!safe) return <span>{children}</span>;
    return (
      <a href={safe} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline [overflow-wrap:anywhere] hover:text-brand-600">
        {children}
      </a>
    );
  },
  img: ImageAsText,
};

// The inline variant renders phrasing content only (spans styled as blocks where needed), so
// it is valid inside <p>, <label>, <button> and headings, and it never renders a link: a link
// inside a choice's <label> would steal the click meant for the radio button.
const inlineComponents: Components = {
  p: (props: Props<"p">) => <span {...strip(props)} className="mt-2 block" />,
  ul: (props: Props<"ul">) => <span role="list" className="mt-1 block list-disc pl-5">{props.children}</span>,
  ol: (props: Props<"ol">) => <span role="list" className="mt-1 block list-decimal pl-5">{props.children}</span>,
  li: (props: Props<"li">) => <span role="listitem" className="list-item">{props.children}</span>,
  blockquote: (props: Props<"blockquote">) => <span className="mt-1 block border-l-4 border-slate-300 pl-3">{props.children}</span>,
  pre: (props: Props<"pre">) => <span className={`mt-2 block ${codeBox}`}>{props.children}</span>,
  code: (props: Props<"code">) => <code {...strip(props)} className={inlineCode} />,
  h1: (props: Props<"h1">) => <span className="mt-2 block font-semibold">{props.children}</span>,
  h2: (props: Props<"h2">) => <span className="mt-2 block font-semibold">{props.children}</span>,
  h3: (props: Props<"h3">) => <span className="mt-2 block font-semibold">{props.children}</span>,
  h4: (props: Props<"h4">) => <span className="mt-2 block font-semibold">{props.children}</span>,
  h5: (props: Props<"h5">) => <span className="mt-2 block font-semibold">{props.children}</span>,
  h6: (props: Props<"h6">) => <span className="mt-2 block font-semibold">{props.children}</span>,
  hr: () => <span role="separator" className="my-2 block border-t border-slate-200" />,
  table: (props: Props<"table">) => (
    <span className="mt-2 block max-w-full overflow-x-auto">
      <span role="table" className="table border-collapse text-sm">{props.children}</span>
    </span>
  ),
  thead: (props: Props<"thead">) => <span role="rowgroup" className="table-header-group">{props.children}</span>,
  tbody: (props: Props<"tbody">) => <span role="rowgroup" className="table-row-group">{props.children}</span>,
  tr: (props: Props<"tr">) => <span role="row" className="table-row">{props.children}</span>,
  th: (props: Props<"th">) => <span role="columnheader" className="table-cell border border-slate-300 bg-slate-100 px-2 py-1 font-semibold">{props.children}</span>,
  td: (props: Props<"td">) => <span role="cell" className="table-cell border border-slate-300 px-2 py-1">{props.children}</span>,
  a: (props: Props<"a">) => <span>{props.children}</span>,
  img: ImageAsText,
  // A task-list checkbox is a labelable control: inside a choice's <label> it would be invalid.
  input: () => null,
  section: (props: Props<"section">) => <span className="mt-2 block">{props.children}</span>,
  sup: (props: Props<"sup">) => <sup>{props.children}</sup>,
};

type HastNode = { type: string; tagName?: string; children?: HastNode[] };

/** Unwraps the first paragraph so a one-paragraph stem or choice flows inline after its letter. */
function rehypeUnwrapFirstParagraph() {
  return (tree: HastNode) => {
    const children = tree.children ?? [];
    const first = children.findIndex((child) => child.type === "element");
    const node = children[first];
    if (node?.tagName === "p") children.splice(first, 1, ...(node.children ?? []));
  };
}

// Single tildes stay text: Korean writes ranges as "2~3분", and two of them must not strike out what lies between.
const remarkPlugins: Options["remarkPlugins"] = [[remarkGfm, { singleTilde: false }], remarkBreaks];
const inlineRehypePlugins = [rehypeUnwrapFirstParagraph];

/**
 * Markdown for what learners read. `block` (notes, explanations) renders real block elements
 * inside a <div>; `inline` (stems, choices) renders phrasing content only, inside a <span>.
 * Code blocks wrap inside their own box so a long CLI command never widens the page.
 */
export function Markdown({ children, variant = "block", className, ...rest }: { children: string | null | undefined; variant?: "block" | "inline"; className?: string } & Omit<React.HTMLAttributes<HTMLElement>, "children">) {
  const source = children ?? "";
  if (variant === "inline") {
    return (
      <span {...rest} className={`min-w-0 [overflow-wrap:anywhere] ${className ?? ""}`} data-markdown="inline">
        <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={inlineRehypePlugins} components={inlineComponents} urlTransform={keepHttpOnly}>
          {source}
        </ReactMarkdown>
      </span>
    );
  }
  return (
    <div {...rest} className={`min-w-0 break-words ${className ?? ""}`} data-markdown="block">
      <ReactMarkdown remarkPlugins={remarkPlugins} components={blockComponents} urlTransform={keepHttpOnly}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
