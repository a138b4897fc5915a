'use client';

import { useEffect, useState } from 'react';
import type { RestoreResult } from '@/lib/collab/protocol';
import type { CollabSession } from '../_session/use-collab-session';
import { confirmRestoreText, OFFLINE_RESTORE_MESSAGE, restoreShownAs, type RestoredByOther } from './restore-outcome';

export interface DraftRestore {
  /** Asks, then restores the draft for everyone. */
  restore: (draftId: string, name: string) => void;
  /** Bumped on each restore's outcome, so History lists the new checkpoint. */
  restores: number;
  /** A co-author's restore, shown as its own banner until dismissed. */
  restoredByOther: RestoredByOther | null;
  dismissRestoredByOther: () => void;
}

/** Restoring a named draft into the live manuscript, and telling each writer how it went. */
export function useDraftRestore(session: CollabSession | null, restoreResult: RestoreResult | null, onNotice: (message: string) => void): DraftRestore {
  const [restores, setRestores] = useState(0);
  const [restoredByOther, setRestoredByOther] = useState<RestoredByOther | null>(null);
  useEffect(() => {
    if (!restoreResult) return;
    const shown = restoreShownAs(restoreResult);
    if (shown.kind === 'banner') setRestoredByOther(shown.restored);
    else onNotice(shown.message);
    setRestores((n) => n + 1);
    // onNotice is a state setter's wrapper; the effect answers each new result once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restoreResult]);
  const restore = (draftId: string, name: string) => {
    if (!window.confirm(confirmRestoreText(name))) return;
    if (!session?.restoreDraft(draftId)) onNotice(OFFLINE_RESTORE_MESSAGE);
  };
  return { restore, restores, restoredByOther, dismissRestoredByOther: () => setRestoredByOther(null) };
}
