// The table rule: study tables become single-choice questions about one cell, distractors from the same
// column; navigation tables, quiz keys and columns that cannot single out a row are never asked.
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { questionViolations } from "./invariants";
import { MAX_PER_TABLE } from "./rules/table";
import type { GeneratedQuestion, ParsedNotes } from "./types";

const md = (...lines: string[]): string => lines.join("\n");
const tableQs = (markdown: string, file = "notes.md"): { parsed: ParsedNotes; qs: GeneratedQuestion[] } => {
  const parsed = parseNotes(markdown, file);
  return { parsed, qs: generateQuestions(parsed).filter((q) => q.rule === "table-single") };
};
const keyOf = (q: GeneratedQuestion): string => q.choices.find((c) => q.answer.includes(c.id))?.text ?? "";
const wrongOf = (q: GeneratedQuestion): string[] => q.choices.filter((c) => !q.answer.includes(c.id)).map((c) => c.text);

const PORTS: Record<string, string> = { "22": "SSH", "25": "SMTP", "53": "DNS", "80": "HTTP", "443": "HTTPS", "3389": "RDP" };
const portsNotes = md(
  "# Networking",
  "",
  "## Well-known ports",
  "",
  "| Port | Protocol | Service | Encrypted |",
  "|---|---|---|---|",
  ...Object.entries(PORTS).map(([port, service]) => `| ${port} | ${port === "53" ? "UDP and TCP" : "TCP"} | **${service}** | ${service === "HTTPS" || service === "SSH" ? "yes" : "no"} |`),
  "",
  "Open only the ports you need.",
);

describe("a ports table", () => {
  const { parsed, qs } = tableQs(portsNotes);

  it("asks a port's service with other services as distractors, and which port serves a service", () => {
    expect(qs.length).toBeGreaterThanOrEqual(4);
    expect(questionViolations(parsed, qs)).toEqual([]);
    const services = Object.values(PORTS);
    for (const q of qs) {
      const forward = /what is the service of port (\d+)\?/i.exec(q.stem);
      const reverse = /which port has the service “([^”]+)”\?/i.exec(q.stem);
      expect(forward ?? reverse, q.stem).toBeTruthy();
      if (forward) {
        expect(keyOf(q)).toBe(PORTS[forward[1] ?? ""]);
        for (const w of wrongOf(q)) expect(services).toContain(w);
      } else {
        expect(PORTS[keyOf(q)]).toBe(reverse?.[1]);
        for (const w of wrongOf(q)) expect(Object.keys(PORTS)).toContain(w);
      }
      expect(q.stem).toMatch(/^In Well-known ports, /);
      expect(q.stem.toLowerCase()).not.toContain(keyOf(q).toLowerCase());
      expect(q.source.lines).toEqual([5, 12]);
    }
  });

  it("never asks a column whose values repeat (TCP, TCP, ...; yes/no)", () => {
    expect(qs.filter((q) => /protocol|encrypted/i.test(q.stem))).toEqual([]);
    expect(qs.flatMap((q) => q.choices.map((c) => c.text))).not.toContain("TCP");
  });
});

describe("tables that are not study content", () => {
  it("skips a table of contents and a link table, and reports them", () => {
    const { parsed, qs } = tableQs(
      md(
        "# Guide",
        "",
        "| Section | Where |",
        "|---|---|",
        "| Ports | [Ports](#ports) |",
        "| Protocols | [Protocols](#protocols) |",
        "| Subnets | [Subnets](#subnets) |",
        "",
        "## Ports",
        "",
        "Ports identify a service on a host.",
        "",
        "| Resource | Link |",
        "|---|---|",
        "| [VPC user guide](https://docs.aws.amazon.com/vpc/) | [open](https://docs.aws.amazon.com/vpc/) |",
        "| [EC2 user guide](https://docs.aws.amazon.com/ec2/) | [open](https://docs.aws.amazon.com/ec2/) |",
        "| [ELB user guide](https://docs.aws.amazon.com/elb/) | [open](https://docs.aws.amazon.com/elb/) |",
        "| [S3 user guide](https://docs.aws.amazon.com/s3/) | [open](https://docs.aws.amazon.com/s3/) |",
      ),
    );
    expect(qs).toEqual([]);
    expect(parsed.skipped).toContainEqual({ lines: [3, 7], reason: "toc" });
    expect(parsed.skipped).toContainEqual({ lines: [13, 18], reason: "link-list" });
  });

  it("does not ask a quiz answer table", () => {
    const { qs } = tableQs(md("# Practice", "", "Answers to the practice set.", "", "| Question | Answer |", "|---|---|", "| 1 | C |", "| 2 | A |", "| 3 | B, D |", "| 4 | E |"));
    expect(qs).toEqual([]);
  });

  it("leaves out empty, '-' and N/A cells as keys and as distractors", () => {
    const { qs } = tableQs(
      md(
        "# Limits",
        "",
        "| Service | Max item size |",
        "|---|---|",
        "| DynamoDB | 400 KB |",
        "| SQS | 1 MiB |",
        "| SNS | 256 KB |",
        "| Kinesis Data Streams | 1 MB |",
        "| Step Functions | - |",
        "| EventBridge | N/A |",
        "| Lambda |  |",
      ),
    );
    expect(qs.length).toBeGreaterThan(0);
    const texts = qs.flatMap((q) => [q.stem, ...q.choices.map((c) => c.text)]);
    for (const bad of ["Step Functions", "EventBridge", "Lambda", "N/A"]) expect(texts.some((t) => t.includes(bad)), bad).toBe(false);
    expect(qs.flatMap((q) => q.choices.map((c) => c.text))).not.toContain("-");
  });
});

describe("a comparison table (services across the header, properties down the first column)", () => {
  const { parsed, qs } = tableQs(
    md(
      "# Databases",
      "",
      "## Choosing a database",
      "",
      "| | Amazon RDS | Amazon Aurora | Amazon DynamoDB | Amazon Redshift |",
      "|---|---|---|---|---|",
      "| Data model | relational rows | relational, MySQL- or PostgreSQL-compatible | key-value and document | columnar warehouse |",
      "| Scaling writes | bigger instance | Aurora Limitless Database | automatic partitioning | more nodes |",
      "| Typical latency | milliseconds | milliseconds | single-digit milliseconds | seconds |",
    ),
  );

  it("asks a service's property, the distractors being the other services' values of that property", () => {
    const cells: Record<string, Record<string, string>> = {
      "data model": { "Amazon RDS": "relational rows", "Amazon Aurora": "relational, MySQL- or PostgreSQL-compatible", "Amazon DynamoDB": "key-value and document", "Amazon Redshift": "columnar warehouse" },
      "scaling writes": { "Amazon RDS": "bigger instance", "Amazon Aurora": "Aurora Limitless Database", "Amazon DynamoDB": "automatic partitioning", "Amazon Redshift": "more nodes" },
    };
    expect(qs.length).toBeGreaterThanOrEqual(4);
    for (const q of qs) {
      const forward = /what (?:is|are) the (data model|scaling writes) of (Amazon \w+)\?$/.exec(q.stem);
      const reverse = /which one has the (data model|scaling writes) “([^”]+)”\?$/.exec(q.stem);
      expect(forward ?? reverse, q.stem).toBeTruthy();
      const column = cells[(forward ?? reverse)?.[1] ?? ""] ?? {};
      if (forward) {
        expect(keyOf(q)).toBe(column[forward[2] ?? ""]);
        for (const w of wrongOf(q)) expect(Object.values(column)).toContain(w);
      } else {
        expect(column[keyOf(q)]).toBe(reverse?.[2]);
        for (const w of wrongOf(q)) expect(Object.keys(column)).toContain(w);
      }
    }
    expect(questionViolations(parsed, qs)).toEqual([]);
  });

  it("does not ask a cell that repeats its row's name (Aurora → Aurora Limitless Database)", () => {
    expect(qs.filter((x) => x.stem.includes("of Amazon Aurora?") && /scaling/.test(x.stem))).toEqual([]);
    expect(qs.filter((x) => x.stem.includes("“Aurora Limitless Database”"))).toEqual([]);
  });

  it("does not ask the latency row (two services share a value)", () => {
    expect(qs.filter((x) => /latency/i.test(x.stem))).toEqual([]);
  });

  it("never offers a value that contains the key as a distractor", () => {
    for (const x of qs) {
      const key = keyOf(x);
      for (const w of wrongOf(x)) expect(w.includes(key) || key.includes(w), `${x.stem}: ${w}`).toBe(false);
    }
  });
});

describe("a comparison of two services", () => {
  it("asks nothing rather than reading a property as a row (“what is the S3 of Protocol?”)", () => {
    const { qs } = tableQs(
      md("# Storage", "", "| Feature | Amazon S3 | Amazon EFS |", "|---|---|---|", "| Protocol | HTTPS API | NFS |", "| Storage kind | object | file |", "| Access from | anywhere with the API | mounted by instances |"),
    );
    expect(qs).toEqual([]);
  });
});

describe("a long table", () => {
  it(`asks at most ${MAX_PER_TABLE} questions, each about a different row`, () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| ${1000 + i * 7} | service-${String.fromCharCode(97 + (i % 26))}${i} |`);
    const { qs } = tableQs(md("# Ports", "", "| Port | Service |", "|---|---|", ...rows));
    expect(qs.length).toBe(MAX_PER_TABLE);
    const rowsAsked = qs.map((q) => /port (\d+)\?/.exec(q.stem)?.[1] ?? keyOf(q));
    expect(new Set(rowsAsked).size).toBe(qs.length);
  });
});

describe("Korean notes", () => {
  const { parsed, qs } = tableQs(
    md(
      "# 네트워크 정리",
      "",
      "## 주요 포트",
      "",
      "포트는 호스트에서 서비스를 구분하는 번호이다.",
      "",
      "| 포트 | 프로토콜 | 서비스 |",
      "|---|---|---|",
      "| 22 | TCP | SSH |",
      "| 53 | UDP/TCP | DNS |",
      "| 80 | TCP | HTTP |",
      "| 443 | TCP | HTTPS |",
      "| 3389 | TCP | RDP |",
    ),
  );

  it("words the stems in Korean and names the column header", () => {
    expect(parsed.language).toBe("ko");
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expect(q.stem).toMatch(/^주요 포트에서 (?:포트 \d+의 서비스는|서비스가 “[^”]+”인 포트는) 무엇인가\?$/);
    const services: Record<string, string> = { "22": "SSH", "53": "DNS", "80": "HTTP", "443": "HTTPS", "3389": "RDP" };
    for (const q of qs) {
      const forward = /포트 (\d+)의 서비스는/.exec(q.stem);
      const reverse = /서비스가 “([^”]+)”인 포트는/.exec(q.stem);
      if (forward) expect(keyOf(q)).toBe(services[forward[1] ?? ""]);
      else expect(services[keyOf(q)]).toBe(reverse?.[1]);
    }
  });
});
