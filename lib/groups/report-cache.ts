// Reports re-read a whole class on every load, though between two loads of a 500-member class's
// report only the few students who answered since have different rows. This cache keeps each
// member's packed rows with a fingerprint of what they were built from (a count and integer sums
// of the stored numbers). A load sends PostgreSQL the fingerprints it holds; in the same query
// PostgreSQL computes the current ones (an aggregate as cheap as the plainest report query) and
// packs rows only for the members whose fingerprint moved. Nothing is trusted without that check,
// so any process may write, and a cache in every server process stays correct.

export type MemberRow = { fingerprint: string; packed: Buffer | null };

/** What a load already holds: the columns its rows were packed against, and each member's fingerprint. */
export type KnownRows = { columns: string[]; userIds: string[]; fingerprints: string[] };

type Entry = {
  /** The report's columns (topic or assignment ids, in order): packed rows name them by index. */
  columns: string[];
  rows: Map<string, MemberRow>;
};

export class MemberRowCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: the first key is the one to evict.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  store(key: string, columns: readonly string[], rows: Map<string, MemberRow>): void {
    this.entries.delete(key);
    this.entries.set(key, { columns: [...columns], rows });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * A report's members with their packed rows. `read` gets what the cache holds for key (nothing on
 * a first load) and returns the current columns and members, each with their current fingerprint
 * and, where `fresh`, rows packed now (PostgreSQL packs every member when the columns moved or
 * the member is not known). The rest come from the cache; members no longer listed are dropped.
 */
export async function membersThroughCache<Member extends { id: string; fingerprint: string; fresh: boolean; packed: Buffer | null }>(options: {
  cache: MemberRowCache;
  key: string;
  read: (known: KnownRows | null) => Promise<{ columns: string[]; members: Member[] }>;
}): Promise<{ columns: string[]; members: Member[] }> {
  const entry = options.cache.get(options.key);
  const known = entry ? { columns: entry.columns, userIds: [...entry.rows.keys()], fingerprints: [...entry.rows.values()].map((r) => r.fingerprint) } : null;
  const result = await options.read(known);
  const rows = new Map<string, MemberRow>();
  const members = result.members.map((m) => {
    const cached = m.fresh ? undefined : entry?.rows.get(m.id);
    if (!m.fresh && !cached) throw new Error(`report cache: ${m.id} was neither known nor read`);
    const row: MemberRow = cached ?? { fingerprint: m.fingerprint, packed: m.packed };
    rows.set(m.id, row);
    return cached ? { ...m, packed: cached.packed } : m;
  });
  options.cache.store(options.key, result.columns, rows);
  return { columns: result.columns, members };
}
