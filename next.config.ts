import type { NextConfig } from 'next';
import { API_CONTENT_SECURITY_POLICY, BASELINE_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Loaded by Node at run time, never bundled: a native binding, yjs (one copy per process), pdfkit (reads its own data files),
  // nodemailer (Node's net and tls), ws (optional native add-ons; a server-side job joins a live room with it).
  serverExternalPackages: ['better-sqlite3', 'yjs', 'pdfkit', 'nodemailer', 'ws'],
  poweredByHeader: false,
  async headers() {
    const baseline = Object.entries(BASELINE_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    return [
      { source: '/:path*', headers: baseline },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
      // Pages get HSTS from proxy.ts; API answers over HTTPS (only a trusted proxy can say so) get it here.
      {
        source: '/api/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: STRICT_TRANSPORT_SECURITY }],
      },
    ];
  },
};

export default nextConfig;
