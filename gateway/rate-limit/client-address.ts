import { isIP } from 'node:net';

/**
 * The address an anonymous caller's quota is counted against. By default the socket's remote address: the
 * X-Forwarded-For header is written by whoever sends the request, so trusting it would let a bot pick a fresh
 * address (a fresh quota) for every request. Only behind `trustedProxies` reverse proxies, each appending the
 * address it saw on the right, is the entry that many hops from the right the client's (what lies further
 * left is the client's own claim). When that entry is missing or not an IP address the socket address is
 * used: every client then shares the proxy's quota, which errs towards limiting, never towards no limit.
 */
export function clientAddressOf(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number,
): string | undefined {
  if (trustedProxies > 0 && forwardedFor !== undefined) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((hop) => hop.trim());
    const forwarded = hops.length >= trustedProxies ? withoutPort(hops[hops.length - trustedProxies]) : undefined;
    if (forwarded && isIP(forwarded)) return unmapped(forwarded);
  }
  return socketAddress && isIP(socketAddress) ? unmapped(socketAddress) : undefined;
}

/**
 * The quota key part of a client address. IPv4 addresses count one by one; IPv6 ones by their /64 network,
 * because one subscriber is routinely given a whole /64 and could otherwise rotate through its addresses.
 */
export function addressQuotaKey(address: string | undefined): string {
  if (!address || isIP(address) === 0) return 'unknown';
  if (isIP(address) === 4) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** Some proxies write `1.2.3.4:5678` or `[2001:db8::1]:443`. */
function withoutPort(hop: string | undefined): string | undefined {
  if (!hop) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1];
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return ipv4WithPort ? ipv4WithPort[1] : hop;
}

/** A dual-stack socket reports IPv4 callers as `::ffff:1.2.3.4`: one caller, one key. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1] : address.toLowerCase();
}

/** The eight 16-bit groups of a valid IPv6 address, `::` expanded, without leading zeros (an embedded IPv4 tail, past the /64, reads as zeros). */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.replace(/%.*$/, '').split('::');
  const groupsOf = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const left = groupsOf(head);
  const right = groupsOf(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
