import { describe, expect, it } from 'vitest';
import { addToStoredTotal, todayKey } from './use-word-counts';

describe('today’s words', () => {
  it('are kept per manuscript and per local calendar day', () => {
    expect(todayKey('m1', new Date(2026, 0, 5, 23, 59))).toBe('scriptorium.today.m1.2026-01-05');
    expect(todayKey('m1', new Date(2026, 0, 6, 0, 1))).toBe('scriptorium.today.m1.2026-01-06');
    expect(todayKey('m2', new Date(2026, 0, 5))).not.toBe(todayKey('m1', new Date(2026, 0, 5)));
  });

  it('add to what this device stored; deletions count down; a damaged entry starts from zero', () => {
    expect(addToStoredTotal(null, 12)).toBe(12);
    expect(addToStoredTotal('100', 12)).toBe(112);
    expect(addToStoredTotal('100', -30)).toBe(70);
    expect(addToStoredTotal('garbage', 5)).toBe(5);
  });
});
