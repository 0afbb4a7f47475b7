import { describe, expect, it } from "vitest";
import { retryDelayMs, SaveQueue, type SendOutcome } from "./save-queue";

/** A hand-driven clock and a server whose answers the test decides, one request at a time. */
function harness() {
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  let now = 0;
  const requests: { key: string; payload: string; answer: (outcome: SendOutcome | "network") => Promise<void> }[] = [];
  const fatal: (string | undefined)[] = [];
  const queue = new SaveQueue<string>(
    (key, payload) =>
      new Promise<SendOutcome>((resolve, reject) => {
        requests.push({
          key, payload,
          answer: async (outcome) => {
            if (outcome === "network") reject(new TypeError("Failed to fetch"));
            else resolve(outcome);
            await new Promise((r) => setTimeout(r, 0));
          },
        });
      }),
    {
      timer: (run, ms) => {
        const timer = { at: now + ms, run, cancelled: false };
        timers.push(timer);
        return () => { timer.cancelled = true; };
      },
      onChange: () => {},
      onFatal: (code) => fatal.push(code),
    },
  );
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.at <= now) timer.run();
      else timers.push(timer);
    }
  };
  const pending = () => requests.splice(0);
  return { queue, advance, pending, fatal };
}

describe("the exam's save queue", () => {
  it("backs off 1 s, 2 s, 4 s … up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it("keeps an answer unsaved through network failures, retries it with backoff, and forgets it once stored", async () => {
    const { queue, advance, pending } = harness();
    queue.put("answer:1", "a");
    expect(queue.states().get("answer:1")).toBe("saving");
    await pending()[0]!.answer("network");
    expect(queue.states().get("answer:1")).toBe("retrying");
    advance(999);
    expect(pending()).toHaveLength(0);
    advance(1);
    const [second] = pending();
    expect(second?.payload).toBe("a");
    await second!.answer({ ok: false, retry: true, code: "internal" });
    advance(1999);
    expect(pending()).toHaveLength(0);
    advance(1);
    await pending()[0]!.answer({ ok: true });
    expect(queue.size).toBe(0);
  });

  it("sends only the newest value of an item, after the one in flight", async () => {
    const { queue, pending } = harness();
    queue.put("answer:1", "a");
    const [first] = pending();
    queue.put("answer:1", "b");
    queue.put("answer:1", "c");
    expect(pending()).toHaveLength(0);
    await first!.answer({ ok: true });
    const [next] = pending();
    expect(next?.payload).toBe("c");
    await next!.answer({ ok: true });
    expect(queue.size).toBe(0);
  });

  it("a newer value replaces a failed one at once, without waiting for the retry", async () => {
    const { queue, advance, pending } = harness();
    queue.put("answer:1", "a");
    await pending()[0]!.answer("network");
    queue.put("answer:1", "b");
    const [now] = pending();
    expect(now?.payload).toBe("b");
    await now!.answer({ ok: true });
    advance(60_000);
    expect(pending()).toHaveLength(0);
    expect(queue.size).toBe(0);
  });

  it("sends everything waiting when asked (back online), and flush reports whether all is stored", async () => {
    const { queue, pending } = harness();
    queue.put("answer:1", "a");
    queue.put("answer:2", "b");
    for (const request of pending()) await request.answer("network");
    const flushed = queue.flush();
    const retried = pending();
    expect(retried.map((r) => r.key).sort()).toEqual(["answer:1", "answer:2"]);
    await retried[0]!.answer({ ok: true });
    await retried[1]!.answer("network");
    expect(await flushed).toBe(false);
    expect([...queue.states().keys()]).toEqual(["answer:2"]);
    const again = queue.flush();
    await pending()[0]!.answer({ ok: true });
    expect(await again).toBe(true);
  });

  it("stops at a refusal that cannot change (the exam is over) and says so", async () => {
    const { queue, advance, pending, fatal } = harness();
    queue.put("answer:1", "a");
    await pending()[0]!.answer({ ok: false, retry: false, fatal: true, code: "already_submitted" });
    expect(fatal).toEqual(["already_submitted"]);
    advance(60_000);
    expect(pending()).toHaveLength(0);
    queue.put("answer:2", "b");
    await pending()[0]!.answer({ ok: false, retry: false, code: "invalid_input" });
    expect(queue.states().get("answer:2")).toBe("failed");
    advance(60_000);
    expect(pending()).toHaveLength(0);
  });
});
