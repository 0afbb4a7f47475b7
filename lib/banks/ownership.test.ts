// Banks have owners: who may import into which bank, name collisions, the shipped bank,
// and the confirmation an import needs before it retires many published questions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { codeOf, createUser, seedFixtureBank } from "../../test/fixtures";
import { listBanksForEditor, listQuestionsForEditor } from "../editor/data";
import { setQuestionStatus } from "../editor/mutations";
import { startMockExam } from "../exams/mutations";
import { startPractice } from "../practice/mutations";
import { importNotes } from "./import-notes";
import { canEditBank, canImportInto, OPERATOR, ownsBank, retireNeedsConfirmation, type BankCaller } from "./ownership";
import { RetireConfirmationError } from "./store";

const NOTES = `# 클라우드 노트

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
// The same notes with one more section: nothing the first version yields goes away.
const NOTES_GROWN = `${NOTES}
## NAT Gateway
- NAT Gateway는 프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 연결을 제공한다.
- NAT Gateway는 AZ마다 하나씩 두어 가용성을 높인다.
`;
// Only the first section left: most questions would be retired.
const NOTES_CUT = NOTES.replace(/### Spread[\s\S]*$/, "");

let database: TestDatabase;
let owner: BankCaller;
let other: BankCaller;
let admin: BankCaller;

/** Everything an import could change in a bank, to show a refused import changed nothing. */
async function snapshot(slug: string) {
  return database.db.questionBank.findUnique({
    where: { slug },
    select: {
      sourceHash: true, examCode: true, examConfig: true, shipped: true, ownerId: true, titleKo: true,
      topics: { orderBy: { slug: "asc" }, select: { slug: true, updatedAt: true } },
      questions: { orderBy: { externalId: "asc" }, select: { externalId: true, status: true, contentHash: true, updatedAt: true } },
      _count: { select: { notesImports: true } },
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  // The shipped bank, as the seed stores it from content/.
  await seedFixtureBank(database.db, { questions: 12, slug: "soa-c03" });
  owner = { userId: (await createUser(database.db, "INSTRUCTOR")).id, admin: false };
  other = { userId: (await createUser(database.db, "INSTRUCTOR")).id, admin: false };
  admin = { userId: (await createUser(database.db, "ADMIN")).id, admin: true };
  await importNotes(database.db, { fileName: "owned.md", content: NOTES, caller: owner });
  await importNotes(database.db, { fileName: "others.md", content: NOTES, caller: other });
});
afterAll(async () => database.drop());

describe("who may import into which bank", () => {
  it("gives the importer the bank it created", async () => {
    expect(await snapshot("owned")).toMatchObject({ shipped: false, ownerId: owner.userId });
    expect(await snapshot("others")).toMatchObject({ shipped: false, ownerId: other.userId });
    expect(await snapshot("soa-c03")).toMatchObject({ shipped: true, ownerId: null });
  });

  // The matrix: the bank's owner, another instructor and an admin, each naming the owner's bank,
  // the other instructor's bank and the shipped bank.
  const cases: [string, () => BankCaller, string, "ok" | "forbidden"][] = [
    ["the owner", () => owner, "owned", "ok"],
    ["the owner", () => owner, "others", "forbidden"],
    ["the owner", () => owner, "soa-c03", "forbidden"],
    ["another instructor", () => other, "owned", "forbidden"],
    ["another instructor", () => other, "others", "ok"],
    ["another instructor", () => other, "soa-c03", "forbidden"],
    ["an admin", () => admin, "owned", "ok"],
    ["an admin", () => admin, "others", "ok"],
    ["an admin", () => admin, "soa-c03", "forbidden"],
    ["the command line", () => OPERATOR, "soa-c03", "forbidden"],
  ];
  for (const [who, caller, slug, expected] of cases) {
    it(`${who} importing into ${slug}: ${expected}`, async () => {
      const before = await snapshot(slug);
      const outcome = await codeOf(importNotes(database.db, { fileName: "edited.md", content: NOTES_GROWN, bankSlug: slug, caller: caller() }));
      expect(outcome).toBe(expected);
      const after = await snapshot(slug);
      if (expected === "forbidden") expect(after).toEqual(before);
      else expect(after?._count.notesImports).toBe(before!._count.notesImports + 1);
      // Whoever wrote it, a bank keeps its owner.
      expect(after?.ownerId).toBe(before?.ownerId);
    });
  }

  it("never changes the shipped bank, whatever the import is called", async () => {
    const before = await snapshot("soa-c03");
    for (const caller of [owner, other, admin, OPERATOR]) {
      const outcome = await importNotes(database.db, { fileName: "soa-c03.md", content: NOTES, caller });
      expect(outcome.bankSlug).not.toBe("soa-c03");
      expect(outcome.bankSlug).toMatch(/^soa-c03-\d+$/);
    }
    expect(await snapshot("soa-c03")).toEqual(before);
    // Learners still get an exam from it.
    const learner = (await createUser(database.db)).id;
    expect((await startMockExam(learner, "soa-c03", new Date())).resumed).toBe(false);
  });

  it("gives a file named like someone else's bank a new slug, and updates the importer's own one next time", async () => {
    const before = await snapshot("owned");
    const first = await importNotes(database.db, { fileName: "owned.md", content: NOTES, caller: other });
    expect(first.bankSlug).toBe("owned-2");
    expect(await snapshot("owned-2")).toMatchObject({ ownerId: other.userId });
    const again = await importNotes(database.db, { fileName: "owned.md", content: NOTES_GROWN, caller: other });
    expect(again.bankSlug).toBe("owned-2");
    expect(again.created).toBeGreaterThan(0);
    // The owner's own upload of that file still lands in their bank; an admin's gets its own.
    expect((await importNotes(database.db, { fileName: "owned.md", content: NOTES, caller: owner })).bankSlug).toBe("owned");
    expect((await importNotes(database.db, { fileName: "owned.md", content: NOTES, caller: admin })).bankSlug).toBe("owned-3");
    expect((await snapshot("owned"))?.ownerId).toBe(before?.ownerId);
  });

  it("takes a shipped slug back when content/ is seeded over an imported bank of that name", async () => {
    await importNotes(database.db, { fileName: "x.md", content: NOTES, bankSlug: "future-bank", caller: owner });
    await seedFixtureBank(database.db, { questions: 8, slug: "future-bank" });
    expect(await snapshot("future-bank")).toMatchObject({ shipped: true, ownerId: null });
    expect(await codeOf(importNotes(database.db, { fileName: "x.md", content: NOTES_GROWN, bankSlug: "future-bank", caller: owner }))).toBe("forbidden");
  });
});

describe("an import that retires many published questions", () => {
  it("asks first and writes nothing; goes ahead when confirmed", async () => {
    const { bankSlug } = await importNotes(database.db, { fileName: "retire.md", content: NOTES, caller: owner });
    await database.db.question.updateMany({ where: { bank: { slug: bankSlug } }, data: { status: "PUBLISHED" } });
    const published = await database.db.question.count({ where: { bank: { slug: bankSlug }, status: "PUBLISHED" } });
    const before = await snapshot(bankSlug);

    // Adding a section retires nothing: no question asked.
    const grown = await importNotes(database.db, { fileName: "retire.md", content: NOTES_GROWN, caller: owner });
    expect(grown.retired).toBe(0);
    const afterGrowth = await snapshot(bankSlug);
    expect(afterGrowth!.questions.length).toBeGreaterThan(before!.questions.length);

    const refused = await importNotes(database.db, { fileName: "retire.md", content: NOTES_CUT, caller: owner }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RetireConfirmationError);
    expect((refused as RetireConfirmationError).status).toBe(409);
    expect((refused as RetireConfirmationError).published).toBe(published);
    expect(retireNeedsConfirmation((refused as RetireConfirmationError).retiring, published)).toBe(true);
    expect(await snapshot(bankSlug)).toEqual(afterGrowth);

    const confirmed = await importNotes(database.db, { fileName: "retire.md", content: NOTES_CUT, caller: owner, allowRetire: true });
    expect(confirmed.retired).toBeGreaterThan(published / 4);
  });

  it("asks at more than a quarter, not at a quarter", () => {
    expect(retireNeedsConfirmation(25, 100)).toBe(false);
    expect(retireNeedsConfirmation(26, 100)).toBe(true);
    expect(retireNeedsConfirmation(5, 0)).toBe(false);
  });
});

describe("a bank with no playable questions", () => {
  it("gives learners a clear code, not a crash, and starts nothing", async () => {
    // An imported bank holds drafts only until an editor publishes some.
    const { bankSlug } = await importNotes(database.db, { fileName: "drafts.md", content: NOTES, caller: owner });
    const learner = (await createUser(database.db)).id;
    expect(await codeOf(startMockExam(learner, bankSlug, new Date()))).toBe("bank_empty");
    expect(await codeOf(startPractice(learner, { bankSlug, source: "topics", topicIds: [], size: 10 }, new Date()))).toBe("bank_empty");
    expect(await database.db.attempt.count({ where: { userId: learner } })).toBe(0);
  });
});

describe("the editor's banks", () => {
  it("lists the instructor's own banks and the shipped ones; an admin sees all", async () => {
    const mine = (await listBanksForEditor(owner)).map((bank) => bank.slug);
    expect(mine).toContain("owned");
    expect(mine).toContain("soa-c03");
    expect(mine).not.toContain("others");
    const all = (await listBanksForEditor(admin)).map((bank) => bank.slug);
    expect(all).toEqual(expect.arrayContaining(["owned", "others", "soa-c03"]));
    const shipped = (await listBanksForEditor(owner)).find((bank) => bank.slug === "soa-c03");
    expect(shipped).toMatchObject({ shipped: true, importable: false });
    expect(await listQuestionsForEditor(owner, "others", {})).toBeNull();
  });

  it("refuses another instructor's question edits as if the question did not exist", async () => {
    const question = await database.db.question.findFirstOrThrow({ where: { bank: { slug: "others" } }, select: { id: true, status: true } });
    expect(await codeOf(setQuestionStatus(owner, question.id, "RETIRED"))).toBe("not_found");
    expect((await database.db.question.findUniqueOrThrow({ where: { id: question.id } })).status).toBe(question.status);
    expect(await codeOf(setQuestionStatus(admin, question.id, "PUBLISHED"))).toBe("ok");
  });

  it("follows the rules in ownership.ts", () => {
    const bank = { shipped: false, ownerId: "u1" };
    const shipped = { shipped: true, ownerId: null };
    expect(canImportInto({ userId: "u1", admin: false }, bank)).toBe(true);
    expect(canImportInto({ userId: "u2", admin: false }, bank)).toBe(false);
    expect(canImportInto({ userId: "u2", admin: true }, bank)).toBe(true);
    expect(canImportInto({ userId: "u2", admin: true }, shipped)).toBe(false);
    expect(ownsBank({ userId: "u2", admin: true }, bank)).toBe(false);
    expect(ownsBank(OPERATOR, { shipped: false, ownerId: null })).toBe(true);
    expect(ownsBank(OPERATOR, shipped)).toBe(false);
    expect(canEditBank({ userId: "u2", admin: false }, shipped)).toBe(true);
    expect(canEditBank({ userId: "u2", admin: false }, bank)).toBe(false);
  });
});
