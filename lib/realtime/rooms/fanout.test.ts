// The order of what a reveal sends when many rooms close on the same tick: every room's
// broadcast (the reveal, with its leaderboard) before any room's personal results, and a
// room's held results before anything else that room sends.
import { describe, expect, it } from "vitest";
import type { IoServer } from "../server";
import type { ClusterBus, Delivery } from "./cluster";
import { Fanout, RELEASE_SLICE } from "./fanout";
import { roomChannel } from "./players";

function harness(localSocketIds: string[], clustered = false) {
  const sent: string[] = [];
  const published: Delivery[][] = [];
  /** Everything in the order it left this process: bus messages and socket writes. */
  const wire: string[] = [];
  const sockets = new Set(localSocketIds);
  const write = (target: string | string[], event: string) => {
    const line = `${Array.isArray(target) ? target.join(",") : target} ${event}`;
    sent.push(line);
    wire.push(`socket ${line}`);
  };
  const io = {
    to: (channel: string) => ({ emit: (event: string) => write(channel, event) }),
    local: { to: (target: string | string[]) => ({ emit: (event: string) => write(target, event) }) },
    of: () => ({ sockets }),
  } as unknown as IoServer;
  let onBroadcast: (channel: string, event: string, payload: unknown) => void = () => {};
  const bus = {
    clustered,
    onDeliveries: () => {},
    onBroadcast: (handler: typeof onBroadcast) => (onBroadcast = handler),
    publishDeliveries: (items: Delivery[]) => {
      published.push(items);
      wire.push(`bus ${items.map((i) => `${i.socketIds.join(",")} ${i.event}`).join("; ")}`);
    },
    publishBroadcast: (channel: string, event: string) => wire.push(`bus ${channel} ${event}`),
  } as unknown as ClusterBus;
  return { fanout: new Fanout(io, bus), sent, published, wire, receiveBroadcast: (channel: string, event: string) => onBroadcast(channel, event, {}) };
}

const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const result = (socketId: string): Delivery => ({ socketIds: [socketId], event: "round:result", payload: {} });

describe("Fanout: personal results after the broadcasts of the same tick", () => {
  it("sends every room's reveal before any room's personal results", async () => {
    const { fanout, sent } = harness(["a1", "b1"]);
    fanout.broadcast("A", "round:reveal", {});
    fanout.personalAfterBroadcasts("A", [result("a1")]);
    fanout.broadcast("B", "round:reveal", {});
    fanout.personalAfterBroadcasts("B", [result("b1")]);
    expect(sent).toEqual([`${roomChannel("A")} round:reveal`, `${roomChannel("B")} round:reveal`]);
    await endOfTurn();
    expect(sent.slice(2)).toEqual(["a1 round:result", "b1 round:result"]);
  });

  it("releases a room's held results before that room sends anything else", async () => {
    const { fanout, sent } = harness(["a1"]);
    fanout.broadcast("A", "round:reveal", {});
    fanout.personalAfterBroadcasts("A", [result("a1")]);
    fanout.releaseHeld("A");
    fanout.broadcast("A", "room:finished", {});
    await endOfTurn();
    // Released once: not again at the end of the turn.
    expect(sent).toEqual([`${roomChannel("A")} round:reveal`, "a1 round:result", `${roomChannel("A")} room:finished`]);
  });

  it("writes held results a slice per turn, so a room closing meanwhile reveals before the rest", async () => {
    const ids = Array.from({ length: RELEASE_SLICE + 10 }, (_, i) => `a${i}`);
    const { fanout, sent } = harness([...ids, "b1"]);
    fanout.broadcast("A", "round:reveal", {});
    fanout.personalAfterBroadcasts("A", ids.map(result));
    await endOfTurn();
    expect(sent).toHaveLength(1 + RELEASE_SLICE);
    // B's close timer fires between two slices: its reveal goes out at once.
    fanout.broadcast("B", "round:reveal", {});
    fanout.personalAfterBroadcasts("B", [result("b1")]);
    expect(sent.at(-1)).toBe(`${roomChannel("B")} round:reveal`);
    await endOfTurn();
    expect(sent.slice(RELEASE_SLICE + 2)).toEqual([...ids.slice(RELEASE_SLICE).map((id) => `${id} round:result`), "b1 round:result"]);
    // A's order held throughout: reveal, then its results in order.
    expect(sent.filter((line) => line.startsWith("a"))).toEqual(ids.map((id) => `${id} round:result`));
  });

  it("a room sending again gets the rest of its held results out first", async () => {
    const ids = Array.from({ length: RELEASE_SLICE + 3 }, (_, i) => `a${i}`);
    const { fanout, sent } = harness(ids);
    fanout.personalAfterBroadcasts("A", ids.map(result));
    await endOfTurn();
    fanout.releaseHeld("A");
    fanout.broadcast("A", "round:countdown", {});
    expect(sent).toEqual([...ids.map((id) => `${id} round:result`), `${roomChannel("A")} round:countdown`]);
    await endOfTurn();
    expect(sent).toHaveLength(ids.length + 1);
  });

  it("publishes the held results for sockets on other processes in one bus message", async () => {
    const { fanout, published } = harness(["a1"], true);
    fanout.personalAfterBroadcasts("A", [result("a1"), result("a2")]);
    fanout.personalAfterBroadcasts("B", [result("b2")]);
    expect(published).toEqual([]);
    await endOfTurn();
    expect(published).toEqual([[result("a2"), result("b2")]]);
  });
});

describe("Fanout with other processes: their copy leaves before this process's socket writes", () => {
  it("publishes a broadcast first and writes to this process's sockets at the end of the turn", async () => {
    const { fanout, wire } = harness(["a1"], true);
    fanout.broadcast("A", "round:reveal", {});
    expect(wire).toEqual([`bus ${roomChannel("A")} round:reveal`]);
    await endOfTurn();
    expect(wire).toEqual([`bus ${roomChannel("A")} round:reveal`, `socket ${roomChannel("A")} round:reveal`]);
  });

  it("keeps each socket's order: a personal message sent after a broadcast is written after it", async () => {
    const { fanout, sent } = harness(["a1"], true);
    fanout.broadcast("A", "round:start", {});
    fanout.personal([{ socketIds: ["a1"], event: "room:progress", payload: {} }]);
    fanout.broadcast("A", "round:reveal", {});
    expect(sent).toEqual([]);
    await endOfTurn();
    expect(sent).toEqual([`${roomChannel("A")} round:start`, "a1 room:progress", `${roomChannel("A")} round:reveal`]);
  });

  it("sends a reveal's results for other processes' sockets on the bus before writing this process's", async () => {
    const { fanout, wire } = harness(["a1"], true);
    fanout.broadcast("A", "round:reveal", {});
    fanout.personalAfterBroadcasts("A", [result("a1"), result("a2")]);
    await endOfTurn();
    await endOfTurn();
    expect(wire).toEqual([
      `bus ${roomChannel("A")} round:reveal`,
      `socket ${roomChannel("A")} round:reveal`,
      "bus a2 round:result",
      "socket a1 round:result",
    ]);
  });

  it("delivers another process's broadcast to the room's sockets here", () => {
    const { sent, receiveBroadcast } = harness(["a1"], true);
    receiveBroadcast(roomChannel("A"), "round:reveal");
    expect(sent).toEqual([`${roomChannel("A")} round:reveal`]);
  });
});
