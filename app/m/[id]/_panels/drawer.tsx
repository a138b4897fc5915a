'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { useEscapeToClose } from '../../../_components/use-escape-to-close';

/** Where a panel covers the whole page (phones and tablets), so it holds focus like a dialog. */
export const COVERS_THE_PAGE = '(max-width: 900px)';

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
export function keepFocusInside(event: React.KeyboardEvent<HTMLElement>) {
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]')];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && (document.activeElement === first || !focusable.includes(document.activeElement as HTMLElement))) {
    event.preventDefault();
    last.focus();
  }
}

/**
 * A side panel over the manuscript: a named region with its title and a Close button. Opening it
 * moves focus to its title; Escape closes it, and focus goes back to what opened it.
 * On a phone or tablet it covers the page, so Tab stays inside it.
 */
export function Drawer({ label, title, className, onClose, children }: { label: string; title: string; className?: string; onClose: () => void; children: ReactNode }) {
  const panel = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // First, so it notes the opener before focus moves to the title.
  useEscapeToClose(panel, onClose);
  useEffect(() => heading.current?.focus(), []);
  return (
    <aside
      ref={panel}
      className={`share-panel card${className ? ` ${className}` : ''}`}
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === 'Tab' && window.matchMedia(COVERS_THE_PAGE).matches) keepFocusInside(event);
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
