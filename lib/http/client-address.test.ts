import { describe, expect, it } from "vitest";
import { clientAddress, limitKeyForAddress, trustedProxyHops } from "./client-address";

describe("the client's address", () => {
  it("is the TCP peer without TRUST_PROXY, whatever X-Forwarded-For says", () => {
    for (const forwardedFor of ["1.2.3.4", "1.2.3.4, 5.6.7.8", ["9.9.9.9"], undefined]) {
      expect(clientAddress({ remoteAddress: "::ffff:203.0.113.9", forwardedFor, trustProxyHops: 0 })).toBe("203.0.113.9");
    }
  });

  it("is the entry our proxy appended with TRUST_PROXY=N, not one the client prepended", () => {
    expect(clientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.4", trustProxyHops: 1 })).toBe("198.51.100.4");
    expect(clientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.4, 10.0.0.1", trustProxyHops: 2 })).toBe("198.51.100.4");
    expect(clientAddress({ remoteAddress: "10.0.0.2", forwardedFor: undefined, trustProxyHops: 1 })).toBe("10.0.0.2");
  });

  it("groups IPv6 addresses by /64, which one holder can rotate through", () => {
    expect(limitKeyForAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(limitKeyForAddress("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(limitKeyForAddress("::1")).toBe("0:0:0:0::/64");
    expect(limitKeyForAddress("")).toBe("unknown");
  });

  it("reads TRUST_PROXY as a small hop count, anything else as none", () => {
    expect([undefined, "", "0", "yes", "-1", "1.5"].map(trustedProxyHops)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(["1", "2", "99"].map(trustedProxyHops)).toEqual([1, 2, 10]);
  });
});
