'use client';

import { draftByline } from '@/lib/drafts/byline';
import { DownloadLink } from '../../_components/download-link';
import { Drawer } from './drawer';
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
  const [rows, setRows] = useState<DraftRow[] | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(async () => {
    const response = await fetch(`/api/manuscripts/${manuscriptId}/drafts`);
    if (response.ok) setRows((await response.json()) as DraftRow[]);
  }, [manuscriptId]);
  useEffect(() => void load(), [load, refreshKey]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const response = await fetch(`/api/manuscripts/${manuscriptId}/drafts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    if (response.ok) {
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
