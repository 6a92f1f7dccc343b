/// <reference types="node" />
/**
 * The visitor's address as the receiver keeps it, and the key its rate limit counts by.
 */
import type { IncomingMessage } from 'node:http';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIPv4 = (s: string): boolean => IPV4.test(s);
/** The WHATWG URL parser knows IPv6 (no `node:net`, so this module loads in any runtime). */
function isIPv6(s: string): boolean {
  if (!s.includes(':') || /[^0-9a-fA-F:.%]/.test(s.split('%')[0]!)) return false;
  try {
    new URL(`http://[${s.split('%')[0]}]/`);
    return true;
  } catch {
    return false;
  }
}

/**
 * `full`: the address as seen; `truncated` (the default): IPv4 with its last octet zeroed
 * (`203.0.113.0`), IPv6 cut to its first 48 bits (`2001:db8:85a3::`); `none`: not kept.
 */
export type IpMode = 'full' | 'truncated' | 'none';

/**
 * The client's address: the socket's peer, or with `trustProxy = n` (n reverse proxies of yours in
 * front) the address the n-th proxy saw, read from the right of `X-Forwarded-For`.
 */
export function clientAddress(req: IncomingMessage, trustProxy = 0): string {
  const peer = unmap(req.socket?.remoteAddress ?? '');
  if (!trustProxy) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  const candidate = unmap(chain[Math.max(0, chain.length - 1 - trustProxy)] ?? peer);
  return isIPv4(candidate) || isIPv6(candidate) ? candidate : peer;
}

/**
 * `::ffff:192.0.2.1` → `192.0.2.1`; an IPv6 zone (`fe80::1%eth0`, or anything after `%` in a
 * forwarded header) is dropped: it names an interface of the machine that saw the address, not the visitor.
 */
function unmap(address: string): string {
  const bare = address.includes(':') ? address.split('%')[0]! : address;
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return m ? m[1]! : bare;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string | undefined): number[] => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The address as `mode` keeps it (null for `none` or an unknown address). */
export function keepAddress(address: string, mode: IpMode): string | null {
  if (mode === 'none' || !address) return null;
  if (mode === 'full') return isIPv4(address) || isIPv6(address) ? address.split('%')[0]! : null;
  if (isIPv4(address)) return address.replace(/\.\d+$/, '.0');
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 3).map((g) => g.toString(16)).join(':')}::`;
  return null;
}

/** What one visitor is: an IPv4 address, or an IPv6 /64 (one host usually holds a whole /64). */
export function rateKey(address: string): string {
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
  return address;
}
