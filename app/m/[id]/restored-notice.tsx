'use client';

/** A co-author restored a draft: the text changed under this writer, so say who, which, and where the undo is. */
export function RestoredNotice({ restoredBy, draftName, onOpenHistory, onDismiss }: { restoredBy: string; draftName: string; onOpenHistory: () => void; onDismiss: () => void }) {
  return (
    <div role="status" aria-label="Draft restored" className="notice banner restored-notice">
      <p>
        {restoredBy} restored “{draftName}” — Undo is in History.
      </p>
      <button type="button" className="quiet" onClick={onOpenHistory}>
        Open History
      </button>
      <button type="button" className="quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
