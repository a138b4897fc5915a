'use client';

import { useCallback, useEffect, useState } from 'react';
import { useFindShortcuts, type FindMode } from './use-find';

export interface FindPanelState {
  /** The form open (Find, or Find and replace) and how often it was summoned, or null when closed. */
  find: { mode: FindMode; summons: number } | null;
  openFind: (mode: FindMode) => void;
  setFindMode: (mode: FindMode) => void;
  closeFind: () => void;
}

/** The form a shortcut opens: Ctrl+F over an open Find and replace keeps the replace field. */
export const nextFindMode = (requested: FindMode, open: FindMode | null): FindMode => (requested === 'replace' || open !== 'replace' ? requested : 'replace');

/**
 * Which Find form is open. Ctrl+F / Ctrl+H open it anywhere in the workspace (closing any other
 * panel); another panel opening takes its place. Find never downgrades an open Replace form.
 */
export function useFindPanel(otherPanel: string | null, closeOtherPanel: () => void): FindPanelState {
  const [find, setFind] = useState<{ mode: FindMode; summons: number } | null>(null);
  const openFind = useCallback(
    (findMode: FindMode) => {
      closeOtherPanel();
      setFind((current) => ({ mode: nextFindMode(findMode, current?.mode ?? null), summons: (current?.summons ?? 0) + 1 }));
    },
    // closeOtherPanel closes over a state setter only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  useFindShortcuts(openFind);
  useEffect(() => {
    if (otherPanel) setFind(null);
  }, [otherPanel]);
  return {
    find,
    openFind,
    setFindMode: (mode) => setFind((current) => (current ? { ...current, mode } : current)),
    closeFind: () => setFind(null),
  };
}
