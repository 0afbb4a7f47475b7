// Duel matchmaking, pure. The queue is a plain array (store it as JSON in Redis under a lock,
// or keep it in the one process that owns matchmaking) and `match` is called on every
// enqueue and on a ~1 s tick.
//
// Rules, oldest first (FIFO by joinedAt, then arrival):
//   1. a pairs with the oldest waiting player of the same bank whose topics overlap
//      (an empty topic list means "any topic" and overlaps everything);
//   2. otherwise, once BOTH have waited FALLBACK_AFTER_MS (10 s), with the oldest waiting
//      player of the same bank whatever the topics (each player's topic choice is honoured
//      for 10 s, never overridden by someone else's impatience);
//   3. players of different banks never meet.
// The older of a pair is the challenger (the duel's host).

export interface QueueEntry {
  playerId: string;
  bankId: string;
  topicIds: string[];
  joinedAt: number;
}

export type MatchQueue = readonly QueueEntry[];

export const FALLBACK_AFTER_MS = 10_000;
/** Default time after which an unmatched player is taken out (offer a bot or a retry). */
export const MAX_WAIT_MS = 60_000;

export interface MatchPair {
  challenger: QueueEntry;
  opponent: QueueEntry;
  basis: "topics" | "bank";
}

export interface MatchResult {
  queue: QueueEntry[];
  pairs: MatchPair[];
  /** Waited MAX_WAIT_MS without a partner: removed from the queue. */
  expired: QueueEntry[];
}

/** Adds a player; one already queued keeps their place and joinedAt but takes the new bank/topics. */
export function enqueue(queue: MatchQueue, entry: QueueEntry): QueueEntry[] {
  const copy: QueueEntry = { ...entry, topicIds: [...new Set(entry.topicIds)] };
  const at = queue.findIndex((e) => e.playerId === entry.playerId);
  if (at === -1) return [...queue, copy];
  const existing = queue[at] as QueueEntry;
  return queue.map((e, i) => (i === at ? { ...copy, joinedAt: existing.joinedAt } : e));
}

export function dequeue(queue: MatchQueue, playerId: string): QueueEntry[] {
  return queue.filter((e) => e.playerId !== playerId);
}

export function topicsOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const set = new Set(a);
  return b.some((t) => set.has(t));
}

export function match(
  queue: MatchQueue,
  now: number,
  options: { fallbackAfterMs?: number; maxWaitMs?: number | null } = {},
): MatchResult {
  const fallbackAfterMs = options.fallbackAfterMs ?? FALLBACK_AFTER_MS;
  const maxWaitMs = options.maxWaitMs === undefined ? MAX_WAIT_MS : options.maxWaitMs;
  const ordered = queue
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => a.entry.joinedAt - b.entry.joinedAt || a.i - b.i)
    .map((item, pos) => ({ ...item, pos }));
  const byBank = new Map<string, { entry: QueueEntry; i: number; pos: number }[]>();
  for (const item of ordered) {
    const list = byBank.get(item.entry.bankId);
    if (list) list.push(item);
    else byBank.set(item.entry.bankId, [item]);
  }
  const waited = (e: QueueEntry) => now - e.joinedAt >= fallbackAfterMs;
  const paired = new Set<number>();
  const found: { pair: MatchPair; order: number }[] = [];
  for (const list of byBank.values()) {
    list.forEach((a, ai) => {
      if (paired.has(a.i)) return;
      const candidates = list.slice(ai + 1).filter((b) => !paired.has(b.i));
      let partner = candidates.find((b) => topicsOverlap(a.entry.topicIds, b.entry.topicIds));
      let basis: MatchPair["basis"] = "topics";
      if (!partner && waited(a.entry)) {
        partner = candidates.find((b) => waited(b.entry));
        basis = "bank";
      }
      if (!partner) return;
      paired.add(a.i).add(partner.i);
      found.push({ pair: { challenger: a.entry, opponent: partner.entry, basis }, order: a.pos });
    });
  }
  const expired: QueueEntry[] = [];
  const rest: QueueEntry[] = [];
  queue.forEach((entry, i) => {
    if (paired.has(i)) return;
    if (maxWaitMs !== null && now - entry.joinedAt >= maxWaitMs) expired.push(entry);
    else rest.push(entry);
  });
  return { queue: rest, pairs: found.sort((x, y) => x.order - y.order).map((f) => f.pair), expired };
}
