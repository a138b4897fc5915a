import { describe, expect, it } from 'vitest';
import { groupOthersBy } from './awareness-peers';

const named = (user: { name?: unknown }) => (typeof user.name === 'string' ? { name: user.name } : null);

describe('groupOthersBy', () => {
  it('groups everyone but this client by the field, each person once', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { name: 'Me' }, sceneId: 's1' }],
      [2, { user: { name: 'Ada' }, sceneId: 's1' }],
      [3, { user: { name: 'Ada' }, sceneId: 's1' }],
      [4, { user: { name: 'Ben' }, sceneId: 's2' }],
    ]);
    expect(groupOthersBy(states, 1, 'sceneId', named)).toEqual(new Map([['s1', [{ name: 'Ada' }]], ['s2', [{ name: 'Ben' }]]]));
  });

  it('skips clients without the field, with a malformed value, or without a well-formed user', () => {
    const states = new Map<number, Record<string, unknown>>([
      [2, { user: { name: 'Ada' } }],
      [3, { user: { name: 'Ben' }, sceneId: 42 }],
      [4, { user: { name: 7 }, sceneId: 's1' }],
      [5, { sceneId: 's1' }],
    ]);
    expect(groupOthersBy(states, 1, 'sceneId', named).size).toBe(0);
  });
});
