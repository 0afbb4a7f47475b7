import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { buildConcepts } from "./concepts";
import { normalizeForMatch } from "./text";
import type { GeneratedQuestion, ParsedNotes } from "./types";

/** The quoted claim of a true/false stem. */
const claimOf = (q: GeneratedQuestion): string => /[“"]([^”"]+)[”"]\s*$/.exec(q.stem)?.[1] ?? "";
const load = (md: string, file = "notes.md"): { parsed: ParsedNotes; qs: GeneratedQuestion[] } => {
  const parsed = parseNotes(md, file);
  return { parsed, qs: generateQuestions(parsed) };
};

const PLACEMENT = `# EC2

## Placement Groups

### Cluster
- Cluster placement groups pack instances close together in one AZ for low network latency.
- Use Cluster for HPC jobs that need high throughput between nodes.

### Spread
- Spread placement groups put each instance on distinct hardware, at most 7 instances per AZ.
- Use Spread for a few critical instances that must not fail together.

### Partition
- Partition placement groups divide instances into partitions that share no racks, up to 7 partitions per AZ.
- Use Partition for Hadoop, Cassandra and Kafka clusters.
`;

describe("sibling-swap false statements", () => {
  it("says a fact of one concept about a real sibling from the notes, keyed false, citing the fact", () => {
    const { parsed, qs } = load(PLACEMENT);
    const swaps = qs.filter((q) => q.rule === "truefalse-sibling-swap");
    expect(swaps.length).toBeGreaterThanOrEqual(2);
    const names = [...buildConcepts(parsed).concepts.values()].map((c) => c.name);
    const facts = new Map(parsed.facts.map((f) => [f.id, f]));
    for (const q of swaps) {
      expect(q.answer).toEqual(["false"]);
      const fact = facts.get(q.factIds[0] ?? "");
      const claim = claimOf(q);
      expect(claim).not.toBe(fact?.text);
      // The claim names a sibling concept the fact did not name, and the explanation quotes the real fact.
      const swappedIn = names.filter((n) => claim.includes(n) && !fact?.text.includes(n));
      expect(swappedIn.length, claim).toBe(1);
      expect(["Cluster", "Spread", "Partition"]).toContain(swappedIn[0]);
      expect(q.explanation).toContain(fact?.text ?? "?");
      expect(q.explanation).toMatch(/^False\. The notes say this of (Cluster|Spread|Partition), not (Cluster|Spread|Partition)/);
    }
  });

  it("never swaps in a sibling the notes say the same thing of", () => {
    const { qs } = load(`# Storage

## Services

### S3
- S3 keeps every version of an object when versioning is on.
- S3 stores objects in buckets inside one Region.

### EFS
- EFS keeps every version of an object when versioning is on.
- EFS is mounted over NFS by many Linux instances in one Region.

### EBS
- EBS volumes attach to a single instance in one AZ.
- EBS snapshots are stored incrementally.
`);
    const swaps = qs.filter((q) => q.rule === "truefalse-sibling-swap");
    expect(swaps.length).toBeGreaterThan(0);
    for (const q of swaps) expect(claimOf(q), q.stem).not.toMatch(/keeps every version/);
  });

  it("only swaps whole names: not inside a longer name or a compound", () => {
    const { qs } = load(`# ELB

## Types

- ALB: layer 7, routes by path and host header, one DNS name.
- NLB: layer 4, TCP and UDP, one static IP per AZ.
- GWLB: layer 3, sends traffic through third-party virtual appliances.
- CLB: the previous generation; ALB and NLB replace it.
`);
    const swaps = qs.filter((q) => q.rule === "truefalse-sibling-swap").map(claimOf);
    expect(swaps.length).toBeGreaterThan(0);
    for (const c of swaps) expect(c).toMatch(/^(ALB|NLB|GWLB|CLB): /);
    expect(swaps).not.toContain("ALB: layer 7, routes by path and host header, one DNS name.");
  });
});

describe("sibling swaps in Korean notes", () => {
  it("swaps the subject with its particle and never leaves the real subject or a doubled name", () => {
    const { qs } = load(`# SSM

## Patch Manager

- 패치 베이스라인
  - 패치 베이스라인은 설치할 패치와 설치하지 않을 패치를 정의한다.
  - 기본 패치 베이스라인은 보안 패치만 설치한다.
- 패치 그룹
  - 패치 그룹은 하나의 패치 베이스라인에만 등록될 수 있다.
  - 패치 그룹은 태그로 인스턴스를 묶는다.
`);
    const claims = qs.filter((q) => q.rule === "truefalse-sibling-swap").map(claimOf);
    expect(claims).toContain("패치 그룹은 설치할 패치와 설치하지 않을 패치를 정의한다.");
    expect(claims).not.toContain("패치 베이스라인은 하나의 패치 베이스라인에만 등록될 수 있다.");
    for (const c of claims) expect(c.split("패치 베이스라인").length + c.split("패치 그룹").length - 2, c).toBe(1);
  });
});

describe("number-swap false statements", () => {
  const { qs } = load(`# S3

## Limits

- Until 2025 the maximum S3 object size was 5 TB.
- The maximum S3 object size is 50 TB.
- Automated backups are kept for 1 to 35 days.
- Event history keeps the last 90 days of management events.
- A role session lasts at most 12 hours.
- Role chaining limits a session to 1 hour.
- Lambda memory goes from 128 MB up to 10,240 MB.
- 2025년 6월부터 퍼블릭 인증서를 내보낼 수 있다.
`);
  const swaps = qs.filter((q) => q.rule === "truefalse-number-swap").map(claimOf);

  it("never gives a value the notes state for the same thing", () => {
    expect(swaps).not.toContain("The maximum S3 object size is 5 TB.");
    expect(swaps).not.toContain("Until 2025 the maximum S3 object size was 50 TB.");
  });

  it("leaves the ends of a range and years alone, and keeps the unit's grammar", () => {
    expect(swaps.filter((c) => c.startsWith("Lambda memory") || c.includes("인증서"))).toEqual([]);
    expect(swaps.filter((c) => c.startsWith("Automated backups"))).toEqual([]);
    expect(swaps.length).toBeGreaterThan(0);
    for (const c of swaps) expect(c, c).not.toMatch(/\b(?:[02-9]|1\d+) hour\b|\b1 hours\b/);
  });
});

describe("true/false across the labelled notes corpus", () => {
  const dir = fileURLToPath(new URL("../../test/fixtures/notes", import.meta.url));
  const banks = readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .map((f) => generateQuestions(parseNotes(readFileSync(path.join(dir, f), "utf8"), f)));
  const tf = banks.flat().filter((q) => q.type === "truefalse");

  // Before sibling swaps the corpus kept 89 true/false items (52 true): balance came from dropping trues.
  it("keeps more true/false items, balanced by real false statements", () => {
    const trues = tf.filter((q) => q.answer[0] === "true").length;
    expect(tf.length).toBeGreaterThanOrEqual(150);
    expect(trues / tf.length).toBeGreaterThanOrEqual(0.4);
    expect(trues / tf.length).toBeLessThanOrEqual(0.6);
    expect(tf.filter((q) => q.rule === "truefalse-sibling-swap").length).toBeGreaterThanOrEqual(10);
  });

  it("never asks a made-up false statement that the notes state as written", () => {
    for (const [i, qs] of banks.entries()) {
      const file = readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md")[i] ?? "";
      const facts = new Set(parseNotes(readFileSync(path.join(dir, file), "utf8"), file).facts.map((f) => normalizeForMatch(f.text)));
      for (const q of qs.filter((x) => x.rule === "truefalse-sibling-swap" || x.rule === "truefalse-number-swap")) {
        expect(facts.has(normalizeForMatch(claimOf(q))), `${file}: ${claimOf(q)}`).toBe(false);
      }
    }
  });
});
