// The process's room service, for server actions (Next.js bundles them apart from server.ts,
// so it travels on globalThis). Type-only imports: app code pulls in no Socket.IO here.
import type { RoomService } from "./rooms/service";

const KEY = "studyarenaRooms";

export function registerRoomService(rooms: RoomService): void {
  (globalThis as Record<string, unknown>)[KEY] = rooms;
}

export function getRoomService(): RoomService | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as RoomService | undefined;
}
