'use client';

import type { ReactNode } from 'react';

/** A side panel over the manuscript: its title, a Close button, and whatever it holds. */
export function Drawer({ label, title, className, onClose, children }: { label: string; title: string; className?: string; onClose: () => void; children: ReactNode }) {
  return (
    <aside className={`share-panel card${className ? ` ${className}` : ''}`} aria-label={label}>
      <div className="panel-head">
        <h2>{title}</h2>
        <button type="button" className="quiet" onClick={onClose} aria-label={`Close ${label.toLowerCase()}`}>
          Close
        </button>
      </div>
      {children}
    </aside>
  );
}
