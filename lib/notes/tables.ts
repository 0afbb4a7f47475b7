// GFM tables of the notes as plain-text grids (cells through the mdast, so no markup or link target
// survives), with how much of each column is links: a link column is navigation, not something to ask.
import type { Nodes, Root, Table } from "mdast";
import type { LineRange } from "./types";
import { lineRange, linkShare, plainText } from "./mdast";

export interface RawTable {
  lines: LineRange;
  header: string[];
  rows: Array<{ line: number; cells: string[] }>;
  /** Per column: share of its non-empty body cells that are mostly a link. */
  linkedShare: number[];
}

/** A cell is "a link" when most of its visible text is link text. */
const LINKED_CELL = 0.6;

export function readTables(root: Root): RawTable[] {
  const out: RawTable[] = [];
  const walk = (n: Nodes): void => {
    if (n.type === "table") out.push(readTable(n));
    else if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(root);
  return out;
}

function readTable(node: Table): RawTable {
  const [head, ...body] = node.children;
  const width = Math.max(0, ...node.children.map((r) => r.children.length));
  const pad = (cells: string[]): string[] => [...cells, ...new Array<string>(Math.max(0, width - cells.length)).fill("")];
  const linked = new Array<number>(width).fill(0);
  const filled = new Array<number>(width).fill(0);
  const rows = body.map((r) => {
    r.children.forEach((c, i) => {
      if (!plainText(c)) return;
      filled[i] = (filled[i] ?? 0) + 1;
      if (linkShare(c) >= LINKED_CELL) linked[i] = (linked[i] ?? 0) + 1;
    });
    return { line: lineRange(r)[0], cells: pad(r.children.map((c) => plainText(c))) };
  });
  return {
    lines: lineRange(node),
    header: pad(head ? head.children.map((c) => plainText(c)) : []),
    rows,
    linkedShare: linked.map((n, i) => (filled[i] ? n / (filled[i] ?? 1) : 0)),
  };
}
