import { describe, expect, it } from "vitest";
import { ROOM_CODE_ALPHABET, ROOM_CODE_SPACE, isRoomCode, normalizeRoomCode, roomCodeFromBytes } from "./room-code";

describe("room codes", () => {
  it("uses 31 unambiguous characters: 887,503,681 codes", () => {
    expect(ROOM_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(ROOM_CODE_ALPHABET).size).toBe(31);
    expect(ROOM_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(ROOM_CODE_SPACE).toBe(887_503_681);
  });

  it("maps bytes to characters, skipping biased bytes (>= 248)", () => {
    expect(roomCodeFromBytes(new Uint8Array([0, 1, 2, 30, 31, 247]))).toBe("ABC9A9");
    expect(roomCodeFromBytes(new Uint8Array([248, 255, 0, 1, 2, 3, 4, 5]))).toBe("ABCDEF");
    expect(roomCodeFromBytes(new Uint8Array([0, 1, 2, 255, 255]))).toBeNull();
  });

  it("is uniform over the alphabet", () => {
    const counts = new Map<string, number>();
    const bytes = new Uint8Array(248 * 6 * 10);
    bytes.forEach((_, i) => (bytes[i] = i % 248));
    for (let i = 0; i < bytes.length; i += 6) {
      for (const ch of roomCodeFromBytes(bytes.subarray(i, i + 6)) ?? "") counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(new Set(counts.values()).size).toBe(1);
  });

  it("normalizes what people type", () => {
    expect(normalizeRoomCode(" abc-def ")).toBe("ABCDEF");
    expect(normalizeRoomCode("ABC DE2")).toBe("ABCDE2");
    expect(normalizeRoomCode("ABCDE0")).toBeNull();
    expect(normalizeRoomCode("ABCDE")).toBeNull();
    expect(isRoomCode("HJKMN9")).toBe(true);
    expect(isRoomCode("hjkmn9")).toBe(false);
  });
});
