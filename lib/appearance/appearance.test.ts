import { describe, expect, it } from 'vitest';
import { appearanceAttributes, DEFAULT_APPEARANCE, deviceOverrideScript, mergeAppearance, parseAppearance } from './appearance';

describe('appearance', () => {
  it('falls back to the defaults for anything missing or unknown', () => {
    expect(parseAppearance(null)).toEqual(DEFAULT_APPEARANCE);
    expect(parseAppearance({ theme: 'dark', font: 'comic', size: 7, typewriter: 'yes' })).toEqual({ ...DEFAULT_APPEARANCE, theme: 'dark' });
  });

  it('lets a device override only what it chose', () => {
    const account = { ...DEFAULT_APPEARANCE, theme: 'dark' as const, size: 'large' as const };
    expect(mergeAppearance(account, { theme: 'light' })).toEqual({ ...account, theme: 'light' });
    expect(mergeAppearance(account, null)).toEqual(account);
    expect(mergeAppearance(account, { theme: 'neon', size: 3 })).toEqual(account);
  });

  it('names the attributes the stylesheet reads', () => {
    expect(appearanceAttributes({ ...DEFAULT_APPEARANCE, theme: 'dark', typewriter: true })).toMatchObject({ 'data-theme': 'dark', 'data-typewriter': 'true', 'data-text-font': 'literata' });
  });
});

describe('deviceOverrideScript', () => {
  it('applies only known values from localStorage to <html>', () => {
    const attributes = new Map<string, string>();
    const stored = JSON.stringify({ theme: 'dark', size: 'huge', typewriter: true, onload: 'alert(1)' });
    const run = new Function('localStorage', 'document', deviceOverrideScript());
    run({ getItem: () => stored }, { documentElement: { setAttribute: (name: string, value: string) => attributes.set(name, value) } });
    expect(Object.fromEntries(attributes)).toEqual({ 'data-theme': 'dark', 'data-typewriter': 'true' });
  });

  it('does nothing when the device has no choices or unreadable ones', () => {
    const run = new Function('localStorage', 'document', deviceOverrideScript());
    expect(() => run({ getItem: () => '{nope' }, { documentElement: { setAttribute: () => { throw new Error('touched'); } } })).not.toThrow();
  });
});
