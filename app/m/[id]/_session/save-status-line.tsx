'use client';

import { useSyncExternalStore } from 'react';
import type { SaveStatus } from '@/lib/collab/save-tracker';
import { saveStatusText, shownSaveStatus } from './save-status';

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** "Saved", "Saving…", "Offline…" in the top bar, from the server's acknowledgements and the browser's network state. */
export function SaveStatusLine({ status, writable }: { status: SaveStatus; writable: boolean }) {
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const shown = shownSaveStatus(status, online);
  return (
    <p className={`save-status save-status--${shown}`} role="status" aria-label="Save status" data-status={shown}>
      {saveStatusText(shown, writable)}
    </p>
  );
}
