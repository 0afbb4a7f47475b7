// The report cache keeps the rows the database did not re-read, trusts nothing the database did
// not confirm, and forgets the least recently used report first.
import { describe, expect, it } from "vitest";
import { MemberRowCache, membersThroughCache, type KnownRows } from "./report-cache";

/** A fake database: members with fingerprints; it packs a member when the caller's fingerprint differs, as the report queries do. */
function fakeReport(columns: string[], members: Record<string, string>) {
  const state = { columns, members };
  const seen: (KnownRows | null)[] = [];
  const read = async (known: KnownRows | null) => {
    seen.push(known);
    const sameColumns = known !== null && known.columns.join() === state.columns.join();
    return {
      columns: [...state.columns],
      members: Object.entries(state.members).map(([id, fingerprint]) => {
        const knownAt = known?.userIds.indexOf(id) ?? -1;
        const fresh = !sameColumns || knownAt < 0 || known!.fingerprints[knownAt] !== fingerprint;
        return { id, fingerprint, fresh, packed: fresh ? Buffer.from(`${id}@${fingerprint}/${state.columns.join()}`) : null };
      }),
    };
  };
  return { state, seen, read };
}

const packedText = (result: { members: { packed: Buffer | null }[] }) => result.members.map((m) => `${m.packed}`);

describe("membersThroughCache", () => {
  it("reads everything once, then keeps the rows the database did not re-pack, and drops members who left", async () => {
    const cache = new MemberRowCache(4);
    const report = fakeReport(["t1", "t2"], { a: "1", b: "1", c: "1" });
    expect(packedText(await membersThroughCache({ cache, key: "k", read: report.read }))).toEqual(["a@1/t1,t2", "b@1/t1,t2", "c@1/t1,t2"]);
    expect(report.seen[0]).toBeNull();

    report.state.members = { a: "1", b: "2", d: "1" };
    expect(packedText(await membersThroughCache({ cache, key: "k", read: report.read }))).toEqual(["a@1/t1,t2", "b@2/t1,t2", "d@1/t1,t2"]);
    expect(report.seen[1]).toEqual({ columns: ["t1", "t2"], userIds: ["a", "b", "c"], fingerprints: ["1", "1", "1"] });
    // c left: no longer offered as known.
    await membersThroughCache({ cache, key: "k", read: report.read });
    expect(report.seen[2]!.userIds).toEqual(["a", "b", "d"]);
  });

  it("uses rows packed against the current columns only (records name their column by index)", async () => {
    const cache = new MemberRowCache(4);
    const report = fakeReport(["t1"], { a: "1" });
    await membersThroughCache({ cache, key: "k", read: report.read });
    report.state.columns = ["t0", "t1"];
    expect(packedText(await membersThroughCache({ cache, key: "k", read: report.read }))).toEqual(["a@1/t0,t1"]);
  });

  it("refuses a member the database neither re-read nor could have known", async () => {
    const cache = new MemberRowCache(4);
    const read = async () => ({ columns: [], members: [{ id: "x", fingerprint: "1", fresh: false, packed: null }] });
    await expect(membersThroughCache({ cache, key: "k", read })).rejects.toThrow(/neither known nor read/);
  });

  it("keeps at most its capacity of reports, evicting the least recently used", async () => {
    const cache = new MemberRowCache(2);
    const report = fakeReport(["t1"], { a: "1" });
    for (const key of ["x", "y", "x", "z"]) await membersThroughCache({ cache, key, read: report.read });
    expect([cache.has("x"), cache.has("y"), cache.has("z")]).toEqual([true, false, true]);
  });
});
