import { describe, expect, it } from 'vitest';
import { sameWords, TextMatch, tokenize } from './match';

describe('matching the file’s text to the manuscript’s, word by word', () => {
  it('cuts words and punctuation apart, whatever the spacing', () => {
    expect(tokenize('water.She  didn’t—go').map((token) => token.key)).toEqual(['water', '.', 'she', "didn't", '-', 'go']);
  });

  it('finds points and passages after the writer changed other words', () => {
    const before = 'The storm broke over the harbour at dusk.';
    const after = 'The great storm broke over the old harbour at dusk, again.';
    const match = new TextMatch(before, after);
    const at = before.indexOf('broke');
    expect(after.slice(match.point(at)!)).toMatch(/^broke/);
    const harbour = before.indexOf('harbour');
    // "the harbour" is now "the old harbour": the passage keeps both kept words.
    const passage = match.passage(before.indexOf('the harbour'), harbour + 'harbour'.length)!;
    expect(after.slice(passage.from, passage.to)).toBe('the old harbour');
    // An exact range only when the very words are still there.
    expect(match.exact(before.indexOf('the harbour'), harbour + 'harbour'.length)).toBeNull();
    const storm = match.exact(before.indexOf('storm'), before.indexOf('storm') + 'storm '.length)!;
    expect(after.slice(storm.from, storm.to)).toBe('storm ');
  });

  it('finds no place for a point whose words were rewritten', () => {
    const match = new TextMatch('She watched the boats come in.', 'She saw ships arrive.');
    expect(match.point('She watched the '.length)).toBeNull();
    expect(match.passage('She watched '.length, 'She watched the boats'.length)).toBeNull();
  });

  it('compares words, not spaces or quote styles', () => {
    expect(sameWords('it’s  quiet ', "it's quiet")).toBe(true);
    expect(sameWords('quiet', 'quite')).toBe(false);
  });
});
