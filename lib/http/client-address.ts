import { isIP } from 'node:net';

/** Written by the web server's front door with the client's address; a copy sent by a client is dropped first. */
export const CLIENT_ADDRESS_HEADER = 'x-scriptorium-client-address';

/** Headers only a trusted proxy may set: without TRUST_PROXY they are removed before the app sees them. */
export const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip'] as const;

/** `::ffff:127.0.0.1` is the IPv4 client 127.0.0.1 on a dual-stack socket. */
function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, '$1');
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address, Express-style: hop 0 is the socket peer, then X-Forwarded-For read from
 * right to left. With `trustedHops` proxies in front, the address `trustedHops` hops away is the
 * client; entries further left were written by the client itself and are never believed.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustedHops: number): string {
  const chain = [socketAddress ?? '', ...(trustedHops > 0 ? (forwardedFor ?? '').split(',').reverse() : [])].map(normalise);
  // An entry that is not an address (a proxy passing garbage on) falls back to the nearest hop before it.
  for (let hop = Math.min(trustedHops, chain.length - 1); hop >= 0; hop--) {
    if (isIP(chain[hop]!)) return chain[hop]!;
  }
  return 'unknown';
}

/** One bucket per IPv4 address and per IPv6 /64, since one IPv6 subscriber holds a whole /64. */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => parseInt(group || '0', 16).toString(16)).join(':')}::/64`;
}

/**
 * Makes a request's headers tell the truth before the app reads them: the client address is
 * stamped, and forwarding headers survive only when a trusted proxy is configured.
 */
export function admitForwarding(headers: Record<string, string | string[] | undefined>, socketAddress: string | undefined, trustedHops: number): void {
  const forwardedFor = headers['x-forwarded-for'];
  const address = clientAddress(socketAddress, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, trustedHops);
  if (trustedHops === 0) for (const name of FORWARDING_HEADERS) delete headers[name];
  headers[CLIENT_ADDRESS_HEADER] = address;
}
