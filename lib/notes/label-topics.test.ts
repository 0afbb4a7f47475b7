// Label lines over a list ("S3 tips:", "**EC2 purchasing**", "Lambda limits") become sub-topics, so an
// exam-tips file with one heading is grouped (and asked) per label.
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { questionViolations } from "./invariants";

const md = (...lines: string[]): string => lines.join("\n");

describe("label lines over lists", () => {
  const notes = md(
    "# Exam tips", //                                                                  1
    "", //                                                                             2
    "S3 tips:", //                                                                     3
    "- Versioning, once enabled, can only be suspended, never turned off.", //          4
    "- MFA Delete can be enabled only by the root user.", //                            5
    "- Requester Pays makes the requester pay for the data downloaded.", //             6
    "", //                                                                             7
    "Remember to check the bucket policy first.", //                                   8
    "", //                                                                             9
    "**EC2 purchasing**", //                                                           10
    "", //                                                                             11
    "- On-Demand instances are billed per second with no commitment.", //               12
    "  - Linux and Windows only.", //                                                  13
    "- Spot instances can be reclaimed with a two-minute warning.", //                  14
    "", //                                                                             15
    "Lambda limits", //                                                                16
    "- Timeout up to 15 minutes.", //                                                  17
    "- Memory from 128 MB to 10,240 MB.", //                                           18
    "", //                                                                             19
    "**Overview**", //                                                                 20
    "- The exam has 65 questions.", //                                                 21
    "- It lasts 130 minutes.", //                                                      22
    "", //                                                                             23
    "KMS rotation", //                                                                 24
    "Automatic rotation of customer managed keys happens yearly by default.", //        25
  );
  const parsed = parseNotes(notes, "tips.md");
  const topic = (title: string) => parsed.topics.find((t) => t.title === title);

  it("makes each label over a list a child topic, titled without its colon or bold, spanning its list", () => {
    expect(parsed.topics.map((t) => t.title)).toEqual(["Exam tips", "S3 tips", "EC2 purchasing", "Lambda limits"]);
    expect(topic("S3 tips")).toMatchObject({ lines: [3, 6], parentPath: "exam-tips", path: "exam-tips/s3-tips", depth: 2 });
    expect(topic("EC2 purchasing")).toMatchObject({ lines: [10, 14], path: "exam-tips/ec2-purchasing" });
    expect(topic("Lambda limits")?.lines).toEqual([16, 18]);
    expect(topic("Exam tips")?.children).toEqual(["exam-tips/s3-tips", "exam-tips/ec2-purchasing", "exam-tips/lambda-limits"]);
  });

  it("files the list's facts under the label topic, naming it once in their heading path", () => {
    const f = parsed.facts.find((x) => x.lines[0] === 13);
    expect(f?.topicPath).toBe("exam-tips/ec2-purchasing");
    expect(f?.headingPath).toEqual(["Exam tips", "EC2 purchasing"]);
    expect(f?.labelId).toBeNull();
  });

  it("gives a paragraph after the list back to the enclosing topic", () => {
    expect(parsed.facts.find((x) => x.lines[0] === 8)?.topicPath).toBe("exam-tips");
  });

  it("keeps a generic label (Overview) and a label over a paragraph as sub-labels", () => {
    expect(parsed.labels.map((l) => l.text)).toEqual(expect.arrayContaining(["Overview", "KMS rotation"]));
    expect(parsed.facts.find((x) => x.lines[0] === 21)).toMatchObject({ topicPath: "exam-tips", headingPath: ["Exam tips", "Overview"] });
    expect(parsed.facts.find((x) => x.lines[0] === 25)).toMatchObject({ topicPath: "exam-tips", headingPath: ["Exam tips", "KMS rotation"] });
  });

  it("asks questions inside the label topics, every one obeying the bank's rules", () => {
    const qs = generateQuestions(parsed);
    expect(questionViolations(parsed, qs)).toEqual([]);
    expect(new Set(qs.map((q) => q.topicPath))).toContain("exam-tips/lambda-limits");
  });
});

describe("a label under a heading with the heading's own title", () => {
  it("does not repeat the heading as a sub-topic", () => {
    const parsed = parseNotes(md("## SQS", "", "**SQS**", "- Messages are kept 4 days by default.", "- Long polling waits up to 20 seconds."), "sqs.md");
    expect(parsed.topics.map((t) => t.title)).toEqual(["SQS"]);
  });
});

describe("Korean label lines", () => {
  it("makes a name with a colon (EBS 팁:) a topic, but not a lead-in clause (예를 들면:)", () => {
    const parsed = parseNotes(
      md(
        "## 스토리지",
        "",
        "EBS 팁:",
        "- EBS 볼륨은 하나의 가용 영역에 묶여 있다.",
        "- 다른 AZ로 옮기려면 스냅샷을 사용한다.",
        "",
        "예를 들면:",
        "- gp3 볼륨은 크기와 관계없이 기본 3,000 IOPS를 제공한다.",
        "- io2 볼륨은 같은 AZ의 여러 인스턴스에 연결할 수 있다.",
      ),
      "ko.md",
    );
    expect(parsed.topics.map((t) => t.title)).toEqual(["스토리지", "EBS 팁"]);
    expect(parsed.facts.find((f) => f.lines[0] === 8)?.topicPath).toBe("스토리지");
  });
});
