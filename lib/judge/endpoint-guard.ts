// Keeps the LLM judge from being turned against the app's own network: the endpoint a researcher
// types may not be, or resolve to, a loopback, private, link-local, unique-local, shared or
// metadata address, unless its host is listed in JUDGE_ALLOWED_HOSTS (a lab's own vLLM or Ollama).
// The check runs when a judge is saved and again inside every connection the judge opens, on the
// addresses DNS gives at that moment, so a name that changes its answer later gains nothing.
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { promisify } from "node:util";

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the host itself
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // shared address space (carrier NAT)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, where cloud metadata services live (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv6");
}

/** An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4), as that IPv4 address. */
function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = lower.match(/^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) return dotted[1];
  const hex = lower.match(/^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  const sixToFour = lower.match(/^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/);
  const parts = hex ?? sixToFour;
  if (!parts) return null;
  const [high, low] = [parseInt(parts[1], 16), parseInt(parts[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Why an address may not be called, or null if it may. */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "is not an IP address";
  const v4 = family === 6 ? embeddedIPv4(address) : address;
  const blocked = v4 ? BLOCKED.check(v4, "ipv4") : BLOCKED.check(address, "ipv6");
  return blocked ? `is a loopback, private, link-local or otherwise internal address (${address})` : null;
}

/** JUDGE_ALLOWED_HOSTS' entries: "host" allows every port, "host:port" that port only. */
export function isAllowedHost(url: URL, allowed: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowed.some((entry) => {
    const match = entry.trim().toLowerCase().match(/^\[?([^\]]+?)\]?(?::(\d+))?$/);
    return match !== null && match[1] === host && (match[2] === undefined || match[2] === port);
  });
}

export class EndpointRefused extends Error {}

/**
 * The URL the judge calls: the base URL with `/chat/completions` added, nothing else of the input
 * (no query, fragment or credentials). Refused for anything but http(s).
 */
export function completionsUrl(baseUrl: string): URL {
  const base = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
  if (!base || (base.protocol !== "https:" && base.protocol !== "http:")) throw new EndpointRefused("The endpoint must be an http:// or https:// address.");
  if (base.username || base.password) throw new EndpointRefused("The endpoint may not carry a user name or password: give the key in its own field.");
  if (base.search || base.hash) throw new EndpointRefused("The endpoint may not carry a query (?…) or a fragment (#…): give its base URL, e.g. https://api.openai.com/v1.");
  return new URL(`${base.origin}${base.pathname.replace(/\/+$/, "")}/chat/completions`);
}

const lookupAll = promisify(dnsLookup) as unknown as (hostname: string, options: { all: true }) => Promise<LookupAddress[]>;

/** What DNS gives for the host, each address checked; refused if any is internal (a name may not mix them). */
export async function checkedAddresses(url: URL, allowed: readonly string[]): Promise<LookupAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookupAll(host, { all: true }).catch(() => {
    throw new EndpointRefused(`The endpoint's host "${host}" could not be found.`);
  });
  if (isAllowedHost(url, allowed)) return addresses;
  for (const { address } of addresses) {
    const reason = blockedAddressReason(address);
    if (reason) {
      throw new EndpointRefused(`The endpoint's host "${host}" ${reason === "is not an IP address" ? reason : reason.replace("is a", "resolves to a")}; list it in JUDGE_ALLOWED_HOSTS to allow it.`);
    }
  }
  return addresses;
}

/** Checks an endpoint as it is saved: its form, then its host's addresses. */
export async function checkEndpoint(baseUrl: string, allowed: readonly string[]): Promise<void> {
  await checkedAddresses(completionsUrl(baseUrl), allowed);
}

/**
 * A `lookup` for the connections the judge opens to `url`: the same check on the addresses the
 * connection will use, so the address checked is the address called.
 */
export function guardedLookup(url: URL, allowed: readonly string[]) {
  return (_hostname: string, options: { all?: boolean }, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    checkedAddresses(url, allowed).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)),
      (error: Error) => callback(error, ""),
    );
  };
}
