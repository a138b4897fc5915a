/** Headers every response carries, pages, API and static files alike. */
export const BASELINE_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** API answers are data, never a page: nothing in them may load or run, nor be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Two years, without subdomains: a self-hosted instance must not pin its parent domain's other hosts. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000';

/** A Host header we would copy into a policy: a name or address and a port, nothing that could end a directive. */
const SAFE_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])$/i;

/**
 * Where the browser may open the collab WebSocket: the configured public URL's origin, or, as the
 * page does by default, the page's own host name on COLLAB_PORT over ws and wss.
 */
export function collabConnectSources(options: { publicUrl?: string; port: number; pageHostname: string }): string[] {
  if (options.publicUrl) {
    const url = new URL(options.publicUrl);
    return [`${url.protocol}//${url.host}`];
  }
  if (!SAFE_HOST.test(options.pageHostname)) return [];
  return [`ws://${options.pageHostname}:${options.port}`, `wss://${options.pageHostname}:${options.port}`];
}

/**
 * The page policy: scripts only with this response's nonce (and what they load, 'strict-dynamic'),
 * everything else from our own origin. Styles allow inline attributes because the editor's carets
 * and ProseMirror set style attributes; scripts, the real XSS risk, never run inline without the nonce.
 */
export function pageContentSecurityPolicy(options: { nonce: string; connectSources: string[]; https: boolean; development: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self' ${options.connectSources.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}
