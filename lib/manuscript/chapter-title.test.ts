import { describe, expect, it } from 'vitest';
import { comparableTitle, repeatsChapterTitle, withoutRepeatedChapterTitle } from './chapter-title';

type B = { type: 'heading' | 'paragraph' | 'sceneBreak'; text?: string };
const text = (block: B) => block.text ?? '';

describe('a heading that repeats the chapter title', () => {
  it('is the same title however it was typed', () => {
    expect(repeatsChapterTitle('The Storm', 'The Storm')).toBe(true);
    expect(repeatsChapterTitle('  THE STORM. ', 'The storm')).toBe(true);
    expect(repeatsChapterTitle('Chapter One', 'Chapter 1')).toBe(true);
    expect(repeatsChapterTitle('CHAPTER IV', 'Chapter four')).toBe(true);
    expect(repeatsChapterTitle('The Keeper’s Log', "The Keeper's Log")).toBe(true);
  });

  it('is not a different title, a longer one, or an empty one', () => {
    expect(repeatsChapterTitle('The Storm', 'Chapter 1')).toBe(false);
    expect(repeatsChapterTitle('Chapter 1: The Storm', 'Chapter 1')).toBe(false);
    expect(repeatsChapterTitle('', '')).toBe(false);
    expect(repeatsChapterTitle('I', 'One')).toBe(false);
    expect(comparableTitle('I am here')).toBe('i am here');
  });
});

describe('the first scene of a chapter, printed', () => {
  const storm: B = { type: 'heading', text: 'The Storm' };
  const prose: B = { type: 'paragraph', text: 'Rain came.' };

  it('drops only a leading heading that repeats the title, even after an empty line', () => {
    expect(withoutRepeatedChapterTitle([storm, prose], 'The Storm', text)).toEqual([prose]);
    expect(withoutRepeatedChapterTitle([{ type: 'paragraph', text: ' ' }, storm, prose], 'The Storm', text)).toEqual([prose]);
  });

  it('keeps a different heading, a heading further down, and prose that happens to match', () => {
    expect(withoutRepeatedChapterTitle([storm, prose], 'Chapter 1', text)).toEqual([storm, prose]);
    expect(withoutRepeatedChapterTitle([prose, storm], 'The Storm', text)).toEqual([prose, storm]);
    const same: B = { type: 'paragraph', text: 'The Storm' };
    expect(withoutRepeatedChapterTitle([same, prose], 'The Storm', text)).toEqual([same, prose]);
  });
});
