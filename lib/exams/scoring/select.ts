// Deterministic, blueprint-proportional question selection for a mock exam.
import { seededRandom, shuffle } from "../../random";

export type PoolQuestion = {
  id: string;
  topicId: string;
  /** Exam-guide domain (Question.domain); null when unassigned. */
  domain: number | string | null;
  difficulty?: string;
};

export type BlueprintEntry = { domain: number | string; weight: number };

/**
 * Split `total` seats among buckets in proportion to `weights` (largest-remainder /
 * Hamilton method), never giving a bucket more than its capacity; seats a full bucket
 * cannot take are shared out again among the others in the same proportions.
 * Ties on the remainder go to the larger weight, then to the earlier bucket.
 * Returns seats per bucket; their sum is min(total, Σ capacity).
 */
export function allocateSeats(weights: readonly number[], total: number, capacities?: readonly number[]): number[] {
  const n = weights.length;
  const caps = weights.map((_, i) => Math.max(0, Math.floor(capacities?.[i] ?? Number.POSITIVE_INFINITY)));
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const seats = new Array<number>(n).fill(0);
  let left = Math.max(0, Math.floor(total));
  while (left > 0) {
    const active = [...Array(n).keys()].filter((i) => (w[i] ?? 0) > 0 && (seats[i] ?? 0) < (caps[i] ?? 0));
    if (active.length === 0) break;
    const sumW = active.reduce((s, i) => s + (w[i] ?? 0), 0);
    const ideal = active.map((i) => (left * (w[i] ?? 0)) / sumW);
    const alloc = ideal.map((x) => Math.floor(x + 1e-9));
    let rest = left - alloc.reduce((s, x) => s + x, 0);
    const order = active
      .map((i, k) => ({ k, frac: (ideal[k] ?? 0) - (alloc[k] ?? 0), weight: w[i] ?? 0, i }))
      .sort((a, b) => b.frac - a.frac || b.weight - a.weight || a.i - b.i);
    for (const o of order) {
      if (rest <= 0) break;
      alloc[o.k] = (alloc[o.k] ?? 0) + 1;
      rest -= 1;
    }
    active.forEach((i, k) => {
      const add = Math.min(alloc[k] ?? 0, (caps[i] ?? 0) - (seats[i] ?? 0));
      seats[i] = (seats[i] ?? 0) + add;
      left -= add;
    });
  }
  return seats;
}

/** Pick `count` questions from one domain, visiting its topics in turn (breadth first). */
function pickSpread<Q extends PoolQuestion>(questions: readonly Q[], count: number, random: () => number): Q[] {
  const byTopic = new Map<string, Q[]>();
  for (const q of questions) {
    const list = byTopic.get(q.topicId) ?? [];
    list.push(q);
    byTopic.set(q.topicId, list);
  }
  const topics = shuffle([...byTopic.keys()].sort(), random).map((t) => shuffle(byTopic.get(t) ?? [], random));
  const out: Q[] = [];
  for (let round = 0; out.length < count; round++) {
    let took = false;
    for (const list of topics) {
      const q = list[round];
      if (q !== undefined && out.length < count) {
        out.push(q);
        took = true;
      }
    }
    if (!took) break;
  }
  return out;
}

/**
 * Choose `count` distinct questions for an exam:
 * - deterministic: the same pool, blueprint, count and seed give the same exam, whatever
 *   order the pool rows arrive in (they are sorted by id first; the PRNG is mulberry32 of an
 *   xmur3 hash of the seed);
 * - domain-proportional: seats per blueprint domain by largest remainder on the weights;
 * - within a domain, topics are visited in turn so the exam covers as many as it can;
 * - graceful: a domain with too few questions gives all it has and its unfilled seats go to
 *   the other domains in proportion; if every blueprint domain runs dry, questions from
 *   domains outside the blueprint (or without a domain) fill in; if the whole pool is
 *   smaller than `count`, every question is returned;
 * - the result is shuffled so domains are interleaved.
 * An empty (or all-zero) blueprint treats the pool as a single domain.
 */
export function selectExamQuestions<Q extends PoolQuestion>(
  pool: readonly Q[],
  blueprint: readonly BlueprintEntry[],
  count: number,
  seed: string,
): Q[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const unique = pool
    .filter((q) => (seen.has(q.id) ? false : (seen.add(q.id), true)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const target = Math.min(unique.length, Math.max(0, Math.floor(count)));
  if (target === 0) return [];

  // Merge repeated blueprint domains; "1" and 1 name the same domain.
  const weightByDomain = new Map<string, number>();
  for (const entry of blueprint) {
    if (!(Number.isFinite(entry.weight) && entry.weight > 0)) continue;
    const key = String(entry.domain);
    weightByDomain.set(key, (weightByDomain.get(key) ?? 0) + entry.weight);
  }
  const domains = [...weightByDomain.keys()];
  const buckets = domains.map(() => [] as Q[]);
  const outside: Q[] = [];
  for (const q of unique) {
    const k = q.domain === null ? -1 : domains.indexOf(String(q.domain));
    if (k >= 0) buckets[k]?.push(q);
    else outside.push(q);
  }

  const chosen: Q[] = [];
  if (domains.length === 0) {
    chosen.push(...pickSpread(outside, target, random));
  } else {
    const seats = allocateSeats(
      domains.map((d) => weightByDomain.get(d) ?? 0),
      target,
      buckets.map((b) => b.length),
    );
    buckets.forEach((bucket, k) => chosen.push(...pickSpread(bucket, seats[k] ?? 0, random)));
    if (chosen.length < target) chosen.push(...pickSpread(outside, target - chosen.length, random));
  }
  return shuffle(chosen, random);
}
