import { describe, expect, it } from "vitest";
import { issueGuestToken, verifyGuestToken } from "./guest";

const secret = "s".repeat(40);

describe("guest tokens", () => {
  it("round-trip a nickname and a stable id", () => {
    const token = issueGuestToken("민지", secret, "guest-1");
    expect(verifyGuestToken(token, secret)).toEqual({ guestId: "guest-1", nickname: "민지" });
  });

  it("reject a token whose nickname was changed", () => {
    const token = issueGuestToken("민지", secret);
    const [prefix, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ guestId: "x", nickname: "admin" })).toString("base64url");
    expect(verifyGuestToken(`${prefix}.${forged}.${signature}`, secret)).toBeNull();
  });

  it("reject tokens signed with another secret, and junk", () => {
    expect(verifyGuestToken(issueGuestToken("a", "t".repeat(40)), secret)).toBeNull();
    for (const junk of [undefined, null, 42, "", "g1..", "x".repeat(600), { guestId: "a" }]) expect(verifyGuestToken(junk, secret)).toBeNull();
  });
});
