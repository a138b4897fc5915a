'use client';

import { useEffect, useState } from 'react';
import { setDeviceAppearance, useAppearance } from '../../../_components/use-appearance';

/** Focus mode's shortcut: it turns the mode on and off, and brings the quietened controls back. */
export const FOCUS_MODE_KEYS = 'Control+Alt+Z';
const isFocusModeKey = (event: KeyboardEvent) => (event.ctrlKey || event.metaKey) && event.altKey && event.key.toLowerCase() === 'z';

/**
 * In focus mode, typing in the text quietens the binder, margin and toolbar; moving the pointer or
 * leaving the text brings them back. Returns whether they are quiet now.
 */
export function useFocusMode(): { focus: boolean; quiet: boolean } {
  const { focus } = useAppearance();
  const [quiet, setQuiet] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isFocusModeKey(event)) {
        event.preventDefault();
        setDeviceAppearance({ focus: !focus });
        setQuiet(!focus);
        return;
      }
      const inText = (event.target as Element | null)?.closest?.('.manuscript-text');
      if (focus && inText && !event.ctrlKey && !event.metaKey && !event.altKey) setQuiet(true);
    };
    const onPointer = (event: PointerEvent) => (event.movementX !== 0 || event.movementY !== 0) && setQuiet(false);
    const onFocus = (event: FocusEvent) => !(event.target as Element | null)?.closest?.('.manuscript-text') && setQuiet(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointermove', onPointer);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointermove', onPointer);
      document.removeEventListener('focusin', onFocus);
    };
  }, [focus]);
  return { focus, quiet: focus && quiet };
}
