import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { questionViolations } from "./invariants";
import { extractUseWhen } from "./rules/scenario";
import type { GeneratedQuestion, ParsedNotes } from "./types";

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
const load = (name: string): { parsed: ParsedNotes; qs: GeneratedQuestion[] } => {
  const parsed = parseNotes(fixture(name), name);
  return { parsed, qs: generateQuestions(parsed) };
};
const correctTexts = (q: GeneratedQuestion): string[] => q.choices.filter((c) => q.answer.includes(c.id)).map((c) => c.text);

describe("generating from an English notes file", () => {
  const { parsed, qs } = load("english-aws-notes.md");

  it("produces every question type, and every question obeys the bank's rules", () => {
    expect(new Set(qs.map((q) => q.type))).toEqual(new Set(["single", "multiple", "truefalse", "cloze"]));
    expect(questionViolations(parsed, qs)).toEqual([]);
  });

  it("asks which sibling concept a fact describes, with the siblings as distractors", () => {
    const q = qs.find((x) => x.rule === "single-sibling" && x.stem.includes("Provisioned IOPS SSD"));
    expect(q).toBeDefined();
    expect(correctTexts(q as GeneratedQuestion)).toEqual(["io2 Block Express"]);
    expect(q?.choices.map((c) => c.text).sort()).toEqual(["gp3", "io2 Block Express", "sc1", "st1"]);
  });

  it("turns 'use X when Y' into a scenario question", () => {
    const q = qs.find((x) => x.rule === "scenario-use-when" && x.stem.includes("cheap SSD storage for boot volumes"));
    expect(correctTexts(q as GeneratedQuestion)).toEqual(["gp3"]);
    expect(q?.stem).not.toMatch(/\bgp3\b/);
  });

  it("builds choose-two questions from a bullet list with sibling lists as distractors", () => {
    const q = qs.find((x) => x.rule === "multiple-list" && x.stem.includes("S3 Standard-IA"));
    expect(q?.choose).toBe(2);
    expect(q?.choices.length).toBeGreaterThanOrEqual(5);
    for (const t of correctTexts(q as GeneratedQuestion)) expect(["Lower storage price, but you pay a retrieval fee.", "Minimum storage duration charge of 30 days."]).toContain(t);
  });

  it("says what the two items of a choose-two question describe, and never asks a bare 'which apply?'", () => {
    const q = qs.find((x) => x.rule === "multiple-list" && x.stem.includes("S3 Standard-IA"));
    expect(q?.stem).toMatch(/Which of the following describe S3 Standard-IA\? Choose 2\./);
    for (const m of qs.filter((x) => x.rule === "multiple-list")) expect(m.stem).not.toMatch(/apply\?/);
  });

  it("blanks numbers with units and key terms, accepting spelling variants", () => {
    const n = qs.find((x) => x.rule === "cloze-number" && x.stem.includes("IOPS per volume"));
    expect(n?.answer).toEqual(expect.arrayContaining(["256,000", "256000"]));
    const t = qs.filter((x) => x.rule === "cloze-term");
    for (const q of t) for (const a of q.answer) expect(q.stem.toLowerCase()).not.toContain(` ${a.toLowerCase()} `);
    // "a baseline of 3,000 ____" → IOPS: the unit of a stated number is not a term to recall.
    expect(t.filter((q) => q.answer.includes("IOPS"))).toEqual([]);
  });

  it("asks the struck claim as a false statement, with the correction as explanation", () => {
    const q = qs.find((x) => x.rule === "truefalse-corrected");
    expect(q?.stem).toContain("Replication is always synchronous.");
    expect(q?.answer).toEqual(["false"]);
    expect(q?.explanation).toContain("It is asynchronous");
    expect(qs.filter((x) => x !== q && x.stem.includes("always synchronous"))).toEqual([]);
  });

  it("is deterministic", () => {
    expect(generateQuestions(parseNotes(fixture("english-aws-notes.md"), "english-aws-notes.md"))).toEqual(qs);
  });

  it("leaves out lines an editor marked as wrong", () => {
    const skipped = generateQuestions(parsed, { skipLines: [[15, 15]] });
    expect(skipped.some((q) => q.source.lines[0] <= 15 && q.source.lines[1] >= 15 && q.type !== "multiple")).toBe(false);
    expect(skipped.length).toBeLessThan(qs.length);
  });
});

describe("generating from other shapes of notes", () => {
  it("never asserts a struck or deprecated claim as true", () => {
    const { parsed, qs } = load("double-strike.md");
    expect(questionViolations(parsed, qs)).toEqual([]);
    expect(qs.some((q) => q.rule === "truefalse-corrected" && q.answer[0] === "false")).toBe(true);
    const fromDeprecated = qs.filter((q) => q.factIds.some((id) => parsed.facts.find((f) => f.id === id)?.deprecated));
    expect(fromDeprecated).toEqual([]);
    expect(qs.some((q) => /go1\.x/.test(q.stem))).toBe(false);
  });

  it.each(["setext-numbered.md", "pasted-twice.md"])("generates valid questions from %s", (name) => {
    const { parsed, qs } = load(name);
    expect(qs.length).toBeGreaterThan(0);
    expect(questionViolations(parsed, qs)).toEqual([]);
  });

  it("generates nothing from a preamble-only file", () => {
    expect(load("preamble-only.md").qs).toEqual([]);
  });

  it("caps questions per topic and rule", () => {
    const { parsed } = load("english-aws-notes.md");
    const qs = generateQuestions(parsed, { maxPerTopicPerRule: { "truefalse-statement": 1 } });
    const perTopic = new Map<string, number>();
    for (const q of qs.filter((x) => x.rule === "truefalse-statement")) perTopic.set(q.topicPath, (perTopic.get(q.topicPath) ?? 0) + 1);
    expect(Math.max(...perTopic.values())).toBe(1);
  });
});

describe("use-when extraction", () => {
  it.each([
    ["요지는 낮은 지연을 위해 Enhanced Networking을 원한다면 ENA를 찾고, HPC 클러스터가 있다면 고성능을 위해 EFA를 찾아보자.", [["낮은 지연을 위해 Enhanced Networking을 원한다면", "ENA"], ["HPC 클러스터가 있다면 고성능을 위해", "EFA"]]],
    ["EC2 인스턴스를 한 AZ에서 다른 AZ로 마이그레이션하려면 AMI를 사용하면 된다.", [["EC2 인스턴스를 한 AZ에서 다른 AZ로 마이그레이션하려면", "AMI"]]],
    ["ALB는 마이크로 서비스와 컨테이너 기반 애플리케이션을 보유할 때 훌룡하다.", [["마이크로 서비스와 컨테이너 기반 애플리케이션을 보유할 때", "ALB"]]],
    ["If you need a static IP per AZ, use NLB.", [["need a static IP per AZ", "NLB"]]],
  ])("%s", (sentence, expected) => {
    expect(extractUseWhen(sentence).map((u) => [u.condition, u.target])).toEqual(expected);
  });

  it.each(["AWS에 요청해 Quota를 늘릴 수 있지만 꼭 필요하지 않은 경우에 EIP를 사용하는 것을 피해야 한다.", "CLB를 사용하는 경우 Connection Draining 이라고 하지만 ALB 또는 NLB를 사용하는 경우 Deregistration Delay 라고 불린다."])(
    "finds no recommendation in %s",
    (sentence) => {
      expect(extractUseWhen(sentence)).toEqual([]);
    },
  );
});
