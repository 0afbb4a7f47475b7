import type { Socket } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../events";
import type { IoServer } from "../server";

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export function registerSystemHandlers(_io: IoServer, socket: AppSocket, options: { nodeId: string }) {
  socket.on("system:health", (_payload, ack) => {
    if (typeof ack !== "function") return;
    ack({ ok: true, data: { node: options.nodeId, serverTime: Date.now(), identity: socket.data.identity } });
  });
}
