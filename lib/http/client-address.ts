// The client's address, for per-address limits (sign-in, sign-up, room codes).
// Without TRUST_PROXY the TCP peer is the client: any X-Forwarded-For is the client's own
// invention and is ignored. With TRUST_PROXY=N the app sits behind N reverse proxies, each
// appending the address it saw: the Nth entry from the right is the one our outermost proxy
// saw, and entries left of it came from the client.
import { isIPv6 } from "node:net";

/** Set by server.ts on every request (any value the client sent is overwritten). */
export const CLIENT_ADDRESS_HEADER = "x-studyarena-client-address";

export function trustedProxyHops(env: string | undefined = process.env.TRUST_PROXY): number {
  const hops = Number(env ?? 0);
  return Number.isInteger(hops) && hops > 0 ? Math.min(hops, 10) : 0;
}

export function clientAddress(input: { remoteAddress: string | undefined; forwardedFor: string | string[] | undefined; trustProxyHops: number }): string {
  let address = input.remoteAddress ?? "";
  if (input.trustProxyHops > 0 && input.forwardedFor) {
    const hops = (Array.isArray(input.forwardedFor) ? input.forwardedFor.join(",") : input.forwardedFor)
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    address = hops[hops.length - input.trustProxyHops] ?? hops[0] ?? address;
  }
  return limitKeyForAddress(address);
}

/**
 * One key per IPv4 address; one per /64 for IPv6, since anyone holding an IPv6 address
 * usually holds its whole /64 and could otherwise rotate through it.
 */
export function limitKeyForAddress(raw: string): string {
  const address = raw.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (!isIPv6(address)) return address || "unknown";
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
