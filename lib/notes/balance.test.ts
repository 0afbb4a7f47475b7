import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateWithReport } from "./generate";

const DIR = fileURLToPath(new URL("../../test/fixtures/notes", import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith(".md") && f !== "README.md");

describe.each(files)("true/false balance: %s", (file) => {
  const full = readFileSync(path.join(DIR, file), "utf8");
  const lines = full.split("\n");
  // The same notes cut at the first section heading after their middle: the full file is that one grown at the end.
  const cut = lines.findIndex((l, i) => i > lines.length / 2 && /^#{1,3}\s/.test(l));
  const first = cut > 0 ? generateWithReport(parseNotes(lines.slice(0, cut).join("\n"), file)) : null;
  const grown = generateWithReport(parseNotes(full, file));

  // Banks of 20 or more: below that the balance may keep one unmatched item, so crossing 20 can drop one.
  it("keeps every true/false question of the notes when they grow at the end", () => {
    if (!first || first.questions.length < 20) return;
    const ids = new Set(grown.questions.map((q) => q.id));
    expect(first.questions.filter((q) => q.type === "truefalse" && !ids.has(q.id)).map((q) => q.stem)).toEqual([]);
  });

  it("keeps a bank of 20 or more between 40% and 60% true", () => {
    for (const r of first ? [first, grown] : [grown]) {
      const tf = r.questions.filter((q) => q.type === "truefalse");
      if (r.questions.length < 20 || tf.length === 0) continue;
      const share = tf.filter((q) => q.answer[0] === "true").length / tf.length;
      expect(share).toBeGreaterThanOrEqual(0.4);
      expect(share).toBeLessThanOrEqual(0.6);
    }
  });
});
