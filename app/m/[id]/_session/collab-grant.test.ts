import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@/lib/collab/protocol';
import { ACCESS_ENDED_MESSAGE } from './close-outcome';
import { collabUrl, grantOf, stepAfterGrant, TOKEN_REFRESH_MS, TOKEN_RETRY_MS } from './collab-grant';

describe('grantOf', () => {
  it('signed out (401) or no access (404) is final', () => {
    expect(grantOf(401, null)).toEqual({ kind: 'denied' });
    expect(grantOf(404, { token: 't' })).toEqual({ kind: 'denied' });
  });

  it('a server error or a body without a token is worth retrying', () => {
    expect(grantOf(500, null)).toEqual({ kind: 'unreachable' });
    expect(grantOf(503, { token: 't' })).toEqual({ kind: 'unreachable' });
    expect(grantOf(200, {})).toEqual({ kind: 'unreachable' });
    expect(grantOf(200, null)).toEqual({ kind: 'unreachable' });
  });

  it('a token is a grant', () => {
    expect(grantOf(200, { token: 'abc' })).toEqual({ kind: 'ok', token: 'abc' });
  });
});

describe('stepAfterGrant', () => {
  it('a denied grant ends access with the writer told why', () => {
    expect(stepAfterGrant({ kind: 'denied' }, true)).toEqual({ kind: 'lose-access', message: ACCESS_ENDED_MESSAGE });
  });

  it('an unreachable web app is asked again shortly', () => {
    expect(stepAfterGrant({ kind: 'unreachable' }, true)).toEqual({ kind: 'retry', afterMs: TOKEN_RETRY_MS });
  });

  it('a token connects with the protocol version, at once only when the browser is online', () => {
    const params = { token: 'abc', v: String(PROTOCOL_VERSION) };
    expect(stepAfterGrant({ kind: 'ok', token: 'abc' }, true)).toEqual({ kind: 'connect', params, now: true });
    expect(stepAfterGrant({ kind: 'ok', token: 'abc' }, false)).toEqual({ kind: 'connect', params, now: false });
  });

  it('the token is refreshed well within its ten-minute life', () => {
    expect(TOKEN_REFRESH_MS).toBeLessThan(10 * 60 * 1000 / 2);
  });
});

describe('collabUrl', () => {
  it('a full URL is used as it is', () => {
    expect(collabUrl({ url: 'wss://collab.example.com' }, { protocol: 'http:', hostname: 'x' })).toBe('wss://collab.example.com');
  });

  it('a port is on the page host, secure under https', () => {
    expect(collabUrl({ port: 1234 }, { protocol: 'http:', hostname: 'localhost' })).toBe('ws://localhost:1234');
    expect(collabUrl({ port: 1234 }, { protocol: 'https:', hostname: 'example.com' })).toBe('wss://example.com:1234');
  });
});
