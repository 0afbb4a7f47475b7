import { describe, expect, it } from "vitest";
import { chooseThreshold, joinLabels, questionFingerprint, rocAuc, stratifiedSample } from "./calibration";
import type { GeneratedQuestion } from "./types";

describe("rocAuc", () => {
  it("counts, over all positive–negative pairs, how often the positive scores higher (ties half)", () => {
    // By hand: 0.9 beats all three (3); 0.5 beats 0.2 and 0.4 and ties 0.5 (2.5); 0.3 beats only 0.2 (1).
    expect(rocAuc([0.9, 0.5, 0.3], [0.2, 0.5, 0.4])).toBeCloseTo((3 + 2.5 + 1) / 9, 10);
  });
  it("is 1 for perfect separation, 0 for perfectly reversed, 0.5 when every score ties", () => {
    expect(rocAuc([0.8, 0.9], [0.1, 0.2])).toBe(1);
    expect(rocAuc([0.1, 0.2], [0.8, 0.9])).toBe(0);
    expect(rocAuc([0.5, 0.5], [0.5])).toBe(0.5);
  });
  it("is undefined (NaN) without a positive or a negative", () => {
    expect(rocAuc([], [0.3])).toBeNaN();
  });
});

describe("chooseThreshold", () => {
  it("keeps at least the asked share of usable questions and reports what it hides", () => {
    const scored = [
      ...[0.2, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9].map((quality) => ({ quality, label: "usable" as const })),
      { quality: 0.1, label: "nonsense" as const },
      { quality: 0.65, label: "nonsense" as const },
    ];
    // 10 usable, keep 90% → may hide one (0.2): threshold 0.6 hides the 0.1 nonsense, not the 0.65 one.
    expect(chooseThreshold(scored, 0.9)).toEqual({ threshold: 0.6, usableKept: 0.9, nonsenseHidden: 0.5, needsEditHidden: NaN });
  });
});

describe("joinLabels", () => {
  it("joins on file and id, and reports a label whose question now reads differently (or is gone) as stale", () => {
    const q = { id: "a1", type: "single", stem: "Which?", choices: [{ id: "c1", text: "A" }, { id: "c2", text: "B" }], answer: ["c1"], source: { file: "x.md", headingPath: [], lines: [1, 1] } } as unknown as GeneratedQuestion;
    const keyMoved = { ...q, answer: ["c2"] };
    const base = { file: "x.md", rule: "single-sibling", label: "usable" as const, reason: "", stem: "Which?" };
    const { matched, stale } = joinLabels([q], [
      { ...base, id: "a1", fingerprint: questionFingerprint(q) },
      { ...base, id: "a1", fingerprint: questionFingerprint(keyMoved) },
      { ...base, id: "gone", fingerprint: "f" },
    ]);
    expect(matched).toHaveLength(1);
    expect(stale.map((s) => s.why)).toEqual(["changed", "gone"]);
  });
});

describe("stratifiedSample", () => {
  it("is the same for the same seed and takes from every group before repeating one", () => {
    const items = [...Array.from({ length: 20 }, (_, i) => `a${i}`), "b0", "c0"];
    const s = stratifiedSample(items, (x) => x[0]!, 3, 7);
    expect(s).toEqual(stratifiedSample(items, (x) => x[0]!, 3, 7));
    expect(s.map((x) => x[0]).sort()).toEqual(["a", "b", "c"]);
  });
});
