// Who plays: the engine's player id comes from the handshake identity, never from a payload.
// A room's Socket.IO channel (its broadcasts); personal messages go to socket ids.
import { cleanNickname, isValidPlayerId } from "../engine";
import type { Identity } from "../events";

export type RoomPlayer = { playerId: string; nickname: string; isGuest: boolean };

export function playerFromIdentity(identity: Identity | null | undefined): RoomPlayer | null {
  if (!identity) return null;
  const playerId = identity.kind === "user" ? `u:${identity.userId}` : `g:${identity.guestId}`;
  if (!isValidPlayerId(playerId)) return null;
  const fallback = identity.kind === "user" ? "Player" : "Guest";
  const nickname = cleanNickname(identity.kind === "user" ? identity.name : identity.nickname) ?? fallback;
  return { playerId, nickname, isGuest: identity.kind === "guest" };
}

/** The user id behind a player id, or null for a guest. */
export function userIdOf(playerId: string): string | null {
  return playerId.startsWith("u:") ? playerId.slice(2) : null;
}

export function guestIdOf(playerId: string): string | null {
  return playerId.startsWith("g:") ? playerId.slice(2) : null;
}

/** Every socket seated in the room: broadcasts (the Redis adapter fans them out to every process). */
export function roomChannel(roomId: string): string {
  return `room:${roomId}`;
}
