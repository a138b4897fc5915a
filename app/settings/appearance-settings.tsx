'use client';

import { useEffect, useState } from 'react';
import type { Appearance } from '@/lib/appearance/appearance';
import { AppearanceFields } from '../_components/appearance-fields';
import { hasDeviceAppearance, setAccountAppearance, setDeviceAppearance } from '../_components/use-appearance';

/** The writing room for every device this writer signs in on; a device may still choose its own. */
export function AppearanceSettingsForm({ initial }: { initial: Appearance }) {
  const [value, setValue] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [deviceOwn, setDeviceOwn] = useState(false);
  useEffect(() => setDeviceOwn(hasDeviceAppearance()), []);
  const save = async () => {
    const response = await fetch('/api/me/appearance', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
    if (!response.ok) return setMessage('Could not save; try again.');
    setAccountAppearance((await response.json()) as Appearance);
    const own = hasDeviceAppearance();
    setDeviceOwn(own);
    setMessage(own ? 'Saved for all your devices. This device keeps its own choices until you reset it below.' : 'Saved for all your devices.');
  };
  return (
    <form
      className="stack-form appearance-settings"
      aria-label="Appearance"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <AppearanceFields value={value} onChange={(change) => setValue((current) => ({ ...current, ...change }))} idPrefix="account" />
      <button type="submit">Save appearance</button>
      {message ? (
        <p className="form-message ok" aria-live="polite">
          {message}
        </p>
      ) : null}
      {deviceOwn ? (
        <button
          type="button"
          className="quiet"
          onClick={() => {
            setDeviceAppearance(null);
            setDeviceOwn(false);
            setMessage('This device now follows your account.');
          }}
        >
          Use these on this device too
        </button>
      ) : null}
    </form>
  );
}
