'use client';

import type { ReactNode } from 'react';
import { COVERS_THE_PAGE, keepFocusInside } from '../_panels/drawer';

/**
 * The sidebar: binder and progress beside the text on a wide screen; on phones and tablets a drawer
 * opened from the top bar, which holds focus while it covers the page and closes on Escape.
 */
export function BinderDrawer({ open, onClose, children }: { open: boolean; onClose: () => void; children: ReactNode }) {
  return (
    <aside
      id="binder-drawer"
      className="sidebar"
      aria-label="Binder and progress"
      data-open={open}
      onKeyDown={(event) => {
        if (open && event.key === 'Escape' && !event.defaultPrevented) onClose();
        else if (open && event.key === 'Tab' && window.matchMedia(COVERS_THE_PAGE).matches) keepFocusInside(event);
      }}
    >
      <div className="panel-head narrow-only">
        <h2 className="drawer-title">Binder</h2>
        <button type="button" className="quiet" onClick={onClose}>
          Close binder
        </button>
      </div>
      {children}
    </aside>
  );
}
