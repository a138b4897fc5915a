import { describe, expect, it } from 'vitest';
import { presenceAnnouncements } from './presence-announcements';

describe('presenceAnnouncements', () => {
  it('announces arrivals and departures by name', () => {
    expect(presenceAnnouncements(['Ada'], ['Ada', 'Ben'])).toEqual(['Ben joined']);
    expect(presenceAnnouncements(['Ada', 'Ben'], ['Ada'])).toEqual(['Ben left']);
    expect(presenceAnnouncements(['Ben'], ['Cleo'])).toEqual(['Cleo joined', 'Ben left']);
  });

  it('says nothing when the same people are still here (a caret moved, a second tab opened)', () => {
    expect(presenceAnnouncements(['Ada', 'Ben'], ['Ben', 'Ada', 'Ben'])).toEqual([]);
  });
});
