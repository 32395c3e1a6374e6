// Which address a request came from, for the throttles. The app's own HTTP server
// (scripts/http-server.ts) writes it into one header, replacing whatever a client sent there, so
// route handlers and next-auth read an address no client can choose.
import { isIP } from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-client-address";

/** "::ffff:10.0.0.1" is the IPv4 address 10.0.0.1 seen on a dual-stack socket. */
const normalise = (address: string) => address.trim().toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case the
 * nearest address in X-Forwarded-For that is not one (proxies append, so the right end is theirs
 * and the left end is whatever the client claimed).
 */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: readonly string[]): string {
  const trusted = new Set(trustedProxies.map(normalise));
  let address = normalise(peer ?? "");
  if (!address) return "unknown";
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map(normalise).filter(Boolean);
  while (trusted.has(address) && hops.length > 0) {
    const hop = hops.pop()!;
    if (!isIP(hop)) break;
    address = hop;
  }
  return address;
}

/** The address the app's server wrote for this request. */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  const address = Array.isArray(value) ? value[0] : value;
  return address && isIP(address) ? address : "unknown";
}
