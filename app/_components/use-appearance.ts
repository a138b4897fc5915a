'use client';

import { useSyncExternalStore } from 'react';
import { appearanceAttributes, DEFAULT_APPEARANCE, DEVICE_APPEARANCE_KEY, mergeAppearance, parseAppearance, type Appearance } from '@/lib/appearance/appearance';

const listeners = new Set<() => void>();

/** The account's choices, as the server rendered them into the page. */
function accountAppearance(): Appearance {
  const content = document.querySelector('meta[name="scriptorium-appearance"]')?.getAttribute('content');
  try {
    return parseAppearance(content ? JSON.parse(content) : null);
  } catch {
    return DEFAULT_APPEARANCE;
  }
}

function deviceChoices(): Record<string, unknown> | null {
  try {
    const value = JSON.parse(localStorage.getItem(DEVICE_APPEARANCE_KEY) ?? 'null') as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

let cached: { key: string; value: Appearance } | null = null;
function snapshot(): Appearance {
  const value = mergeAppearance(accountAppearance(), deviceChoices());
  const key = JSON.stringify(value);
  if (cached?.key !== key) cached = { key, value };
  return cached.value;
}

function apply() {
  const root = document.documentElement;
  for (const [name, value] of Object.entries(appearanceAttributes(snapshot()))) root.setAttribute(name, value);
  listeners.forEach((listener) => listener());
}

/** Changes how the room looks on this device only (null forgets this device's choices). */
export function setDeviceAppearance(change: Partial<Appearance> | null) {
  if (change === null) localStorage.removeItem(DEVICE_APPEARANCE_KEY);
  else localStorage.setItem(DEVICE_APPEARANCE_KEY, JSON.stringify({ ...deviceChoices(), ...change }));
  apply();
}

/** After the account's choices were saved: the page shows them at once (this device's own still win). */
export function setAccountAppearance(appearance: Appearance) {
  document.querySelector('meta[name="scriptorium-appearance"]')?.setAttribute('content', JSON.stringify(appearance));
  apply();
}

export function hasDeviceAppearance(): boolean {
  return deviceChoices() !== null;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab of this browser changed the device's choices.
  const onStorage = (event: StorageEvent) => event.key === DEVICE_APPEARANCE_KEY && apply();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** How the room looks for this writer on this device: the account's choices, then the device's. */
export function useAppearance(): Appearance {
  return useSyncExternalStore(subscribe, snapshot, () => DEFAULT_APPEARANCE);
}
