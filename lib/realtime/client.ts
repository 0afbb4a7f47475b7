"use client";
// The browser's Socket.IO connection: one per tab, authenticated by the next-auth cookie
// (sent automatically) or by a guest token kept in localStorage.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const GUEST_KEY = "studyarena.guest";

export type StoredGuest = { token: string; nickname: string };

export function loadGuest(): StoredGuest | null {
  try {
    const raw = localStorage.getItem(GUEST_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<StoredGuest>) : null;
    return parsed && typeof parsed.token === "string" && typeof parsed.nickname === "string" ? { token: parsed.token, nickname: parsed.nickname } : null;
  } catch {
    return null;
  }
}

export async function becomeGuest(nickname: string): Promise<{ ok: true; guest: StoredGuest } | { ok: false; code: string }> {
  const response = await fetch("/api/guest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ nickname }) });
  const body = (await response.json().catch(() => null)) as { ok: boolean; code?: string; data?: StoredGuest } | null;
  if (!body?.ok || !body.data) return { ok: false, code: body?.code ?? "internal" };
  localStorage.setItem(GUEST_KEY, JSON.stringify(body.data));
  return { ok: true, guest: body.data };
}

let shared: RealtimeSocket | null = null;

export function realtimeSocket(): RealtimeSocket {
  if (shared) return shared;
  shared = io({
    path: "/socket.io",
    transports: ["websocket", "polling"],
    // Functions are re-read on every reconnect, so a guest token issued later is used.
    auth: (cb) => cb(loadGuest() ? { guestToken: loadGuest()!.token } : {}),
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  return shared;
}

/** Emits with an acknowledgement and a timeout; a lost connection reads as a code, not a hang. */
export async function request<E extends keyof ClientToServerEvents>(
  socket: RealtimeSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 8000,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  try {
    // socket.io's typed emitWithAck cannot follow a generic event name here.
    return await (socket.timeout(timeoutMs) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<never> }).emitWithAck(event, payload);
  } catch {
    return { ok: false, code: "timeout" } as never;
  }
}
