/**
 * A chapter's title has one source of truth: the binder. Text typed as a heading at the top of a
 * chapter's first scene that says the same thing is a leftover, so readers and exports skip it.
 */

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
/** Roman numerals up to 39, as chapter numbers go. */
const ROMAN = /^(?=[ivx]+$)x{0,3}(ix|iv|v?i{0,3})$/;

function romanValue(text: string): number | null {
  if (!ROMAN.test(text)) return null;
  const values: Record<string, number> = { i: 1, v: 5, x: 10 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = values[text[i]!]!;
    const next = values[text[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** "Chapter One:", "CHAPTER 1" and "Chapter I" read the same; so do curly and straight quotes. */
export function comparableTitle(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean)
    .map((word, index, words) => {
      const number = NUMBER_WORDS.indexOf(word);
      if (number >= 0) return String(number);
      // Only after "chapter": "I" alone is a word, not a numeral.
      const roman = index > 0 && words[index - 1] === 'chapter' ? romanValue(word) : null;
      return roman !== null ? String(roman) : word;
    })
    .join(' ');
}

/** True when a heading's text only repeats the chapter's title from the binder. */
export function repeatsChapterTitle(headingText: string, chapterTitle: string): boolean {
  const heading = comparableTitle(headingText);
  return heading !== '' && heading === comparableTitle(chapterTitle);
}

/**
 * The blocks of a chapter's first scene without a leading heading that repeats the chapter title
 * (an empty paragraph before it, an editing leftover, does not hide it). Other blocks stay as they are.
 */
export function withoutRepeatedChapterTitle<B extends { type: string }>(blocks: B[], chapterTitle: string, textOf: (block: B) => string): B[] {
  let index = 0;
  while (index < blocks.length && blocks[index]!.type === 'paragraph' && textOf(blocks[index]!).trim() === '') index++;
  const first = blocks[index];
  if (!first || first.type !== 'heading' || !repeatsChapterTitle(textOf(first), chapterTitle)) return blocks;
  return blocks.slice(index + 1);
}
