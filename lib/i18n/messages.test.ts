import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("UI messages", () => {
  it("have the same keys in Korean and English, so no screen falls back to a raw key", () => {
    expect(keysOf(MESSAGES.en).sort()).toEqual(keysOf(MESSAGES.ko).sort());
  });

  it("have no empty strings", () => {
    for (const locale of ["ko", "en"] as const) {
      for (const key of keysOf(MESSAGES[locale])) {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], MESSAGES[locale]);
        expect(value, `${locale}:${key}`).not.toBe("");
      }
    }
  });
});
