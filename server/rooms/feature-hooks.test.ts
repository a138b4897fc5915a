import { describe, expect, it } from 'vitest';
import type { Member, RoomFeature } from './feature';
import { FeatureHooks } from './feature-hooks';

const member: Member = { identity: { user: { id: 'u', name: 'Ada', color: '#aa3355' }, role: 'editor' } };

describe('FeatureHooks', () => {
  it('lists each hook’s features once, in list order, leaving out those that do not implement it', () => {
    const calls: string[] = [];
    const a: RoomFeature = { afterStore: () => calls.push('a') };
    const b: RoomFeature = { onJoin: () => calls.push('b') };
    const c: RoomFeature = { afterStore: () => calls.push('c'), onJoin: () => calls.push('c') };
    const hooks = new FeatureHooks([a, b, c]);
    expect(hooks.afterStore).toEqual([a, c]);
    expect(hooks.onJoin).toEqual([b, c]);
    expect(hooks.beforeUpdate).toEqual([]);
    expect(hooks.dispose).toEqual([]);
  });

  it('hands each message to the feature that answers its type, and ignores a type nobody answers', () => {
    const seen: string[] = [];
    const hooks = new FeatureHooks([{ messages: { 'restore-draft': (_member, message) => seen.push(message.draftId) } }]);
    hooks.dispatch(member, { type: 'restore-draft', draftId: 'draft0001' });
    hooks.dispatch(member, { type: 'comment', payload: {} });
    expect(seen).toEqual(['draft0001']);
  });

  it('refuses two features answering the same message type', () => {
    const answer = { messages: { comment: () => {} } } satisfies RoomFeature;
    expect(() => new FeatureHooks([answer, answer])).toThrow(/two room features answer "comment"/);
  });
});
