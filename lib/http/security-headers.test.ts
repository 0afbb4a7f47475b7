import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy, servedOverHttps } from "./security-headers";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("the page policy", () => {
  it("runs only nonced scripts in production, with no inline or eval", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "abc123", dev: false, https: false }));
    expect(policy["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy["frame-ancestors"]).toBe("'none'");
    expect(policy["object-src"]).toBe("'none'");
    expect(policy["connect-src"]).toBe("'self'");
    expect(policy).not.toHaveProperty("upgrade-insecure-requests");
  });

  it("lets development's eval and hot-reload socket through, and upgrades requests over HTTPS", () => {
    expect(directives(pageContentSecurityPolicy({ nonce: "n", dev: true, https: false }))["script-src"]).toContain("'unsafe-eval'");
    expect(directives(pageContentSecurityPolicy({ nonce: "n", dev: true, https: false }))["connect-src"]).toBe("'self' ws: wss:");
    expect(pageContentSecurityPolicy({ nonce: "n", dev: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("trusts X-Forwarded-Proto only from a trusted proxy", () => {
    expect(servedOverHttps("https", 0)).toBe(false);
    expect(servedOverHttps("https", 1)).toBe(true);
    expect(servedOverHttps("http", 1)).toBe(false);
    expect(servedOverHttps(null, 1)).toBe(false);
  });
});
