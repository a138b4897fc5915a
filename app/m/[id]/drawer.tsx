'use client';

import { useRef, type ReactNode } from 'react';
import { useEscapeToClose } from '../../_components/use-escape-to-close';

/** A side panel over the manuscript: its title, a Close button, and whatever it holds. Escape closes it. */
export function Drawer({ label, title, className, onClose, children }: { label: string; title: string; className?: string; onClose: () => void; children: ReactNode }) {
  const panel = useRef<HTMLElement>(null);
  useEscapeToClose(panel, onClose);
  return (
    <aside ref={panel} className={`share-panel card${className ? ` ${className}` : ''}`} aria-label={label}>
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
