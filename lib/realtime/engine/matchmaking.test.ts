import { describe, expect, it } from "vitest";
import { FALLBACK_AFTER_MS, MAX_WAIT_MS, dequeue, enqueue, match, type MatchQueue, type QueueEntry } from "./matchmaking";

const e = (playerId: string, bankId: string, topicIds: string[], joinedAt: number): QueueEntry => ({ playerId, bankId, topicIds, joinedAt });
const ids = (pairs: ReturnType<typeof match>["pairs"]) => pairs.map((p) => [p.challenger.playerId, p.opponent.playerId, p.basis]);

function queueOf(...entries: QueueEntry[]): MatchQueue {
  return entries.reduce<MatchQueue>((q, x) => enqueue(q, x), []);
}

describe("matchmaking", () => {
  it("pairs the same bank with overlapping topics, FIFO; the older player is the challenger", () => {
    const q = queueOf(e("a", "soa", ["ec2"], 0), e("b", "soa", ["s3"], 1), e("c", "soa", ["s3", "ec2"], 2), e("d", "soa", ["ec2"], 3));
    const r = match(q, 5);
    // a takes c (first overlap), not b; b (s3) and d (ec2) do not overlap and have not waited 10 s.
    expect(ids(r.pairs)).toEqual([["a", "c", "topics"]]);
    expect(r.queue.map((x) => x.playerId)).toEqual(["b", "d"]);
  });

  it("an empty topic list means any topic", () => {
    const r = match(queueOf(e("a", "soa", ["ec2"], 0), e("b", "soa", [], 1)), 2);
    expect(ids(r.pairs)).toEqual([["a", "b", "topics"]]);
  });

  it("falls back to the same bank once both have waited 10 s, never across banks", () => {
    const q = queueOf(e("a", "soa", ["ec2"], 0), e("x", "saa", ["ec2"], 1), e("b", "soa", ["s3"], 2_000));
    expect(match(q, FALLBACK_AFTER_MS).pairs).toEqual([]);
    expect(match(q, 2_000 + FALLBACK_AFTER_MS - 1).pairs).toEqual([]);
    const r = match(q, 2_000 + FALLBACK_AFTER_MS);
    expect(ids(r.pairs)).toEqual([["a", "b", "bank"]]);
    expect(r.queue.map((x) => x.playerId)).toEqual(["x"]);
  });

  it("prefers a topic match over a fallback, oldest first", () => {
    const q = queueOf(e("a", "soa", ["ec2"], 0), e("b", "soa", ["s3"], 1), e("c", "soa", ["iam"], 2), e("d", "soa", ["s3"], 20_000));
    const r = match(q, 20_001);
    // a (waited) has no topic partner: falls back to b, the oldest that waited. c waits on.
    expect(ids(r.pairs)).toEqual([["a", "b", "bank"]]);
    expect(r.queue.map((x) => x.playerId)).toEqual(["c", "d"]);
  });

  it("re-enqueueing keeps the place; dequeue removes; old entries expire", () => {
    let q = queueOf(e("a", "soa", ["ec2"], 0), e("b", "soa", ["s3"], 5));
    q = enqueue(q, e("a", "soa", ["s3"], 50));
    expect(q).toEqual([e("a", "soa", ["s3"], 0), e("b", "soa", ["s3"], 5)]);
    expect(dequeue(q, "a").map((x) => x.playerId)).toEqual(["b"]);
    const lone = queueOf(e("z", "dva", [], 0));
    expect(match(lone, MAX_WAIT_MS - 1).expired).toEqual([]);
    const r = match(lone, MAX_WAIT_MS);
    expect(r).toEqual({ queue: [], pairs: [], expired: [e("z", "dva", [], 0)] });
    expect(match(lone, 10 * MAX_WAIT_MS, { maxWaitMs: null }).queue).toHaveLength(1);
  });

  it("orders by joinedAt even when entries arrive out of order", () => {
    const q = queueOf(e("late", "soa", ["ec2"], 100), e("early", "soa", ["ec2"], 50));
    expect(ids(match(q, 200).pairs)).toEqual([["early", "late", "topics"]]);
  });
});
