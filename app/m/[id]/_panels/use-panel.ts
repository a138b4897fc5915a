'use client';

import { useState } from 'react';

/** The side panels of the workspace; one is open at a time (Find is separate: it gives way to them). */
export type PanelName = 'share' | 'export' | 'import' | 'history' | 'comments' | 'room';

export function usePanel() {
  const [panel, setPanel] = useState<PanelName | null>(null);
  const togglePanel = (which: PanelName) => setPanel((open) => (open === which ? null : which));
  return { panel, setPanel, togglePanel, closePanel: () => setPanel(null) };
}
