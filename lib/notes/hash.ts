// Deterministic hashing and seeded shuffling (no Math.random: same notes → same questions).
import { createHash } from "node:crypto";
import { mulberry32, shuffle } from "../random";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Short stable id from parts. */
export function stableId(...parts: string[]): string {
  return sha256Hex(parts.join("\u241f")).slice(0, 16);
}

function seedFrom(key: string): number {
  return Number.parseInt(sha256Hex(key).slice(0, 8), 16) >>> 0;
}

export function seededShuffle<T>(items: readonly T[], key: string): T[] {
  return shuffle(items, mulberry32(seedFrom(key)));
}

/** Deterministic pick of one item. */
export function seededPick<T>(items: readonly T[], key: string): T | undefined {
  if (items.length === 0) return undefined;
  return items[seedFrom(key) % items.length];
}
