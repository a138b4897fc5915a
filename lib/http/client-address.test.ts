import { describe, expect, it } from 'vitest';
import { addressBucket, admitForwarding, clientAddress, CLIENT_ADDRESS_HEADER } from './client-address';

describe('clientAddress', () => {
  it('without trusted proxies, is the socket peer whatever X-Forwarded-For says', () => {
    expect(clientAddress('::ffff:203.0.113.9', '10.0.0.1, 10.0.0.2', 0)).toBe('203.0.113.9');
  });

  it('behind one proxy, takes the right-most forwarded entry, not the spoofable left-most one', () => {
    // The client sent "1.1.1.1" itself; the proxy appended the address it saw.
    expect(clientAddress('10.0.0.5', '1.1.1.1, 198.51.100.7', 1)).toBe('198.51.100.7');
  });

  it('behind two proxies, skips exactly two hops', () => {
    expect(clientAddress('10.0.0.5', '1.1.1.1, 198.51.100.7, 10.0.0.4', 2)).toBe('198.51.100.7');
  });

  it('with more trusted hops than entries, or garbage in a hop, falls back to the nearest real address', () => {
    expect(clientAddress('10.0.0.5', '198.51.100.7', 3)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.5', 'not-an-address', 1)).toBe('10.0.0.5');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });
});

describe('addressBucket', () => {
  it('keeps IPv4 addresses whole and folds IPv6 to its /64', () => {
    expect(addressBucket('198.51.100.7')).toBe('198.51.100.7');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});

describe('admitForwarding', () => {
  it('without TRUST_PROXY, removes every forwarding header and a forged client-address header', () => {
    const headers: Record<string, string | string[] | undefined> = {
      host: 'localhost:3000',
      'x-forwarded-for': '1.2.3.4',
      'x-forwarded-proto': 'https',
      forwarded: 'for=1.2.3.4',
      [CLIENT_ADDRESS_HEADER]: '9.9.9.9',
    };
    admitForwarding(headers, '::ffff:127.0.0.2', 0);
    expect(headers).toEqual({ host: 'localhost:3000', [CLIENT_ADDRESS_HEADER]: '127.0.0.2' });
  });

  it('with a trusted proxy, keeps its headers and stamps the address it saw', () => {
    const headers: Record<string, string | string[] | undefined> = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7', 'x-forwarded-proto': 'https' };
    admitForwarding(headers, '10.0.0.5', 1);
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe('198.51.100.7');
    expect(headers['x-forwarded-proto']).toBe('https');
  });
});
