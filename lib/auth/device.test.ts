import { describe, expect, it } from "vitest";
import { rememberDevice, trustedDeviceId } from "./device";

const secret = "device-secret-".padEnd(40, "d");

describe("device cookies", () => {
  it("trust a browser for the account it signed in to, and no other", () => {
    const cookie = rememberDevice(undefined, "owner@example.com", 0, secret);
    const id = trustedDeviceId(cookie, "owner@example.com", 0, secret);
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(trustedDeviceId(cookie, "someone@example.com", 0, secret)).toBeNull();
    expect(trustedDeviceId(cookie, "owner@example.com", 0, "another-secret".padEnd(40, "x"))).toBeNull();
    // The same browser keeps its id on the next sign-in.
    expect(trustedDeviceId(rememberDevice(cookie, "owner@example.com", 0, secret), "owner@example.com", 0, secret)).toBe(id);
  });

  it("are worthless after the account's session version moves (password change, sign out everywhere)", () => {
    const cookie = rememberDevice(undefined, "owner@example.com", 3, secret);
    expect(trustedDeviceId(cookie, "owner@example.com", 4, secret)).toBeNull();
  });

  it("hold up to five accounts, newest first, and ignore junk", () => {
    let cookie: string | undefined = "junk.~.x".repeat(3);
    for (let i = 0; i < 7; i++) cookie = rememberDevice(cookie, `user${i}@example.com`, 0, secret);
    expect(cookie!.split(".")).toHaveLength(5);
    expect(trustedDeviceId(cookie, "user6@example.com", 0, secret)).not.toBeNull();
    expect(trustedDeviceId(cookie, "user0@example.com", 0, secret)).toBeNull();
    expect(trustedDeviceId("x".repeat(5000), "user6@example.com", 0, secret)).toBeNull();
  });
});
