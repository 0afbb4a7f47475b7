// A signed-in user's sockets share a channel, so revoking their sessions (a password change,
// "sign out everywhere") can close them all, on every process through the Redis adapter. Kept
// apart from server.ts so server actions can call it without bundling the realtime layer.
import type { IoServer } from "./server";

export function userChannel(userId: string): string {
  return `user:${userId}`;
}

/** Disconnects every socket of the user; each reconnects with whatever session it still has. */
export function disconnectUserSockets(userId: string, io: IoServer | undefined = (globalThis as { studyarenaIo?: IoServer }).studyarenaIo): void {
  io?.in(userChannel(userId)).disconnectSockets(true);
}
