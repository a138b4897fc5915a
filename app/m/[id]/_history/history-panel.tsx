'use client';

import { draftByline } from '@/lib/drafts/byline';
import { DownloadLink } from '../../../_components/download-link';
import { Drawer } from '../_panels/drawer';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';

interface DraftRow {
  id: string;
  kind: 'draft' | 'checkpoint';
  name: string;
  createdAt: string;
  createdByName: string | null;
  changedBy: string;
  wordCount: number;
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const numberFormat = new Intl.NumberFormat('en');
/** How long the list may take before the panel says it could not load it. */
const LOAD_TIMEOUT_MS = 15_000;

interface HistoryPanelProps {
  manuscriptId: string;
  canSave: boolean;
  onRestore: (draftId: string, name: string) => void;
  onClose: () => void;
  /** Bumped when a restore finishes, so the list shows the new checkpoint. */
  refreshKey: number;
}

/** Named drafts and automatic checkpoints: save, open, compare, export, restore. */
export function HistoryPanel({ manuscriptId, canSave, onRestore, onClose, refreshKey }: HistoryPanelProps) {
  const [rows, setRows] = useState<DraftRow[] | 'offline' | 'failed' | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(async () => {
    // Drafts live on the server: offline, say so at once rather than wait on a request that cannot end well.
    if (!navigator.onLine) return setRows('offline');
    try {
      const response = await fetch(`/api/manuscripts/${manuscriptId}/drafts`, { signal: AbortSignal.timeout(LOAD_TIMEOUT_MS) });
      setRows(response.ok ? ((await response.json()) as DraftRow[]) : 'failed');
    } catch {
      setRows(navigator.onLine ? 'failed' : 'offline');
    }
  }, [manuscriptId]);
  useEffect(() => {
    void load();
    // Back online: the list loads by itself.
    const reload = () => void load();
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [load, refreshKey]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!navigator.onLine) return setMessage('Saving a draft needs a connection. Your writing is kept on this device meanwhile.');
    const response = await fetch(`/api/manuscripts/${manuscriptId}/drafts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    }).catch(() => null);
    if (!response) {
      setMessage('The draft could not be saved: no connection. Try again in a moment.');
    } else if (response.ok) {
      setMessage(`Saved “${name.trim()}”.`);
      setName('');
      await load();
    } else {
      setMessage(((await response.json()) as { error?: { message?: string } }).error?.message ?? 'Could not save the draft.');
    }
  };

  return (
    <Drawer label="History" title="Drafts and history" className="history-panel" onClose={onClose}>
      {canSave ? (
        <form className="inline-form" onSubmit={save} aria-label="Save as draft">
          <input value={name} onChange={(event) => setName(event.target.value)} placeholder="Draft 2 — sent to beta readers" aria-label="Draft name" required maxLength={120} />
          <button type="submit">Save as draft</button>
        </form>
      ) : null}
      {message ? <p className="form-message ok" aria-live="polite">{message}</p> : null}
      {rows === null ? (
        <p className="muted small">Loading…</p>
      ) : rows === 'offline' ? (
        <p className="muted small" role="status">
          History needs a connection. You are offline; your writing is kept on this device, and the drafts appear here when you are back online.
        </p>
      ) : rows === 'failed' ? (
        <p className="muted small" role="status">
          History could not be loaded just now.{' '}
          <button type="button" className="link-button" onClick={() => void load()}>
            Try again
          </button>
        </p>
      ) : rows.length === 0 ? (
        <p className="muted small">No drafts yet. Checkpoints appear here on their own while you write.</p>
      ) : (
        <ul className="draft-list" aria-label="Drafts">
          {rows.map((row) => (
            <li key={row.id} className={`draft draft-${row.kind}`}>
              <div>
                <strong>{row.name}</strong>
                <p className="muted small">
                  {dateFormat.format(new Date(row.createdAt))}
                  {draftByline(row) ? ` · ${draftByline(row)}` : ''} · {numberFormat.format(row.wordCount)} words
                </p>
              </div>
              <div className="draft-actions">
                <Link href={`/m/${manuscriptId}/drafts/${row.id}`}>Open</Link>
                <Link href={`/m/${manuscriptId}/drafts/${row.id}/compare`}>Compare</Link>
                <DownloadLink href={`/api/manuscripts/${manuscriptId}/export?format=docx&draft=${row.id}`}>DOCX</DownloadLink>
                {canSave ? (
                  <button type="button" className="link-button" onClick={() => onRestore(row.id, row.name)}>
                    Restore
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Drawer>
  );
}
