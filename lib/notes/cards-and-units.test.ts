// Question-and-answer cards are set aside (reported, never facts), and a unit is never the blank.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateWithReport } from "./generate";

const lambda = [
  "# Lambda", //                                                                     1
  "", //                                                                            2
  "## Deployment", //                                                               3
  "", //                                                                            4
  "Q: How do you shift traffic gradually to a new version?", //                     5
  "A: Use an alias with weighted routing, or CodeDeploy with a canary.", //         6
  "", //                                                                            7
  "질문: 단계마다 다른 설정은 어디에 두는가?", //                                       8
  "", //                                                                            9
  "답: 환경 변수나 Parameter Store에 둔다.", //                                         10
  "", //                                                                            11
  "## Layers", //                                                                   12
  "", //                                                                            13
  "- A function can use up to 5 layers at a time.", //                              14
  "- Total unzipped size of function and layers: 250 MB.", //                       15
  "- Container images can be up to 10 GB in size.", //                              16
].join("\n");

describe("question-and-answer cards", () => {
  const parsed = parseNotes(lambda, "lambda.md");
  const { questions } = generateWithReport(parsed);

  it("reports them as skipped, in English and Korean, one paragraph or two", () => {
    expect(parsed.skipped).toEqual([{ reason: "flashcards", lines: [5, 10] }]);
  });

  it("makes no question from a card's answer", () => {
    for (const q of questions) expect(q.stem).not.toMatch(/alias|Parameter Store|^A:/);
  });
});

describe("blanks", () => {
  it("never blanks the unit of a stated number", () => {
    const { questions } = generateWithReport(parseNotes(lambda, "lambda.md"), { maxPerTopicPerRule: { "cloze-term": 10, "cloze-number": 10 } });
    const clozes = questions.filter((q) => q.type === "cloze");
    expect(clozes.length).toBeGreaterThan(0);
    for (const q of clozes) expect(q.answer.map((a) => a.toLowerCase())).not.toContain("mb");
  });
});

describe("steps, advice and everyday words", () => {
  const notes = [
    "# Organizations",
    "",
    "## Setting up",
    "",
    "1. Create the organization from the management account.",
    "2. Invite existing accounts or create new ones.",
    "3. Attach service control policies to organizational units.",
    "",
    "## SCPs",
    "",
    "- SCPs never grant permissions; they only limit what IAM policies in member accounts can allow.",
    "- SCPs do not affect the management account.",
    "- 루트 사용자는 일상 작업에 사용하지 말아야 한다.",
    "- 태그 정책은 태그 표준을 강제하기 위해 사용해야 한다.",
  ].join("\n");
  const { questions } = generateWithReport(parseNotes(notes, "org.md"), { maxPerTopicPerRule: { "truefalse-statement": 10, "cloze-term": 10 } });

  it("does not ask a step or a piece of advice as true or false", () => {
    const statements = questions.filter((q) => q.type === "truefalse").map((q) => q.stem);
    for (const s of statements) expect(s).not.toMatch(/Create the organization|Invite existing|해야 한다/);
  });

  it("does not blank an everyday lowercase word that many words would fit", () => {
    const prose = readFileSync(fileURLToPath(new URL("./fixtures/iam-prose.md", import.meta.url)), "utf8");
    const clozes = generateWithReport(parseNotes(prose, "iam-prose.md")).questions.filter((x) => x.type === "cloze");
    expect(clozes.length).toBeGreaterThan(0);
    for (const q of clozes) expect(q.answer).not.toContain("policies");
  });
});

describe("fragments", () => {
  it("does not blank a term in a bare condition (…인 경우) whose point is elsewhere", () => {
    const notes = ["# 트러블슈팅", "", "## 연결이 안 될 때", "", "- NACL이 올바르게 되어있지 않은 경우", "- 보안 그룹에서 22번 포트가 열려 있지 않은 경우", "- 라우팅 테이블에 IGW 경로가 없는 경우", ""].join("\n");
    const { questions } = generateWithReport(parseNotes(notes, "ts.md"), { maxPerTopicPerRule: { "cloze-term": 10, "cloze-number": 10 } });
    expect(questions.filter((q) => q.type === "cloze")).toEqual([]);
  });
});

describe("a practice section with lettered options", () => {
  const md = readFileSync(fileURLToPath(new URL("./fixtures/route53-setext-quiz.md", import.meta.url)), "utf8");
  const parsed = parseNotes(md, "route53.md");
  const { questions } = generateWithReport(parsed);

  it("is a quiz, not question-and-answer cards (A. is an option, not an answer)", () => {
    expect(parsed.skipped.map((s) => s.reason)).toEqual(["quiz"]);
    expect(questions.filter((q) => q.rule === "quiz-keyed")).toHaveLength(2);
  });

  it("does not blank the number of a name followed by an ordinary word (Route ____ uses)", () => {
    for (const q of questions) if (q.type === "cloze") expect(q.stem).not.toMatch(/Route ____/);
  });
});

describe("choose-two under a negative label", () => {
  it("is not asked: the list may also state the contrast", () => {
    const md = readFileSync(fileURLToPath(new URL("../../test/fixtures/notes/ko-sysops-cloudwatch-asg.md", import.meta.url)), "utf8");
    const { questions } = generateWithReport(parseNotes(md, "ko-sysops-cloudwatch-asg.md"));
    expect(questions.filter((q) => q.rule === "multiple-list").length).toBeGreaterThan(0);
    expect(questions.filter((q) => q.rule === "multiple-list" && q.stem.includes("없는"))).toEqual([]);
  });
});

describe("blanks without a sentence of their own", () => {
  it("are not asked: a question clause (…했는지) or a bare number after the sentence", () => {
    const md = ["# EC2", "", "## Instance Connect 점검", "", "- SG에 AWS IP Range를 허용 했는지", "- 보안 그룹의 인바운드 규칙에서 22번 포트를 열었는지", "", "## Convertible Reserved Instance", "", "- 인스턴스 유형을 바꿀 수 있어서 유연하지만 할인을 조금 덜 받는다. 66%", "- 예약 기간은 1년 또는 3년이다.", ""].join("\n");
    const { questions } = generateWithReport(parseNotes(md, "ec2.md"), { maxPerTopicPerRule: { "cloze-term": 10, "cloze-number": 10 } });
    const stems = questions.filter((q) => q.type === "cloze").map((q) => q.stem);
    for (const s of stems) expect(s).not.toMatch(/했는지|열었는지|\. ____%/);
  });
});

describe("a blank that is one of two alternatives", () => {
  it("is not asked (____ 또는 대상 그룹, CloudWatch Logs or ____)", () => {
    const md = ["# ELB", "", "## Health checks", "", "- ALB 또는 대상 그룹 자체에서 Health check를 설정할 수 있다.", "- Flow Logs는 CloudWatch Logs or S3 버킷으로 보낼 수 있다.", "- NLB는 TCP 수준에서 Health check를 한다.", ""].join("\n");
    const { questions } = generateWithReport(parseNotes(md, "elb.md"), { maxPerTopicPerRule: { "cloze-term": 10 } });
    for (const q of questions.filter((x) => x.type === "cloze")) expect(q.stem).not.toMatch(/____ 또는|or ____/);
  });
});
