import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { buildImportBundle } from "./bundle";
import { questionViolations } from "./invariants";
import type { GeneratedQuestion, ParsedNotes, Topic } from "./types";

// The learner's seed notes live beside the repo in the monorepo checkout, never inside it.
const SEEDS_DIR = fileURLToPath(new URL("../../../shared/seeds", import.meta.url));
const SOA = "soa-ec2-ssm-elb-notes.md";
const HA = "ha-ec2-notes.md";

function load(name: string): { parsed: ParsedNotes; qs: GeneratedQuestion[]; md: string } {
  const md = readFileSync(path.join(SEEDS_DIR, name), "utf8");
  const parsed = parseNotes(md, name);
  return { parsed, qs: generateQuestions(parsed), md };
}

const byTitle = (p: ParsedNotes, title: string): Topic[] => p.topics.filter((t) => t.title === title);

describe.skipIf(!existsSync(SEEDS_DIR))("seed notes (skipped: ../shared/seeds not present)", () => {
  const soa = existsSync(SEEDS_DIR) ? load(SOA) : undefined;
  const ha = existsSync(SEEDS_DIR) ? load(HA) : undefined;
  const s = soa as NonNullable<typeof soa>;
  const h = ha as NonNullable<typeof ha>;

  it("imports both files without error", () => {
    expect(() => buildImportBundle(s.md, SOA, "soa-c03")).not.toThrow();
    expect(() => buildImportBundle(h.md, HA, "soa-c03")).not.toThrow();
    expect(s.qs.length).toBeGreaterThan(100);
    expect(h.qs.length).toBeGreaterThan(0);
  });

  it("turns every ## section of the soa notes into a topic under the H1, in order", () => {
    const root = byTitle(s.parsed, "SOA 시험 대비")[0];
    expect(root?.lines[0]).toBe(21);
    expect(root?.children).toHaveLength(39);
    const sections = s.parsed.topics.filter((t) => t.parentPath === root?.path);
    expect(sections[0]).toMatchObject({ title: "Enhanced Networking (향상된 네트워킹)", lines: [22, 51] });
    expect(sections.map((t) => t.lines[0])).toEqual([...sections.map((t) => t.lines[0])].sort((a, b) => a - b));
    expect(byTitle(s.parsed, "EC2 Instance Purchasing Options")[0]?.examTags).toEqual(["CCP", "SAA", "DVA"]);
    expect(byTitle(s.parsed, "AMI Overview")[0]?.examTags).toEqual(["CCP", "SAA", "DVA"]);
  });

  it("gives placement groups its Cluster, Spread and Partition children", () => {
    const pg = byTitle(s.parsed, "EC2 Placement Groups (배치 그룹)")[0];
    expect(pg?.path).toBe("soa-시험-대비/ec2-placement-groups");
    expect(pg?.children.map((c) => s.parsed.topics.find((t) => t.path === c)?.title)).toEqual([
      "Cluster Placement Group (클러스터 배치 그룹)",
      "Spread Placement Group (분산 배치 그룹)",
      "Partition Placement Group (파티션 배치 그룹)",
    ]);
    // The closing 정리 summarises all three, so it belongs to the section, not to Partition.
    expect(byTitle(s.parsed, "Partition Placement Group (파티션 배치 그룹)")[0]?.lines).toEqual([85, 96]);
    expect(s.parsed.facts.find((f) => f.lines[0] === 104)?.topicPath).toBe(pg?.path);
  });

  it("reads the bold line at 1097 as a tagged section at ## level", () => {
    const t = byTitle(s.parsed, "What is High Availability and Scalability?")[0];
    expect(t).toMatchObject({ lines: [1097, 1120], examTags: ["SAA", "DVA"], depth: 2 });
    expect(s.parsed.topics.some((x) => x.title === "개요" || x.title === "정리" || x.title === "InsufficientInstanceCapacity")).toBe(false);
  });

  it("keeps the two sections titled at 1262 and 1311 as distinct topics", () => {
    const first = s.parsed.topics.find((t) => t.lines[0] === 1262);
    const second = s.parsed.topics.find((t) => t.lines[0] === 1311);
    expect(first?.title).toBe("Elastic Load Balancer - Monitoring, Troubleshooting, Logging and Tracing");
    expect(second?.originalTitle).toBe(first?.title);
    expect(second?.title).toBe("Elastic Load Balancer - 대상 그룹에 설정할 수 있는 모든 옵션");
    expect(second?.path).toBe(`${first?.path}-2`);
  });

  it("yields no topic, fact or question from the Custom Instructions preamble", () => {
    expect(s.parsed.skipped[0]).toEqual({ lines: [1, 20], reason: "preamble" });
    expect(s.parsed.topics.every((t) => t.lines[0] > 20)).toBe(true);
    expect(s.parsed.facts.every((f) => f.lines[0] > 20)).toBe(true);
    expect(s.qs.every((q) => q.source.lines[0] > 20)).toBe(true);
    expect(s.qs.some((q) => /ChatGPT|\$title/.test(q.stem))).toBe(false);
  });

  it("never states the struck X-Ray claim (line 1301) as true", () => {
    const struck = s.parsed.facts.find((f) => f.lines[0] === 1301);
    expect(struck?.kind).toBe("struck");
    expect(struck?.struck?.correction).toContain("240227");
    const about = s.qs.filter((q) => q.factIds.includes(struck?.id ?? ""));
    expect(about.map((q) => [q.rule, q.answer])).toEqual([["truefalse-corrected", ["false"]]]);
    expect(s.qs.filter((q) => q.rule !== "truefalse-corrected" && q.stem.includes("X-Ray와 통합되어 있지 않다"))).toEqual([]);
  });

  it("builds no true claim from the deprecated spot-block facts", () => {
    const spotBlock = s.parsed.facts.filter((f) => f.lines[0] >= 276 && f.lines[0] <= 283);
    expect(spotBlock.length).toBeGreaterThan(0);
    expect(spotBlock.every((f) => f.deprecated)).toBe(true);
    const ids = new Set(spotBlock.map((f) => f.id));
    expect(s.qs.filter((q) => q.factIds.some((id) => ids.has(id)))).toEqual([]);
    expect(s.qs.some((q) => q.stem.includes("BlockDuration"))).toBe(false);
    // The spot-request facts after the marker are not deprecated.
    expect(s.parsed.facts.find((f) => f.lines[0] === 301)?.deprecated).toBeUndefined();
  });

  it("does not read 0~100%, 2~3문제 or 03:00 ~ 05:00 as strikethrough", () => {
    expect(s.parsed.facts.filter((f) => f.kind === "struck").map((f) => f.lines[0])).toEqual([1301]);
    expect(s.parsed.facts.find((f) => f.lines[0] === 508)?.text).toContain("0~100%");
    expect(s.parsed.facts.find((f) => f.lines[0] === 1054)?.text).toContain("(03:00 ~ 05:00 등)");
  });

  it("makes every question obey the bank's rules, its source inside its topic", () => {
    expect(questionViolations(s.parsed, s.qs)).toEqual([]);
    expect(questionViolations(h.parsed, h.qs)).toEqual([]);
  });

  it("generates each question type and the sibling-concept questions for placement groups and load balancers", () => {
    expect(new Set(s.qs.map((q) => q.type))).toEqual(new Set(["single", "multiple", "truefalse", "cloze"]));
    const names = (q: GeneratedQuestion): string[] => q.choices.map((c) => c.text);
    expect(s.qs.some((q) => q.rule === "single-sibling" && ["Cluster Placement Group", "Spread Placement Group", "Partition Placement Group"].every((n) => names(q).includes(n)))).toBe(true);
    expect(s.qs.some((q) => q.rule === "scenario-use-when" && names(q).includes("Network Load Balancer") && names(q).includes("Application Load Balancer"))).toBe(true);
  });

  it("parses the ha notes: one section, three numbered children, the ~~~ prose fence as content", () => {
    expect(h.parsed.topics.map((t) => [t.title, t.depth])).toEqual([
      ["Creating a highly available EC2 instance", 1],
      ["Creating a highly available EC2 instance", 2],
      ["Creating a highly available EC2 instance With an Auto Scaling Group", 2],
      ["Creating a highly available EC2 instance With ASG + EBS", 2],
    ]);
    expect(h.parsed.facts.find((f) => f.lines[0] === 7)?.text).toMatch(/^EC2 인스턴스에 탄력적 IP를 연결하고/);
    expect(h.parsed.facts.some((f) => f.text.includes("Ultimate AWS") || f.text.includes("출처"))).toBe(false);
  });

  it("is deterministic", () => {
    expect(generateQuestions(parseNotes(s.md, SOA))).toEqual(s.qs);
    expect(buildImportBundle(h.md, HA, "b")).toEqual(buildImportBundle(h.md, HA, "b"));
  });
});
