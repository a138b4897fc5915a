'use client';

import { useState } from 'react';
import { describePlaced, type ReviewSummary } from '@/lib/import/review/summary';
import { Drawer } from './drawer';
import { FormError } from '../../../_components/form-error';

type Outcome = { kind: 'done'; message: string; summary: ReviewSummary } | { kind: 'error'; message: string };

/**
 * "Import editor's changes": a DOCX an editor marked up in Word or LibreOffice comes back onto this
 * manuscript. Their comments appear as threads on the same words and their tracked changes as
 * suggestions, for everyone in the manuscript at once; what could not be placed is listed here.
 */
export function ImportChangesPanel({ manuscriptId, onClose }: { manuscriptId: string; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return;
    if (!navigator.onLine) return setOutcome({ kind: 'error', message: 'Importing needs a connection. Try again when you are back online.' });
    setBusy(true);
    setOutcome(null);
    const form = new FormData();
    form.set('file', file);
    const response = await fetch(`/api/manuscripts/${manuscriptId}/import-changes`, { method: 'POST', body: form }).catch(() => null);
    setBusy(false);
    if (!response) return setOutcome({ kind: 'error', message: 'The file could not be sent: no connection. Nothing was changed.' });
    const body = (await response.json().catch(() => null)) as { message?: string; summary?: ReviewSummary; error?: { message?: string } } | null;
    if (response.ok && body?.summary && body.message) setOutcome({ kind: 'done', message: body.message, summary: body.summary });
    else setOutcome({ kind: 'error', message: body?.error?.message ?? 'The file could not be imported. Nothing was changed.' });
  };

  return (
    <Drawer label="Import editor’s changes" title="Import editor’s changes" className="import-changes-panel" onClose={onClose}>
      <p className="muted small">
        Bring back a copy an editor marked up in Word or LibreOffice. Their comments become threads on the same words, their tracked changes become
        suggestions you accept or reject. Writing done since you sent the file is kept.
      </p>
      <form onSubmit={submit} aria-label="Import editor’s changes" className="import-changes-form">
        <label htmlFor="import-changes-file">Marked-up file (.docx)</label>
        <input
          id="import-changes-file"
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setOutcome(null);
          }}
        />
        <button type="submit" disabled={!file || busy}>
          {busy ? 'Importing…' : 'Import changes'}
        </button>
      </form>
      <FormError message={outcome?.kind === 'error' ? outcome.message : null} />
      {outcome?.kind === 'done' ? (
        <div role="status" className="import-changes-summary">
          <p className="form-message ok">{describePlaced(outcome.summary)}.</p>
          {outcome.summary.unplaced.length > 0 ? (
            <>
              <p>
                {outcome.summary.unplaced.length === 1 ? 'One item' : `${outcome.summary.unplaced.length} items`} could not be placed, so {outcome.summary.unplaced.length === 1 ? 'it is' : 'they are'}{' '}
                listed here instead:
              </p>
              <ul className="import-changes-unplaced">
                {outcome.summary.unplaced.map((item, index) => (
                  <li key={index}>
                    <strong>{item.what}</strong> <span className="muted small">({item.author}) — {item.reason}.</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}
