import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { encode } from "next-auth/jwt";
import { issueGuestToken } from "../auth/guest";
import { SessionStates } from "../auth/session-state";
import { verifySessionToken } from "../auth/sessions";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";
import { attachRealtime, type IoServer } from "./server";
import { disconnectUserSockets } from "./user-sockets";

const secret = "test-secret-".padEnd(48, "x");
let httpServer: HttpServer;
let io: IoServer;
let url: string;
const clients: Socket[] = [];

beforeAll(async () => {
  process.env.AUTH_SECRET = secret;
  httpServer = createServer();
  // The accounts as the database would tell them: user-1 is an instructor whose sessions are at version 2.
  const accounts = new SessionStates(async (id) => (id === "user-1" ? { role: "INSTRUCTOR" as const, name: "지수", sessionVersion: 2 } : null));
  io = attachRealtime(httpServer, { nodeId: "node-test", verifyUser: (token, key) => verifySessionToken(token, key, accounts) });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

function client(options: { auth?: Record<string, unknown>; cookie?: string } = {}): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket = connect(url, {
    transports: ["websocket"],
    auth: options.auth ?? {},
    extraHeaders: options.cookie ? { cookie: options.cookie } : {},
    forceNew: true,
  });
  clients.push(socket);
  return socket;
}

describe("Socket.IO handshake", () => {
  it("answers the health event with the node and the server's clock", async () => {
    const before = Date.now();
    const response = await client().timeout(5000).emitWithAck("system:health", {});
    expect(response.ok).toBe(true);
    if (response.ok) {
      expect(response.data.node).toBe("node-test");
      expect(response.data.serverTime).toBeGreaterThanOrEqual(before);
      expect(response.data.identity).toBeNull();
    }
  });

  it("knows a signed-in user from the next-auth session cookie", async () => {
    const token = await encode({ token: { sub: "user-1", name: "지수", role: "INSTRUCTOR", sv: 2 }, secret });
    const response = await client({ cookie: `next-auth.session-token=${token}` }).timeout(5000).emitWithAck("system:health", {});
    expect(response.ok && response.data.identity).toEqual({ kind: "user", userId: "user-1", name: "지수", role: "INSTRUCTOR" });
  });

  it("takes the role from the account, and refuses a revoked session or a deleted account", async () => {
    const claimsAdmin = await encode({ token: { sub: "user-1", name: "지수", role: "ADMIN", sv: 2 }, secret });
    const current = await client({ cookie: `next-auth.session-token=${claimsAdmin}` }).timeout(5000).emitWithAck("system:health", {});
    expect(current.ok && current.data.identity).toMatchObject({ kind: "user", role: "INSTRUCTOR" });
    for (const token of [
      await encode({ token: { sub: "user-1", name: "지수", role: "INSTRUCTOR", sv: 1 }, secret }),
      await encode({ token: { sub: "deleted-user", name: "Gone", role: "LEARNER" }, secret }),
    ]) {
      const response = await client({ cookie: `next-auth.session-token=${token}` }).timeout(5000).emitWithAck("system:health", {});
      expect(response.ok && response.data.identity).toBeNull();
    }
  });

  it("knows a guest from a signed guest token, and ignores a forged one", async () => {
    const token = issueGuestToken("게스트", secret, "guest-9");
    const guest = await client({ auth: { guestToken: token } }).timeout(5000).emitWithAck("system:health", {});
    expect(guest.ok && guest.data.identity).toEqual({ kind: "guest", guestId: "guest-9", nickname: "게스트" });
    const forged = await client({ auth: { guestToken: issueGuestToken("게스트", "another-secret-".padEnd(40, "y")) } }).timeout(5000).emitWithAck("system:health", {});
    expect(forged.ok && forged.data.identity).toBeNull();
  });

  it("ignores a session cookie signed with another secret", async () => {
    const token = await encode({ token: { sub: "intruder" }, secret: "not-the-secret-".padEnd(48, "z") });
    const response = await client({ cookie: `next-auth.session-token=${token}` }).timeout(5000).emitWithAck("system:health", {});
    expect(response.ok && response.data.identity).toBeNull();
  });

  it("closes every socket of a user whose sessions were revoked, and no one else's", async () => {
    const token = await encode({ token: { sub: "user-1", name: "지수", role: "INSTRUCTOR", sv: 2 }, secret });
    const tabs = [client({ cookie: `next-auth.session-token=${token}` }), client({ cookie: `next-auth.session-token=${token}` })];
    const guest = client({ auth: { guestToken: issueGuestToken("게스트", secret, "guest-7") } });
    for (const socket of [...tabs, guest]) await socket.timeout(5000).emitWithAck("system:health", {});
    const closed = tabs.map((socket) => new Promise<string>((resolve) => socket.once("disconnect", resolve)));
    disconnectUserSockets("user-1", io);
    expect(await Promise.all(closed)).toEqual(["io server disconnect", "io server disconnect"]);
    expect(guest.connected).toBe(true);
    expect(await guest.timeout(5000).emitWithAck("system:health", {})).toMatchObject({ ok: true });
  });
});
