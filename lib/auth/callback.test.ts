import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPath } from "./callback";

describe("the way back after sign-in", () => {
  it("keeps a same-origin path with its query", () => {
    expect(safeCallbackPath("/groups/join/AB12CD34")).toBe("/groups/join/AB12CD34");
    expect(safeCallbackPath("/groups/g1/report?bank=soa-c03")).toBe("/groups/g1/report?bank=soa-c03");
  });

  it("refuses anything that leaves the site or loops", () => {
    for (const raw of [
      "https://evil.example/x", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)",
      "http:/evil.example", " /groups", "/groups\n/x", "groups/join/X", "", "/signin?callbackUrl=/x", "/signup", "/api/auth/signout", null, 42, ["/groups"],
    ]) expect(safeCallbackPath(raw), String(raw)).toBeNull();
  });

  it("builds the sign-in address with the path encoded, or the bare page", () => {
    expect(signInPath("/groups/join/AB12")).toBe("/signin?callbackUrl=%2Fgroups%2Fjoin%2FAB12");
    expect(signInPath("/groups/join/AB12", "/signup")).toBe("/signup?callbackUrl=%2Fgroups%2Fjoin%2FAB12");
    expect(signInPath("https://evil.example")).toBe("/signin");
    expect(signInPath(undefined)).toBe("/signin");
  });
});
