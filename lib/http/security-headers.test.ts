import { describe, expect, it } from 'vitest';
import { collabConnectSources, pageContentSecurityPolicy } from './security-headers';

describe('collabConnectSources', () => {
  it('allows the configured public collab URL’s origin only', () => {
    expect(collabConnectSources({ publicUrl: 'wss://collab.example.org/socket', port: 1234, pageHostname: 'write.example.org' })).toEqual(['wss://collab.example.org']);
  });

  it('by default allows the page’s host on COLLAB_PORT, as the browser connects', () => {
    expect(collabConnectSources({ port: 1234, pageHostname: 'localhost' })).toEqual(['ws://localhost:1234', 'wss://localhost:1234']);
  });

  it('never copies a Host header that could end the directive into the policy', () => {
    expect(collabConnectSources({ port: 1234, pageHostname: "evil; script-src 'unsafe-inline'" })).toEqual([]);
  });
});

describe('pageContentSecurityPolicy', () => {
  const base = { nonce: 'abc123', connectSources: ['ws://localhost:1234'], development: false };

  it('runs scripts only with the nonce, forbids framing, and upgrades requests only over HTTPS', () => {
    const plain = pageContentSecurityPolicy({ ...base, https: false });
    expect(plain).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(plain).not.toMatch(/script-src[^;]*unsafe/);
    expect(plain).toContain("frame-ancestors 'none'");
    expect(plain).toContain("connect-src 'self' ws://localhost:1234");
    expect(plain).not.toContain('upgrade-insecure-requests');
    expect(pageContentSecurityPolicy({ ...base, https: true })).toContain('upgrade-insecure-requests');
  });
});
