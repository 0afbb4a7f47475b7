// The import route's transport: a foreign origin and an over-size upload are refused before
// the body is read and before anything is written; a same-origin upload within the limit works.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, useAsAppDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/fixtures";

const caller = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" } }));
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => caller.user,
  canEditBanks: (user: { role: string } | null) => user?.role === "INSTRUCTOR" || user?.role === "ADMIN",
}));
const { POST } = await import("./route");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  useAsAppDatabase(database.url);
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  const instructor = await createUser(database.db, "INSTRUCTOR");
  caller.user = { id: instructor.id, name: "Instructor", email: instructor.email, role: "INSTRUCTOR" };
});

const BOUNDARY = "----studyarena-test";
const HEAD = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="notes.md"\r\nContent-Type: text/markdown\r\n\r\n`);

/** A body of `total` bytes made on demand, counting what the route pulled from it. */
function upload(total: number, headers: Record<string, string>) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(97);
  let produced = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = produced === 0 ? HEAD : chunk.subarray(0, Math.min(chunk.byteLength, total - produced));
      if (produced >= total) return controller.close();
      produced += next.byteLength;
      pulled.bytes += next.byteLength;
      controller.enqueue(next);
    },
  }, { highWaterMark: 0 }); // nothing is produced until the route reads
  const request = new Request("http://localhost:3000/api/imports", {
    method: "POST",
    body,
    duplex: "half",
    headers: { host: "localhost:3000", "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
  } as RequestInit);
  return { request, pulled };
}

async function written() {
  return { imports: await database.db.notesImport.count(), banks: await database.db.questionBank.count() };
}

describe("POST /api/imports", () => {
  it("refuses a POST from another origin (even of the same site) before reading it", async () => {
    const before = await written();
    for (const origin of ["http://localhost:3001", "https://evil.example", "null"]) {
      const { request, pulled } = upload(1024, { origin });
      const response = await POST(request);
      expect(response.status, origin).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, code: "forbidden" });
      expect(pulled.bytes).toBe(0);
    }
    const { request } = upload(1024, { "sec-fetch-site": "cross-site" });
    expect((await POST(request)).status).toBe(403);
    expect(await written()).toEqual(before);
  });

  it("refuses a 300 MB upload from its Content-Length without reading a byte", async () => {
    const before = await written();
    const { request, pulled } = upload(300 * 1024 * 1024, { origin: "http://localhost:3000", "content-length": String(300 * 1024 * 1024) });
    const response = await POST(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, code: "too_large" });
    expect(pulled.bytes).toBe(0);
    expect(await written()).toEqual(before);
  });

  it("stops reading a 300 MB upload without Content-Length just past the limit", async () => {
    const before = await written();
    const { request, pulled } = upload(300 * 1024 * 1024, { origin: "http://localhost:3000" });
    const response = await POST(request);
    expect(response.status).toBe(413);
    expect(pulled.bytes).toBeLessThan(3 * 1024 * 1024);
    expect(await written()).toEqual(before);
  });

  it("imports a small file from our own page", async () => {
    const notes = "# AWS\n\n## EC2\n\n- EC2 Placement Groups: cluster packs instances close together for low latency.\n- Spread places each instance on distinct hardware.\n";
    const body = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="notes.md"\r\nContent-Type: text/markdown\r\n\r\n${notes}\r\n--${BOUNDARY}--\r\n`);
    const request = new Request("http://localhost:3000/api/imports", {
      method: "POST",
      body,
      headers: { host: "localhost:3000", origin: "http://localhost:3000", "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(body.byteLength) },
    });
    const response = await POST(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    expect((await written()).imports).toBe(1);
  });
});
