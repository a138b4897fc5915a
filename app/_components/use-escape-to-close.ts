'use client';

import { useEffect, useRef, type RefObject } from 'react';

/** Fields that give Escape a meaning of their own (cancel a reply, leave the editor). */
const OWNS_ESCAPE = 'textarea, [contenteditable="true"]';

/**
 * Escape closes a panel (while `open`, for one that stays mounted) while the writer is in it (or on what opened it, or nowhere), and closing
 * it, by any means, gives focus back to what opened it, unless the writer has moved focus elsewhere.
 */
export function useEscapeToClose(panel: RefObject<HTMLElement | null>, onClose: () => void, open = true): void {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    if (!open) return;
    const focused = document.activeElement;
    const opener = focused instanceof HTMLElement && focused !== document.body ? focused : null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      const inPanel = target !== null && panel.current?.contains(target) === true;
      const nowhere = target === null || target === document.body || target === document.documentElement || target === opener;
      if (!(inPanel || nowhere) || target?.closest(OWNS_ESCAPE)) return;
      event.preventDefault();
      close.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      // Focus that went with the panel (its Close button, a field) would otherwise fall to the page itself.
      const active = document.activeElement;
      if ((active === null || active === document.body) && opener?.isConnected) opener.focus();
    };
  }, [panel, open]);
}
