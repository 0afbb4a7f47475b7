// Bulk accept/reject of drafts against real Postgres: who may, what bad input does (nothing),
// and a draft imported without a key refusing publication, alone or in a batch.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "../../test/db";
import { codeOf, createUser } from "../../test/fixtures";
import { importNotes } from "../banks/import-notes";
import type { BankCaller } from "../banks/ownership";
import { AppError } from "../errors";

const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" } }));
vi.mock("../auth/session", () => ({
  requireEditor: async () => {
    const { AppError } = await import("../errors");
    if (!session.user) throw new AppError("unauthenticated");
    if (session.user.role === "LEARNER") throw new AppError("forbidden");
    return session.user;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { bulkSetDraftStatusAction } = await import("./actions");
const { bulkSetDraftStatus, setQuestionStatus } = await import("./mutations");
const { listDraftsForEditor } = await import("./data");

const NOTES = `# 네트워크 노트

## VPC
- VPC는 AWS 안에서 논리적으로 격리된 가상 네트워크이다.
- 서브넷은 하나의 AZ 안에 만들어진다.
- 인터넷 게이트웨이는 VPC와 인터넷 사이의 통신을 가능하게 한다.

## NAT Gateway
- NAT Gateway는 프라이빗 서브넷의 인스턴스가 인터넷으로 나가는 연결을 제공한다.
- NAT Gateway는 AZ마다 하나씩 두어 가용성을 높인다.

## Route 53
- Route 53은 AWS의 관리형 DNS 서비스이다.
- 장애 조치 라우팅은 상태 확인에 실패하면 보조 레코드로 응답한다.
`;

let database: TestDatabase;
let owner: { id: string; email: string; role: "INSTRUCTOR" };
let other: { id: string; email: string; role: "INSTRUCTOR" };
let ownerCaller: BankCaller;
let otherCaller: BankCaller;
let adminCaller: BankCaller;
let slug: string;

async function statuses() {
  const rows = await database.db.question.findMany({ where: { bank: { slug } }, orderBy: { id: "asc" }, select: { id: true, status: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}
async function draftIds() {
  return (await database.db.question.findMany({ where: { bank: { slug }, status: "DRAFT", type: { not: "CLOZE" } }, orderBy: { id: "asc" }, select: { id: true } })).map((q) => q.id);
}

beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
  owner = (await createUser(database.db, "INSTRUCTOR")) as typeof owner;
  other = (await createUser(database.db, "INSTRUCTOR")) as typeof other;
  ownerCaller = { userId: owner.id, admin: false };
  otherCaller = { userId: other.id, admin: false };
  adminCaller = { userId: (await createUser(database.db, "ADMIN")).id, admin: true };
  slug = (await importNotes(database.db, { fileName: "bulk.md", content: NOTES, caller: ownerCaller })).bankSlug;
});
afterAll(async () => database.drop());
beforeEach(() => {
  session.user = { id: owner.id, name: "Owner", email: owner.email, role: "INSTRUCTOR" };
});

describe("bulk accept and reject", () => {
  it("the owner publishes two drafts and retires one; nothing else changes", async () => {
    const [a, b, c] = await draftIds();
    expect(c).toBeDefined();
    const before = await statuses();
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [a, b], status: "PUBLISHED" })).toEqual({ ok: true, data: { changed: 2 } });
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [c], status: "RETIRED" })).toEqual({ ok: true, data: { changed: 1 } });
    expect(await statuses()).toEqual({ ...before, [a!]: "PUBLISHED", [b!]: "PUBLISHED", [c!]: "RETIRED" });
  });

  it("another instructor sees the bank as missing and changes nothing; an admin may", async () => {
    const [a] = await draftIds();
    const before = await statuses();
    session.user = { id: other.id, name: "Other", email: other.email, role: "INSTRUCTOR" };
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [a], status: "PUBLISHED" })).toEqual({ ok: false, code: "not_found" });
    expect(await codeOf(bulkSetDraftStatus(otherCaller, { bankSlug: slug, questionIds: [a!], status: "RETIRED" }))).toBe("not_found");
    expect(await statuses()).toEqual(before);
    expect(await codeOf(bulkSetDraftStatus(adminCaller, { bankSlug: slug, questionIds: [a!], status: "RETIRED" }))).toBe("ok");
    expect((await statuses())[a!]).toBe("RETIRED");
  });

  it("a learner or a signed-out caller is refused before anything is read", async () => {
    const [a] = await draftIds();
    const before = await statuses();
    session.user = { id: owner.id, name: "Learner", email: owner.email, role: "LEARNER" };
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [a], status: "PUBLISHED" })).toEqual({ ok: false, code: "forbidden" });
    session.user = null;
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [a], status: "PUBLISHED" })).toEqual({ ok: false, code: "unauthenticated" });
    expect(await statuses()).toEqual(before);
  });

  it("bad input changes nothing", async () => {
    const [a, b] = await draftIds();
    const before = await statuses();
    const published = Object.keys(before).find((id) => before[id] === "PUBLISHED")!;
    const bad: unknown[] = [
      null,
      { bankSlug: slug, questionIds: [], status: "PUBLISHED" },
      { bankSlug: slug, questionIds: [a, a], status: "PUBLISHED" },
      { bankSlug: slug, questionIds: [a], status: "DRAFT" },
      { bankSlug: slug, questionIds: ["x'; drop table"], status: "PUBLISHED" },
      { bankSlug: "../etc", questionIds: [a], status: "PUBLISHED" },
      { bankSlug: slug, questionIds: Array.from({ length: 201 }, (_, i) => `q${i}`), status: "RETIRED" },
    ];
    for (const input of bad) expect(await bulkSetDraftStatusAction(input)).toEqual({ ok: false, code: "invalid_input" });
    // Well-formed but wrong: an id from nowhere, or a question that is no longer a draft, refuses the whole batch.
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [a, "no-such-question"], status: "PUBLISHED" })).toEqual({ ok: false, code: "not_found" });
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [b, published], status: "RETIRED" })).toEqual({ ok: false, code: "invalid_input" });
    expect(await bulkSetDraftStatusAction({ bankSlug: "no-such-bank", questionIds: [a], status: "PUBLISHED" })).toEqual({ ok: false, code: "not_found" });
    expect(await statuses()).toEqual(before);
  });

  it("a draft with no key refuses publication, alone or in a batch, and is listed as needing one", async () => {
    const [keyless, fine] = await draftIds();
    await database.db.choice.updateMany({ where: { questionId: keyless }, data: { correct: false } });
    const before = await statuses();
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [fine, keyless], status: "PUBLISHED" })).toEqual({ ok: false, code: "needs_key" });
    expect(await codeOf(setQuestionStatus(ownerCaller, keyless!, "PUBLISHED"))).toBe("needs_key");
    expect(await statuses()).toEqual(before);
    const listed = await listDraftsForEditor(ownerCaller, slug);
    expect(listed?.find((d) => d.id === keyless)?.needsKey).toBe(true);
    expect(listed?.find((d) => d.id === fine)?.needsKey).toBe(false);
    // Rejecting it is fine: a keyless quiz may well be thrown away.
    expect(await bulkSetDraftStatusAction({ bankSlug: slug, questionIds: [keyless], status: "RETIRED" })).toEqual({ ok: true, data: { changed: 1 } });
  });

  it("lists drafts highest quality first, unscored last, and only to those who may edit the bank", async () => {
    const ids = await draftIds();
    const scores = [0.2, 0.9, null, 0.6];
    for (const [i, id] of ids.slice(0, scores.length).entries()) await database.db.question.update({ where: { id }, data: { quality: scores[i] } });
    const listed = (await listDraftsForEditor(ownerCaller, slug))!.map((d) => d.quality);
    const scored = listed.filter((q): q is number => q !== null);
    expect(scored).toEqual([...scored].sort((x, y) => y - x));
    expect(listed.indexOf(null)).toBeGreaterThan(listed.indexOf(scored.at(-1)!));
    expect(await listDraftsForEditor(otherCaller, slug)).toBeNull();
  });
});

it("AppError knows needs_key as a conflict", () => {
  expect(new AppError("needs_key").status).toBe(409);
});
