import { describe, expect, it } from "vitest";
import { breakdown, fractionToScaled, normalizeAnswer, passed, scaledScore, scoreItem, type ScorableQuestion } from "./score";

const single: ScorableQuestion = { type: "single", correctChoiceIds: ["b"] };
const multi: ScorableQuestion = { type: "multiple", correctChoiceIds: ["a", "c"], choose: 2 };
const tf: ScorableQuestion = { type: "truefalse", correctChoiceIds: ["true"] };
const cloze = (...acceptedAnswers: string[]): ScorableQuestion => ({ type: "cloze", correctChoiceIds: [], acceptedAnswers });

describe("scoreItem: choices", () => {
  it("scores single response", () => {
    expect(scoreItem(single, { choiceIds: ["b"] })).toBe(true);
    expect(scoreItem(single, { choiceIds: ["a"] })).toBe(false);
    expect(scoreItem(single, { choiceIds: ["a", "b"] })).toBe(false);
    expect(scoreItem(single, { choiceIds: ["b", "b"] })).toBe(true);
  });

  it("treats an empty or missing response as wrong", () => {
    for (const q of [single, multi, tf, cloze("x")]) {
      expect(scoreItem(q, null)).toBe(false);
      expect(scoreItem(q, undefined)).toBe(false);
      expect(scoreItem(q, {})).toBe(false);
      expect(scoreItem(q, { choiceIds: [] })).toBe(false);
      expect(scoreItem(q, { text: "" })).toBe(false);
      expect(scoreItem(q, { text: "   " })).toBe(false);
    }
  });

  it("scores multiple response all-or-nothing", () => {
    expect(scoreItem(multi, { choiceIds: ["a", "c"] })).toBe(true);
    expect(scoreItem(multi, { choiceIds: ["c", "a"] })).toBe(true);
    expect(scoreItem(multi, { choiceIds: ["a"] })).toBe(false); // missing one
    expect(scoreItem(multi, { choiceIds: ["a", "c", "d"] })).toBe(false); // extra choice
    expect(scoreItem(multi, { choiceIds: ["a", "d"] })).toBe(false);
    expect(scoreItem(multi, { choiceIds: ["a", "b", "c", "d", "e"] })).toBe(false); // select-all
  });

  it("scores true/false", () => {
    expect(scoreItem(tf, { choiceIds: ["true"] })).toBe(true);
    expect(scoreItem(tf, { choiceIds: ["false"] })).toBe(false);
    expect(scoreItem(tf, { choiceIds: ["true", "false"] })).toBe(false);
  });

  it("never accepts a question with no correct choice", () => {
    expect(scoreItem({ type: "single", correctChoiceIds: [] }, { choiceIds: ["a"] })).toBe(false);
  });

  it("ignores typed text on choice questions", () => {
    expect(scoreItem(single, { text: "b" })).toBe(false);
  });
});

describe("scoreItem: cloze", () => {
  it("ignores case, whitespace and full-width forms", () => {
    const q = cloze("Amazon S3 Glacier");
    expect(scoreItem(q, { text: "amazon s3 glacier" })).toBe(true);
    expect(scoreItem(q, { text: "  Amazon   S3\tGlacier  " })).toBe(true);
    expect(scoreItem(q, { text: "ＡＭＡＺＯＮ Ｓ３ Ｇｌａｃｉｅｒ" })).toBe(true);
    expect(scoreItem(q, { text: "AmazonS3Glacier." })).toBe(true);
    expect(scoreItem(q, { text: "Amazon S3" })).toBe(false);
  });

  it("accepts Korean with or without spacing", () => {
    expect(scoreItem(cloze("가용 영역"), { text: "가용영역" })).toBe(true);
  });

  it("accepts any of several answers", () => {
    const q = cloze("NAT gateway", "NAT 게이트웨이");
    expect(scoreItem(q, { text: "nat 게이트웨이" })).toBe(true);
    expect(scoreItem(q, { text: "internet gateway" })).toBe(false);
  });

  it("makes a trailing unit optional but rejects a different unit or number", () => {
    const q = cloze("30 days");
    expect(scoreItem(q, { text: "30" })).toBe(true);
    expect(scoreItem(q, { text: "30days" })).toBe(true);
    expect(scoreItem(q, { text: "30 day" })).toBe(true);
    expect(scoreItem(q, { text: "３０ DAYS" })).toBe(true);
    expect(scoreItem(q, { text: "30 hours" })).toBe(false);
    expect(scoreItem(q, { text: "31" })).toBe(false);
    expect(scoreItem(cloze("5 TB"), { text: "5 GB" })).toBe(false);
    expect(scoreItem(cloze("5 TB"), { text: "5tb" })).toBe(true);
    expect(scoreItem(cloze("90일"), { text: "90" })).toBe(true);
    expect(scoreItem(cloze("99.99%"), { text: "99.99" })).toBe(true);
    expect(scoreItem(cloze("15 minutes"), { text: "15 min" })).toBe(false);
    expect(scoreItem(cloze("100 ms"), { text: "100" })).toBe(true);
    expect(scoreItem(cloze("100 ms"), { text: "100 m" })).toBe(false);
    expect(scoreItem(cloze("1,000"), { text: "1000" })).toBe(true);
    expect(scoreItem(cloze("0.5"), { text: ".50" })).toBe(true);
  });

  it("has no accepted answers → never right", () => {
    expect(scoreItem({ type: "cloze", correctChoiceIds: [] }, { text: "anything" })).toBe(false);
  });

  it("normalizes the documented way", () => {
    expect(normalizeAnswer("  Ｈｅｌｌｏ,  World! ")).toBe("hello,world");
    expect(normalizeAnswer("1,000,000 requests")).toBe("1000000requests");
  });
});

describe("scaledScore / passed", () => {
  it("maps linearly onto 100..1000 as integers", () => {
    expect(scaledScore(0, 65)).toBe(100);
    expect(scaledScore(65, 65)).toBe(1000);
    expect(scaledScore(13, 65)).toBe(280);
    expect(scaledScore(50, 100)).toBe(550);
    for (let c = 0; c <= 65; c++) {
      const s = scaledScore(c, 65);
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(100);
      expect(s).toBeLessThanOrEqual(1000);
    }
  });

  it("rounds down so a fail is never rounded into a pass", () => {
    // 62/90 = 68.89% → 720.0; 44.8/65 is not possible, 45/65 = 69.2% → 723.07 → 723
    expect(scaledScore(62, 90)).toBe(720);
    expect(scaledScore(45, 65)).toBe(723);
    expect(scaledScore(44, 65)).toBe(709);
    expect(passed(scaledScore(44, 65))).toBe(false);
    expect(passed(scaledScore(45, 65))).toBe(true);
  });

  it("clamps silly input", () => {
    expect(scaledScore(0, 0)).toBe(100);
    expect(scaledScore(-3, 10)).toBe(100);
    expect(scaledScore(12, 10)).toBe(1000);
    expect(scaledScore(5, 10, { minScore: 0, maxScore: 100 })).toBe(50);
  });

  it("passes at exactly the passing score", () => {
    expect(passed(720)).toBe(true);
    expect(passed(719)).toBe(false);
    expect(passed(700, 700)).toBe(true);
    expect(fractionToScaled(0.72)).toBeCloseTo(748);
  });
});

describe("breakdown", () => {
  const items = [
    { topicId: "vpc", domain: 2, correct: true },
    { topicId: "s3", domain: 1, correct: false },
    { topicId: "s3", domain: 1, correct: true },
    { topicId: "iam", domain: 10, correct: true },
    { topicId: "vpc", domain: 2, correct: true },
    { topicId: "misc", domain: null, correct: false },
    { topicId: "s3", domain: 1, correct: true },
  ];

  it("groups by domain with numeric order and unassigned last", () => {
    expect(breakdown(items, "domain")).toEqual([
      { key: 1, correct: 2, total: 3, percent: 66.7 },
      { key: 2, correct: 2, total: 2, percent: 100 },
      { key: 10, correct: 1, total: 1, percent: 100 },
      { key: null, correct: 0, total: 1, percent: 0 },
    ]);
  });

  it("groups by topic", () => {
    expect(breakdown(items, "topic").map((r) => [r.key, r.correct, r.total])).toEqual([
      ["iam", 1, 1],
      ["misc", 0, 1],
      ["s3", 2, 3],
      ["vpc", 2, 2],
    ]);
    expect(breakdown([], "topic")).toEqual([]);
  });
});
