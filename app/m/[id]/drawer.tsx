'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A side panel over the manuscript: a named region with its title and a Close button. Opening it
 * moves focus to its title; Escape inside it closes it, and focus goes back where it came from.
 */
export function Drawer({ label, title, className, onClose, children }: { label: string; title: string; className?: string; onClose: () => void; children: ReactNode }) {
  const panel = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    const element = panel.current;
    return () => {
      // Only take focus back if it was in the panel (or lost with it), never from where the writer went.
      const active = document.activeElement;
      if ((!active || active === document.body || element?.contains(active)) && opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <aside
      ref={panel}
      className={`share-panel card${className ? ` ${className}` : ''}`}
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="quiet" onClick={onClose} aria-label={`Close ${label.toLowerCase()}`}>
          Close
        </button>
      </div>
      {children}
    </aside>
  );
}
