import { NextResponse, type NextRequest } from 'next/server';
import { collabConnectSources, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from '@/lib/http/security-headers';
import { readEnv } from '@/lib/config/env';

/**
 * Gives every page its own CSP nonce (Next adds it to its scripts when it finds the policy on the
 * request) and HSTS over HTTPS. Never the security boundary for data: route handlers check roles.
 */
export function proxy(request: NextRequest) {
  const env = readEnv();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  // Only a trusted proxy's X-Forwarded-Proto survives the web server's front door (TRUST_PROXY).
  const https = request.headers.get('x-forwarded-proto') === 'https' || request.nextUrl.protocol === 'https:';
  const pageHostname = (request.headers.get('host') ?? '').replace(/:\d+$/, '');
  const policy = pageContentSecurityPolicy({
    nonce,
    connectSources: collabConnectSources({ publicUrl: env.COLLAB_PUBLIC_URL, port: env.COLLAB_PORT, pageHostname }),
    https,
    development: process.env.NODE_ENV === 'development',
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers carry a fixed deny-all policy (next.config.ts), and an upload must
      // never pass through here, where Next would buffer its body.
      source: '/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-action' },
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
