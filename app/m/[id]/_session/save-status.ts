import type { SaveStatus } from '@/lib/collab/save-tracker';

const STATUS_TEXT: Record<SaveStatus, string> = {
  connecting: 'Connecting…',
  saving: 'Saving…',
  saved: 'Saved',
  offline: 'Offline – changes kept on this device',
};

/** The status a writer sees: a browser that knows it is offline says so before the socket notices. */
export const shownSaveStatus = (status: SaveStatus, online: boolean): SaveStatus => (online ? status : 'offline');

/** The words for a status; a reader saves nothing, so a live connection reads "Live" for them. */
export function saveStatusText(status: SaveStatus, writable: boolean): string {
  if (!writable && (status === 'saved' || status === 'saving')) return 'Live';
  return STATUS_TEXT[status];
}
