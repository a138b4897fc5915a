'use client';

/** A co-author restored a draft: the text changed under this writer, so say who, which, and where the undo is. */
export function RestoredNotice({
  restoredBy,
  draftName,
  canUndo,
  onOpenHistory,
  onDismiss,
}: {
  restoredBy: string;
  draftName: string;
  /** Editors and the owner can restore the state before; others are told what happened, and whom to ask. */
  canUndo: boolean;
  onOpenHistory: () => void;
  onDismiss: () => void;
}) {
  return (
    <div role="status" aria-label="Draft restored" className="notice banner restored-notice">
      <p>
        {canUndo ? <>{restoredBy} restored “{draftName}” — Undo is in History.</> : <>{restoredBy} restored “{draftName}”. An editor can undo it from History.</>}
      </p>
      {canUndo ? (
        <button type="button" className="quiet" onClick={onOpenHistory}>
          Open History
        </button>
      ) : null}
      <button type="button" className="quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
