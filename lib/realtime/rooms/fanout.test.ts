// The order of what a reveal sends when many rooms close on the same tick: every room's
// broadcast (the reveal, with its leaderboard) before any room's personal results, and a
// room's held results before anything else that room sends.
import { describe, expect, it } from "vitest";
import type { IoServer } from "../server";
import type { ClusterBus, Delivery } from "./cluster";
import { Fanout } from "./fanout";
import { roomChannel } from "./players";

function harness(localSocketIds: string[], clustered = false) {
  const sent: string[] = [];
  const published: Delivery[][] = [];
  const sockets = new Set(localSocketIds);
  const io = {
    to: (channel: string) => ({ emit: (event: string) => sent.push(`${channel} ${event}`) }),
    local: { to: (ids: string[]) => ({ emit: (event: string) => sent.push(`${ids.join(",")} ${event}`) }) },
    of: () => ({ sockets }),
  } as unknown as IoServer;
  const bus = {
    clustered,
    onDeliveries: () => {},
    publishDeliveries: (items: Delivery[]) => published.push(items),
  } as unknown as ClusterBus;
  return { fanout: new Fanout(io, bus), sent, published };
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

  it("publishes the held results for sockets on other processes in one bus message", async () => {
    const { fanout, published } = harness(["a1"], true);
    fanout.personalAfterBroadcasts("A", [result("a1"), result("a2")]);
    fanout.personalAfterBroadcasts("B", [result("b2")]);
    expect(published).toEqual([]);
    await endOfTurn();
    expect(published).toEqual([[result("a2"), result("b2")]]);
  });
});
