import { describe, expect, it } from 'vitest';
import { saveStatusText, shownSaveStatus } from './save-status';

describe('save status', () => {
  it('a browser that knows it is offline shows Offline whatever the socket last said', () => {
    expect(shownSaveStatus('saved', false)).toBe('offline');
    expect(shownSaveStatus('saving', false)).toBe('offline');
    expect(shownSaveStatus('saving', true)).toBe('saving');
  });

  it('a writer sees each state in words', () => {
    expect(saveStatusText('connecting', true)).toBe('Connecting…');
    expect(saveStatusText('saving', true)).toBe('Saving…');
    expect(saveStatusText('saved', true)).toBe('Saved');
    expect(saveStatusText('offline', true)).toBe('Offline – changes kept on this device');
  });

  it('a reader, who saves nothing, sees Live while connected and the same words otherwise', () => {
    expect(saveStatusText('saved', false)).toBe('Live');
    expect(saveStatusText('saving', false)).toBe('Live');
    expect(saveStatusText('connecting', false)).toBe('Connecting…');
    expect(saveStatusText('offline', false)).toBe('Offline – changes kept on this device');
  });
});
