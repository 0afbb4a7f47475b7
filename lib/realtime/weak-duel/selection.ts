// Weak-topic duel: which topics and questions two paired players get. Pure (no I/O, clock
// passed in); the data comes from ./store.ts.
//
// "Weak for both" with the model's uncertainty: each player's score for a topic is the upper
// end of their 80% mastery band (masteryInterval, recency decay included), i.e. "how good
// they could plausibly be". The pair's score is the higher of the two, so a topic ranks as
// weak only when BOTH are confidently weak there: one strong player (or one about whom the
// model knows too little: a never-practised topic has a wide band, upper end ≈ 87%) lifts it.
// Ties break on the pair's higher point estimate, then on the topic id (deterministic).
//
// Questions: the weakest topics are taken in order until they hold enough questions that
// neither player has seen in the last 7 days (any mode), widening to at most MAX_TOPICS
// topics for freshness. When those are still short, the pool is too small: the gap is filled
// with questions already seen (the longest ago first) from the chosen topics, and only then
// from further topics, so the duel stays on the weakest topics rather than on fresh ones.
import { initialMastery, masteryAt, masteryInterval, masteryProbability, type MasteryState } from "../../mastery";

export const SEEN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Topics widened to before freshness gives way to weakness. */
export const MAX_TOPICS = 3;

export type TopicScore = {
  topicId: string;
  /** The pair's score: the higher of the two players' upper 80% band ends. */
  pairHigh: number;
  /** The higher of the two players' point estimates (tie-break). */
  pairMean: number;
};

export type PlayerMastery = ReadonlyMap<string, MasteryState>;

/** The upper end of a player's 80% band on a topic (the prior's when never practised). */
export function upperBand(state: MasteryState | undefined, now: Date): number {
  return masteryInterval(masteryAt(state ?? initialMastery(), now), { now }).high;
}

/** Topics ordered weakest-for-both first. */
export function rankCommonWeakTopics(topicIds: readonly string[], a: PlayerMastery, b: PlayerMastery, now: Date): TopicScore[] {
  return [...new Set(topicIds)]
    .map((topicId) => {
      const sa = a.get(topicId);
      const sb = b.get(topicId);
      return {
        topicId,
        pairHigh: Math.max(upperBand(sa, now), upperBand(sb, now)),
        pairMean: Math.max(masteryProbability(sa ?? initialMastery()), masteryProbability(sb ?? initialMastery())),
      };
    })
    .sort((x, y) => x.pairHigh - y.pairHigh || x.pairMean - y.pairMean || (x.topicId < y.topicId ? -1 : x.topicId > y.topicId ? 1 : 0));
}

export type CandidateQuestion = { id: string; topicId: string };

export type Selection = {
  /** Topics the chosen questions come from, weakest first. */
  topicIds: string[];
  questionIds: string[];
  /** How many of them one of the players saw in the last 7 days (the pool was too small). */
  seenUsed: number;
};

/**
 * `lastSeen`: question id → when either player last saw it (ms), within the 7-day window.
 * `order`: a tie-break rank per question (e.g. a seeded hash) so a pair does not always get
 * the same questions of a topic. Returns null when the bank has fewer than `count` questions.
 */
export function selectWeakDuelQuestions(input: {
  ranked: readonly TopicScore[];
  questions: readonly CandidateQuestion[];
  lastSeen: ReadonlyMap<string, number>;
  count: number;
  order?: (questionId: string) => number;
  maxTopics?: number;
}): Selection | null {
  const { ranked, count } = input;
  const maxTopics = input.maxTopics ?? MAX_TOPICS;
  const order = input.order ?? (() => 0);
  if (count <= 0 || input.questions.length < count) return null;
  const byTopic = new Map<string, { fresh: CandidateQuestion[]; seen: CandidateQuestion[] }>();
  for (const q of input.questions) {
    let bucket = byTopic.get(q.topicId);
    if (!bucket) byTopic.set(q.topicId, (bucket = { fresh: [], seen: [] }));
    (input.lastSeen.has(q.id) ? bucket.seen : bucket.fresh).push(q);
  }
  const byOrder = (x: CandidateQuestion, y: CandidateQuestion) => order(x.id) - order(y.id) || (x.id < y.id ? -1 : 1);
  const oldestSeenFirst = (x: CandidateQuestion, y: CandidateQuestion) => (input.lastSeen.get(x.id) ?? 0) - (input.lastSeen.get(y.id) ?? 0) || byOrder(x, y);
  for (const bucket of byTopic.values()) {
    bucket.fresh.sort(byOrder);
    bucket.seen.sort(oldestSeenFirst);
  }
  const topics = ranked.map((t) => t.topicId).filter((id) => byTopic.has(id));
  const picked: CandidateQuestion[] = [];
  let seenUsed = 0;
  const take = (list: CandidateQuestion[], seen: boolean) => {
    while (picked.length < count && list.length > 0) {
      picked.push(list.shift()!);
      if (seen) seenUsed += 1;
    }
  };
  // 1. Fresh questions of the weakest topics, up to MAX_TOPICS topics.
  let used = 0;
  for (; used < topics.length && used < maxTopics && picked.length < count; used++) take(byTopic.get(topics[used]!)!.fresh, false);
  // 2. Too few: questions seen lately, from those same topics.
  take(topics.slice(0, used).flatMap((t) => byTopic.get(t)!.seen).sort(oldestSeenFirst), true);
  // 3. Still too few: further topics, fresh first, one topic at a time.
  for (; used < topics.length && picked.length < count; used++) {
    const bucket = byTopic.get(topics[used]!)!;
    take(bucket.fresh, false);
    take(bucket.seen, true);
  }
  if (picked.length < count) return null;
  const chosen = new Set(picked.map((q) => q.topicId));
  return { topicIds: topics.filter((t) => chosen.has(t)), questionIds: picked.map((q) => q.id), seenUsed };
}

/** A stable per-question rank from a seed (FNV-1a): varied between duels, reproducible in tests. */
export function seededOrder(seed: number): (questionId: string) => number {
  return (questionId) => {
    let hash = (2166136261 ^ seed) >>> 0;
    for (let i = 0; i < questionId.length; i++) {
      hash ^= questionId.charCodeAt(i);
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash;
  };
}
