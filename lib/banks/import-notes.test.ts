import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { createUser } from "../../test/fixtures";
import { NotesInputError } from "../notes/bundle";
import { importNotes } from "./import-notes";
import { OPERATOR } from "./ownership";

const SEEDS_DIR = fileURLToPath(new URL("../../../shared/seeds", import.meta.url));

const NOTES = `# AWS 노트

## EC2 Placement Groups

### Cluster
- Cluster 배치 그룹은 하나의 AZ 안에서 인스턴스를 가깝게 배치해 지연을 낮춘다.
- HPC 워크로드처럼 노드 간 통신이 많을 때 Cluster를 사용한다.

### Spread
- Spread 배치 그룹은 인스턴스를 서로 다른 하드웨어에 분산한다.
- AZ당 최대 7개의 인스턴스를 둘 수 있다.

### Partition
- Partition 배치 그룹은 파티션마다 별도의 랙을 사용한다.
- Hadoop, Cassandra 같은 분산 시스템에 Partition을 사용한다.

## Elastic IP
- Elastic IP는 인스턴스에 연결하는 고정 퍼블릭 IPv4 주소이다.
- 계정당 기본 5개의 Elastic IP를 쓸 수 있다.
`;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

async function questionCount(bankSlug: string) {
  return database.db.question.count({ where: { bank: { slug: bankSlug } } });
}

describe("importing notes", () => {
  it("stores topics and draft questions with their source lines, and a second import of the same file changes nothing", async () => {
    const first = await importNotes(database.db, { fileName: "aws.md", content: NOTES, bankSlug: "aws-notes", caller: OPERATOR });
    expect(first.created).toBeGreaterThan(0);
    const questions = await database.db.question.findMany({ where: { bank: { slug: "aws-notes" } }, include: { topic: true } });
    expect(questions.every((q) => q.status === "DRAFT")).toBe(true);
    for (const q of questions) {
      expect(q.sourceFile).toBe("aws.md");
      expect(q.lineStart).toBeGreaterThanOrEqual(q.topic.lineStart!);
      expect(q.lineEnd).toBeLessThanOrEqual(q.topic.lineEnd!);
    }
    const updatedAt = await database.db.question.findMany({ where: { bank: { slug: "aws-notes" } }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    const again = await importNotes(database.db, { fileName: "aws.md", content: NOTES, bankSlug: "aws-notes", caller: OPERATOR });
    expect(again.unchanged).toBe(true);
    expect(await database.db.question.findMany({ where: { bank: { slug: "aws-notes" } }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).toEqual(updatedAt);
  });

  it("updates an edited file's questions, retires what it no longer yields and keeps learners' history and editors' decisions", async () => {
    await importNotes(database.db, { fileName: "history.md", content: NOTES, bankSlug: "history-notes", caller: OPERATOR });
    const learner = await createUser(database.db);
    const answered = await database.db.question.findFirstOrThrow({ where: { bank: { slug: "history-notes" }, stem: { contains: "Elastic IP" } } });
    await database.db.question.update({ where: { id: answered.id }, data: { status: "PUBLISHED" } });
    const attempt = await database.db.attempt.create({
      data: { userId: learner.id, bankId: answered.bankId, mode: "PRACTICE", config: {}, items: { create: { questionId: answered.id, position: 0, selectedChoiceIds: [], answeredAt: new Date(), correct: true } } },
    });
    const edited = NOTES.replace(/## Elastic IP[\s\S]*$/, "## Elastic IP\n- 2024년 2월부터 모든 퍼블릭 IPv4 주소는 연결 여부와 관계없이 시간당 요금이 부과된다.\n");
    // The only published question goes: more than a quarter, so the import is confirmed.
    const result = await importNotes(database.db, { fileName: "history.md", content: edited, bankSlug: "history-notes", caller: OPERATOR, allowRetire: true });
    expect(result.unchanged).toBe(false);
    expect(result.retired).toBeGreaterThan(0);
    // The answered question still exists (retired, not deleted), and so does the learner's answer.
    const kept = await database.db.question.findUniqueOrThrow({ where: { id: answered.id } });
    expect(["RETIRED", "PUBLISHED"]).toContain(kept.status);
    expect(await database.db.attemptItem.count({ where: { attemptId: attempt.id } })).toBe(1);
    // Unchanged sections keep their questions untouched.
    const clusterQuestions = await database.db.question.count({ where: { bank: { slug: "history-notes" }, status: "DRAFT", stem: { contains: "Cluster" } } });
    expect(clusterQuestions).toBeGreaterThan(0);
  });

  const bad: [string, string | Uint8Array, string][] = [
    ["empty.md", "   \n\n", "empty"],
    ["notes.txt", NOTES, "not_markdown"],
    ["binary.md", new Uint8Array([0x23, 0x20, 0x00, 0x01, 0x02]), "binary"],
    ["huge.md", "# big\n" + "- 가나다라마바사\n".repeat(200_000), "too_large"],
  ];
  for (const [fileName, content, code] of bad) {
    it(`refuses ${fileName} (${code}) and writes nothing`, async () => {
      const banksBefore = await database.db.questionBank.count();
      const error = await importNotes(database.db, { fileName, content, caller: OPERATOR }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotesInputError);
      expect((error as NotesInputError).code).toBe(code);
      expect(await database.db.questionBank.count()).toBe(banksBefore);
    });
  }
});

const seedsPresent = existsSync(SEEDS_DIR);
describe.skipIf(!seedsPresent)(seedsPresent ? "importing the user's seed notes" : "importing the user's seed notes — skipped: ../shared/seeds is not in this checkout", () => {
  it("imports both seed files without errors, every study section a topic, no question from the preamble", async () => {
    for (const file of ["soa-ec2-ssm-elb-notes.md", "ha-ec2-notes.md"]) {
      const text = readFileSync(`${SEEDS_DIR}/${file}`);
      const outcome = await importNotes(database.db, { fileName: file, content: text, caller: OPERATOR });
      expect(outcome.created).toBeGreaterThan(0);
    }
    const soa = await database.db.questionBank.findUniqueOrThrow({ where: { slug: "soa-ec2-ssm-elb-notes" }, include: { topics: true } });
    const titles = soa.topics.map((t) => t.titleKo);
    expect(titles).toContain("EC2 Placement Groups (배치 그룹)");
    expect(titles.some((t) => /Custom Instructions|ChatGPT/.test(t))).toBe(false);
    const preamble = await database.db.question.count({ where: { bankId: soa.id, lineStart: { lte: 19 } } });
    expect(preamble).toBe(0);
    expect(await questionCount("ha-ec2-notes")).toBeGreaterThan(0);
  });
});
