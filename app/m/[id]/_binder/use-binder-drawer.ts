'use client';

import { useEffect, useRef, useState } from 'react';

/** On phones and tablets the binder is a drawer opened from the top bar; closing it gives focus back to its button. */
export function useBinderDrawer() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) document.querySelector<HTMLElement>('#binder-drawer [role="treeitem"][tabindex="0"], #binder-drawer button')?.focus();
  }, [open]);
  return {
    open,
    button,
    toggle: () => setOpen((isOpen) => !isOpen),
    /** Closed by the writer: focus returns to the Binder button. */
    close: () => {
      setOpen(false);
      button.current?.focus();
    },
    /** Closed because a scene opened: focus stays where the writer is going. */
    dismiss: () => setOpen(false),
  };
}
