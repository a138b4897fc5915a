import { describe, expect, it } from 'vitest';
import { resolveMentions, splitMentions, unknownMentions } from './mentions';

const ben = { userId: 'benbenbenben', name: 'Ben Marsh' };
const bea = { userId: 'beabeabeabea', name: 'Bea' };
const members = [ben, bea];

describe('mentions', () => {
  it('resolve a typed @Full Name of a member, in any case, but not a longer name that starts with it', () => {
    expect(resolveMentions('Does this work, @Ben Marsh?', members)).toEqual([ben.userId]);
    expect(resolveMentions('@ben marsh and @Bea', members)).toEqual([ben.userId, bea.userId]);
    expect(resolveMentions('@Beatrice says hello; mail ben@Ben Marsh', members)).toEqual([]);
  });

  it('find names that are no member’s', () => {
    expect(unknownMentions('@Ben Marsh, ask @Dana Reed and @Eve', members)).toEqual(['Dana Reed', 'Eve']);
    expect(unknownMentions('write to dana@example.com', members)).toEqual([]);
  });

  it('split a body into text and chips for the members it mentions', () => {
    expect(splitMentions('Ask @Ben Marsh now', [ben])).toEqual([{ text: 'Ask ' }, { mention: ben }, { text: ' now' }]);
    expect(splitMentions('Ask @Bea', [])).toEqual([{ text: 'Ask @Bea' }]);
  });
});
