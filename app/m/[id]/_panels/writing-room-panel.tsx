'use client';

import Link from 'next/link';
import { AppearanceFields } from '../../../_components/appearance-fields';
import { setDeviceAppearance, useAppearance } from '../../../_components/use-appearance';
import { Drawer } from './drawer';

/** The writing room on this device: theme, text font and size, typewriter scrolling, focus mode. */
export function WritingRoomPanel({ onClose }: { onClose: () => void }) {
  const appearance = useAppearance();
  return (
    <Drawer label="Writing room" title="Writing room" className="writing-room-panel" onClose={onClose}>
      <p className="muted small">
        For this device only. <Link href="/settings#appearance">Account settings</Link> set it for all your devices.
      </p>
      <div className="stack-form">
        <AppearanceFields value={appearance} onChange={setDeviceAppearance} idPrefix="device" />
        <button type="button" className="quiet" onClick={() => setDeviceAppearance(null)}>
          Follow my account settings
        </button>
      </div>
    </Drawer>
  );
}
