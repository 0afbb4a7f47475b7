// The draft list's pure rules and the import summary's boundary.
import { describe, expect, it } from "vitest";
import { isLowQuality, needsKey, sortByQuality } from "./drafts";
import { summaryOf } from "./import-summary";
import { QUALITY_THRESHOLD } from "./quality-threshold";

describe("draft rules", () => {
  it("sorts by quality, highest first, unscored last, ties in notes order", () => {
    const drafts = [{ id: "a", quality: 0.5 }, { id: "b", quality: null }, { id: "c", quality: 0.9 }, { id: "d", quality: 0.5 }];
    expect(sortByQuality(drafts).map((d) => d.id)).toEqual(["c", "a", "d", "b"]);
  });
  it("hides only scored drafts under the threshold", () => {
    expect(isLowQuality(QUALITY_THRESHOLD - 0.01)).toBe(true);
    expect(isLowQuality(QUALITY_THRESHOLD)).toBe(false);
    expect(isLowQuality(null)).toBe(false);
  });
  it("flags a choice question with no correct option and a cloze with no answer", () => {
    expect(needsKey({ type: "SINGLE", acceptedAnswers: [], choices: [{ correct: false }, { correct: false }] })).toBe(true);
    expect(needsKey({ type: "SINGLE", acceptedAnswers: [], choices: [{ correct: false }, { correct: true }] })).toBe(false);
    expect(needsKey({ type: "CLOZE", acceptedAnswers: [], choices: [] })).toBe(true);
    expect(needsKey({ type: "CLOZE", acceptedAnswers: ["7"], choices: [] })).toBe(false);
    // The importer's own mark counts even if a placeholder option was stored as correct.
    expect(needsKey({ type: "SINGLE", rule: "quiz-needs-key", acceptedAnswers: [], choices: [{ correct: true }] })).toBe(true);
  });
});

describe("import summary", () => {
  const summary = { topics: 3, questionsByType: { SINGLE: 4 }, questionsByRule: { "quiz-block": 2 }, skipped: [{ kind: "toc", lineStart: 3, lineEnd: 32 }], dropped: [{ reason: "duplicate", count: 1 }] };
  it("passes a valid summary through and ignores a missing or malformed one", () => {
    expect(summaryOf({ summary })).toEqual(summary);
    expect(summaryOf({})).toBeUndefined();
    expect(summaryOf({ summary: { ...summary, topics: -1 } })).toBeUndefined();
    expect(summaryOf(null)).toBeUndefined();
  });
});
