'use client';

import { useState, type ReactNode } from 'react';

/** The file name from `Content-Disposition: attachment; filename="…"`. */
function fileNameOf(response: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

async function messageOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  return typeof body?.error?.message === 'string' ? body.error.message : 'The download failed. Try again in a moment.';
}

/**
 * A download that explains a refusal: the file is fetched first, so a 409 (an unreadable
 * manuscript) shows its message here instead of saving an error page as the file.
 */
export function DownloadLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(href, { credentials: 'same-origin' });
      if (!response.ok) {
        setError(await messageOf(response));
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileNameOf(response, 'manuscript');
      anchor.click();
      // Revoked after the click has handed the blob to the browser's download.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError('The download failed: the connection dropped. Try again in a moment.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <a className={className} href={href} download onClick={download} aria-busy={busy}>
        {children}
      </a>
      {error ? (
        <p role="alert" className="form-message error">
          {error}
        </p>
      ) : null}
    </>
  );
}
