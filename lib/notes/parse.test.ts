import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { parseTitle } from "./headings";
import { findStrikes } from "./strike";
import type { Fact, ParsedNotes } from "./types";

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
const titles = (p: ParsedNotes): string[] => p.topics.map((t) => t.title);
const factAt = (p: ParsedNotes, line: number): Fact | undefined => p.facts.find((f) => f.lines[0] === line);

describe("heading titles", () => {
  it("reads exam tags written with escaped or plain brackets and drops emphasis", () => {
    expect(parseTitle("**\\[CCP/SAA/DVA] AMI Overview**")).toEqual({ title: "AMI Overview", tags: ["CCP", "SAA", "DVA"], number: null });
    expect(parseTitle("**[SAA] Spot Instances & Spot Fleet**")).toEqual({ title: "Spot Instances & Spot Fleet", tags: ["SAA"], number: null });
    expect(parseTitle("Elastic IPs")).toEqual({ title: "Elastic IPs", tags: [], number: null });
  });

  it("strips numbering but remembers it", () => {
    expect(parseTitle("1. Creating a highly available EC2 instance")).toEqual({ title: "Creating a highly available EC2 instance", tags: [], number: 1 });
  });

  it("keeps brackets that are not exam codes", () => {
    expect(parseTitle("[draft] notes").title).toBe("[draft] notes");
  });
});

describe("strikethrough versus ranges", () => {
  it("finds single and double tilde strikes", () => {
    expect(findStrikes("- ~ALB is not integrated with X-Ray.~").map((s) => s.inner)).toEqual(["ALB is not integrated with X-Ray."]);
    expect(findStrikes("~~The maximum timeout is 5 minutes.~~").map((s) => s.inner)).toEqual(["The maximum timeout is 5 minutes."]);
  });

  it.each(["1~5분", "CPU Utilization은 0~100% CPU 사용량", "시험에서 2~3문제", "(03:00 ~ 05:00 등)", "월~금", "약 ~5분과 ~10분"])("treats %s as a range", (s) => {
    expect(findStrikes(s)).toEqual([]);
  });
});

describe("an English notes file with # / ## / ### headings and * bullets", () => {
  const p = parseNotes(fixture("english-aws-notes.md"), "english-aws-notes.md");

  it("builds the topic tree with tags and paths", () => {
    // "Reasons replication fails:" heads a list: it is a sub-topic of S3 Replication, ending with its list.
    expect(titles(p)).toEqual(["Storage Notes", "EBS Volume Types", "gp3", "io2 Block Express", "st1", "sc1", "Amazon S3 Storage Classes", "S3 Replication", "Reasons replication fails"]);
    expect(p.topics.find((t) => t.title === "Reasons replication fails")).toMatchObject({ lines: [53, 56], parentPath: "storage-notes/s3-replication", depth: 3 });
    const ebs = p.topics.find((t) => t.title === "EBS Volume Types");
    expect(ebs?.examTags).toEqual(["SAA", "SOA"]);
    expect(ebs?.path).toBe("storage-notes/ebs-volume-types");
    expect(ebs?.children).toEqual(["storage-notes/ebs-volume-types/gp3", "storage-notes/ebs-volume-types/io2-block-express", "storage-notes/ebs-volume-types/st1", "storage-notes/ebs-volume-types/sc1"]);
    expect(p.language).toBe("en");
  });

  it("keeps nested bullets with their parent as context", () => {
    const f = p.facts.find((x) => x.text.startsWith("Minimum storage duration"));
    expect(f?.context).toEqual(["S3 Standard-IA"]);
    expect(f?.kind).toBe("statement");
  });

  it("takes no facts from a tagged code fence or a References footer", () => {
    expect(p.facts.some((f) => f.text.includes("Rules"))).toBe(false);
    expect(p.facts.some((f) => f.text.includes("volume types") && f.text.includes("Amazon EBS"))).toBe(false);
    expect(p.skipped.map((s) => s.reason)).toEqual(expect.arrayContaining(["code", "reference"]));
  });

  it("marks a struck paragraph with the indented correction under it", () => {
    const f = p.facts.find((x) => x.kind === "struck");
    expect(f?.text).toBe("Replication is always synchronous.");
    expect(f?.struck?.correction).toMatch(/^It is asynchronous/);
    expect(p.facts.some((x) => x.kind !== "struck" && x.text.startsWith("It is asynchronous"))).toBe(false);
  });

  it("gives every fact a range inside its topic", () => {
    const byPath = new Map(p.topics.map((t) => [t.path, t]));
    for (const f of p.facts) {
      const t = byPath.get(f.topicPath);
      expect(t, f.id).toBeDefined();
      expect(f.lines[0]).toBeGreaterThanOrEqual(t?.lines[0] ?? Infinity);
      expect(f.lines[1]).toBeLessThanOrEqual(t?.lines[1] ?? -Infinity);
    }
  });
});

describe("setext and numbered headings", () => {
  const p = parseNotes(fixture("setext-numbered.md"), "setext-numbered.md");

  it("reads === and --- underlines as levels 1 and 2, and strips numbers from ### 1. titles", () => {
    expect(titles(p)).toEqual(["Networking Basics", "VPC Components", "Subnets", "NAT Gateway", "Security Groups", "Network ACLs"]);
    expect(p.topics.find((t) => t.title === "NAT Gateway")?.parentPath).toBe("networking-basics/vpc-components");
    expect(p.topics.find((t) => t.title === "Network ACLs")?.depth).toBe(2);
  });

  it("reads `1)` ordered items as facts", () => {
    expect(p.facts.find((f) => f.text.startsWith("NACLs are stateless"))?.topicPath).toBe("networking-basics/network-acls");
  });
});

describe("a title used more than once", () => {
  const p = parseNotes(fixture("pasted-twice.md"), "pasted-twice.md");

  it("merges a section pasted twice and keeps a different section under the same title", () => {
    expect(titles(p)).toEqual(["CloudWatch Alarms", "CloudWatch Logs", "CloudWatch Alarms (2)"]);
    const first = p.topics[0];
    expect(first?.mergedCopies).toEqual([[12, 16]]);
    expect(p.topics[2]?.path).toBe("cloudwatch-alarms-2");
    expect(p.topics[2]?.originalTitle).toBe("CloudWatch Alarms");
    // The pasted copy adds no facts of its own.
    expect(p.facts.filter((f) => f.text.startsWith("An alarm watches"))).toHaveLength(1);
    expect(p.skipped).toContainEqual({ lines: [12, 16], reason: "duplicate-section" });
  });
});

describe("double-tilde strikes, ranges and deprecation", () => {
  const p = parseNotes(fixture("double-strike.md"), "double-strike.md");

  it("attaches the nested correction to the struck bullet", () => {
    const f = factAt(p, 6);
    expect(f?.kind).toBe("struck");
    expect(f?.struck).toEqual({ correction: "The maximum timeout is 15 minutes (900 seconds).", correctionLines: [7, 7] });
    expect(factAt(p, 7)).toBeUndefined();
  });

  it("does not treat 1~5 or 09:00 ~ 18:00 as strikethrough", () => {
    expect(factAt(p, 9)?.kind).toBe("statement");
    expect(factAt(p, 9)?.text).toContain("1~5 seconds");
    expect(factAt(p, 10)?.kind).toBe("statement");
  });

  it("flags facts under a deprecation marker, and only those", () => {
    expect(factAt(p, 16)?.deprecated).toBe(true);
    expect(factAt(p, 17)?.deprecated).toBe(true);
    expect(factAt(p, 21)?.deprecated).toBeUndefined();
    expect(p.facts.some((f) => /deprecated/i.test(f.text))).toBe(false);
  });
});

describe("a file holding only a prompt to an assistant", () => {
  it("yields no topic and no fact", () => {
    const p = parseNotes(fixture("preamble-only.md"), "preamble-only.md");
    expect(p.topics).toEqual([]);
    expect(p.facts).toEqual([]);
    expect(p.skipped[0]).toEqual({ lines: [1, 11], reason: "preamble" });
  });
});

describe("summary blocks, bold-line topics and prose fences", () => {
  const md = [
    "# Notes", //                                                        1
    "## **[SOA] Elastic IPs**", //                                      2
    "EIP는 삭제하지 않는 한 변경되지 않고 소유할 수 있는 IPv4 IP이다.", //     3
    "기본적으로 AWS 리전 당 최대 다섯 개의 EIP를 보유할 수 있다.", //          4
    "", //                                                              5
    "**정리**", //                                                       6
    "-   EIP는 삭제하지 않는 한 변경되지 않고 소유하는 IPv4 IP이다.", //      7
    "", //                                                              8
    "**[SAA/DVA] What is High Availability?**", //                      9
    "**개요**", //                                                      10
    "-   고가용성은 최소 두 개의 가용 영역에서 실행하는 것을 의미한다.", //     11
    "~~~", //                                                           12
    "- 경보로 람다 함수를 실행시킬 수 있다.", //                             13
    "→ 새 인스턴스를 실행할 수 있다.", //                                    14
    "~~~", //                                                           15
  ].join("\r\n");
  const p = parseNotes(md, "inline.md");

  it("turns a tagged bold line into a section and keeps **개요** a sub-label", () => {
    expect(titles(p)).toEqual(["Notes", "Elastic IPs", "What is High Availability?"]);
    expect(p.topics[2]).toMatchObject({ lines: [9, 14], examTags: ["SAA", "DVA"], depth: 2, parentPath: "notes" });
    expect(factAt(p, 11)?.headingPath).toEqual(["Notes", "What is High Availability?", "개요"]);
  });

  it("keeps the summary's wording in place of the body fact it restates", () => {
    expect(factAt(p, 3)).toBeUndefined();
    const s = factAt(p, 7);
    expect(s?.kind).toBe("summary");
    expect(s?.restates?.[0]?.lines).toEqual([3, 3]);
    expect(factAt(p, 4)?.kind).toBe("statement");
  });

  it("parses an untagged fence of bullet prose as content, with → lines as children", () => {
    const arrow = factAt(p, 14);
    expect(arrow?.parentId).toBe("L13");
    expect(arrow?.context).toEqual(["경보로 람다 함수를 실행시킬 수 있다."]);
  });
});
