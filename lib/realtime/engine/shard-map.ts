// A persistent (copy-on-write) string-keyed map as plain JSON: an array of SHARDS plain
// objects, the key's FNV-1a hash choosing the shard. Setting one key copies one shard and
// the shard array (~SHARDS + n/SHARDS property copies) instead of the whole map, so 5,000
// players joining and answering cost O(n·√n)-ish in total instead of O(n²) (a naive
// `{ ...players, [id]: seat }` took ~7 s of CPU per round at 5,000 players).
//
// Keys must not be "__proto__" (the engine only accepts player ids that start with a
// letter or digit); reads use Object.hasOwn so "constructor" & co. are safe.

export const SHARDS = 64;

export type ShardMap<V> = Record<string, V>[];

export function shardOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHARDS;
}

export function emptyShardMap<V>(): ShardMap<V> {
  return Array.from({ length: SHARDS }, () => ({}));
}

export function smGet<V>(map: ShardMap<V>, key: string): V | undefined {
  const shard = map[shardOf(key)];
  return shard && Object.hasOwn(shard, key) ? shard[key] : undefined;
}

export function smSet<V>(map: ShardMap<V>, key: string, value: V): ShardMap<V> {
  const index = shardOf(key);
  const next = map.slice();
  next[index] = { ...map[index], [key]: value };
  return next;
}

export function* smValues<V>(map: ShardMap<V>): Generator<V> {
  for (const shard of map) for (const key of Object.keys(shard)) yield shard[key] as V;
}

/** A new map with every value passed through `fn` (same keys, same order). O(n). */
export function smMap<V>(map: ShardMap<V>, fn: (value: V) => V): ShardMap<V> {
  return map.map((shard) => {
    const keys = Object.keys(shard);
    // An empty shard is shared, not copied: no map is ever mutated (a 40-seat room has 64 shards).
    if (keys.length === 0) return shard;
    const out: Record<string, V> = {};
    for (const key of keys) out[key] = fn(shard[key] as V);
    return out;
  });
}
