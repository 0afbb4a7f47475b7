// The room bus over a real Redis: requests to the owner of a room and their replies, batched per
// turn of the event loop (one PUBLISH for many answers), each reply reaching its own caller.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type RedisClientType } from "redis";
import { RedisBus } from "./cluster";

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)("RedisBus (needs REDIS_URL: the test script starts a redis-server)", () => {
  const clients: RedisClientType[] = [];
  let owner: RedisBus;
  let other: RedisBus;
  let watcher: RedisClientType;
  const published: { channel: string; envelopes: number }[] = [];
  const node = (name: string) => `bus-test-${name}-${process.pid}`;

  async function client(): Promise<RedisClientType> {
    const c = createClient({ url: redisUrl }) as RedisClientType;
    await c.connect();
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    owner = await RedisBus.connect(await client(), node("owner"), () => {});
    other = await RedisBus.connect(await client(), node("other"), () => {});
    watcher = await client();
    await watcher.pSubscribe(`sa:rooms:re*:bus-test-*-${process.pid}`, (message, channel) => published.push({ channel, envelopes: (JSON.parse(message) as unknown[]).length }));
  });

  afterAll(async () => {
    await owner?.close();
    await other?.close();
    for (const c of clients) await c.quit().catch(() => {});
  });

  it("carries 200 requests made in one turn in one message, and gives each caller its own reply", async () => {
    owner.onRequest(async (body) => {
      const n = (body as { n: number }).n;
      await new Promise((r) => setTimeout(r, n % 3)); // replies complete at different times
      return { doubled: n * 2 };
    });
    const replies = await Promise.all(Array.from({ length: 200 }, (_, n) => other.request<{ doubled: number }>(node("owner"), { n }, 5_000)));
    expect(replies.map((r) => (r.status === "ok" ? r.reply.doubled : null))).toEqual(Array.from({ length: 200 }, (_, n) => n * 2));
    await new Promise((r) => setTimeout(r, 50));
    const requests = published.filter((p) => p.channel.startsWith("sa:rooms:req:"));
    const answers = published.filter((p) => p.channel.startsWith("sa:rooms:res:"));
    expect(requests).toEqual([{ channel: `sa:rooms:req:${node("owner")}`, envelopes: 200 }]);
    expect(answers.reduce((n, p) => n + p.envelopes, 0)).toBe(200);
    expect(answers.length).toBeLessThan(20);
  });

  it("answers 'gone' at once when no process listens on the owner's channel", async () => {
    // (Not a bus-test-* name: the watcher's pattern subscription would count as a listener.)
    expect(await other.request(`nobody-${process.pid}`, { n: 1 }, 5_000)).toEqual({ status: "gone" });
  });
});
