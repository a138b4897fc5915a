'use client';

import Link from 'next/link';
import type { RefObject } from 'react';
import type { PanelName } from '../_panels/use-panel';

interface WorkspaceActionsProps {
  manuscriptId: string;
  writable: boolean;
  /** The binder drawer's button (phones and tablets); focus comes back to it when the drawer closes. */
  binderButton: RefObject<HTMLButtonElement | null>;
  binderOpen: boolean;
  onToggleBinder: () => void;
  reading: boolean;
  onToggleReading: () => void;
  findOpen: boolean;
  onFind: () => void;
  panel: PanelName | null;
  onTogglePanel: (panel: PanelName) => void;
  /** Open comment threads, counted on the Comments button. */
  openThreads: number;
}

/** The top bar's buttons: binder, read-through, settings, Find, and one per side panel. */
export function WorkspaceActions({ manuscriptId, writable, binderButton, binderOpen, onToggleBinder, reading, onToggleReading, findOpen, onFind, panel, onTogglePanel, openThreads }: WorkspaceActionsProps) {
  const panelButton = (which: PanelName, label: string) => (
    <button type="button" className="quiet" aria-expanded={panel === which} onClick={() => onTogglePanel(which)}>
      {label}
    </button>
  );
  return (
    <>
      <button ref={binderButton} type="button" className="quiet narrow-only" aria-expanded={binderOpen} aria-controls="binder-drawer" onClick={onToggleBinder}>
        Binder
      </button>
      <button type="button" className="quiet" aria-pressed={reading} onClick={onToggleReading}>
        Read-through
      </button>
      <Link href={`/m/${manuscriptId}/settings`} className="quiet-link">
        Manuscript settings
      </Link>
      <button type="button" className="quiet" aria-expanded={findOpen} title="Find (Ctrl+F) · Find and replace (Ctrl+H)" onClick={onFind}>
        Find
      </button>
      {panelButton('comments', openThreads > 0 ? `Comments (${openThreads})` : 'Comments')}
      {panelButton('history', 'History')}
      {panelButton('export', 'Export')}
      {writable ? panelButton('import', 'Import changes') : null}
      {panelButton('share', 'Share')}
      {panelButton('room', 'Writing room')}
    </>
  );
}
