import { diffArrays } from 'diff';

/** A word (letters and digits, with inner apostrophes) or one punctuation mark, and where it is. */
export interface Token {
  start: number;
  end: number;
  /** The token as compared: case, curly quotes and dash kinds do not matter. */
  key: string;
}

/** Zero-width spaces are the suggestion library's paragraph markers, not text: never a token. */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}\u200B]/gu;

export function normaliseToken(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[‘’ʼ]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/…/g, '.');
}

/**
 * The text's tokens. `cuts` (ascending) are places a token may not straddle: the edges of tracked
 * changes and pending suggestions, so a word half deleted and half suggested ("boat|ship") is two.
 */
export function tokenize(text: string, cuts: readonly number[] = []): Token[] {
  const tokens: Token[] = [];
  const push = (start: number, end: number) => tokens.push({ start, end, key: normaliseToken(text.slice(start, end)) });
  let next = 0;
  for (const match of text.matchAll(TOKEN)) {
    let start = match.index!;
    const end = start + match[0].length;
    while (next < cuts.length && cuts[next]! <= start) next++;
    for (let cut = next; cut < cuts.length && cuts[cut]! < end; cut++) {
      push(start, cuts[cut]!);
      start = cuts[cut]!;
    }
    push(start, end);
  }
  return tokens;
}

/** How far apart two texts may be, and how long the word diff may take, before it gives up (it then matches nothing there). */
const MAX_EDIT_LENGTH = 20_000;
const MAX_DIFF_MS = 3_000;

/**
 * The words two texts share, in order (a word diff): for each token of `from`, the index of the same
 * token in `to`, or -1 where the text was changed.
 */
export function matchTokens(from: Token[], to: Token[]): Int32Array {
  const matched = new Int32Array(from.length).fill(-1);
  const result = diffArrays(
    from.map((token) => token.key),
    to.map((token) => token.key),
    { maxEditLength: MAX_EDIT_LENGTH, timeout: MAX_DIFF_MS },
  );
  if (!result) return matched;
  let i = 0;
  let j = 0;
  for (const part of result) {
    const count = part.count ?? part.value.length;
    if (part.added) j += count;
    else if (part.removed) i += count;
    else {
      for (let k = 0; k < count; k++) matched[i + k] = j + k;
      i += count;
      j += count;
    }
  }
  return matched;
}

/** One text laid on another through their shared words: points and ranges of the first, found in the second. */
export class TextMatch {
  private readonly fromTokens: Token[];
  private readonly toTokens: Token[];
  private readonly matched: Int32Array;

  constructor(
    readonly from: string,
    readonly to: string,
    cuts: { from?: readonly number[]; to?: readonly number[] } = {},
  ) {
    this.fromTokens = tokenize(from, cuts.from);
    this.toTokens = tokenize(to, cuts.to);
    this.matched = matchTokens(this.fromTokens, this.toTokens);
  }

  /** How many of the first text's words were found. */
  get matchedCount(): number {
    return this.matched.reduce((sum, j) => sum + (j >= 0 ? 1 : 0), 0);
  }

  /** Index of the first token that ends after `at` (the token holding `at`, or the next one). */
  private tokenAfter(at: number): number {
    let low = 0;
    let high = this.fromTokens.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.fromTokens[middle]!.end <= at) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * Where a point between characters of the first text is in the second: exact inside a word that
   * was kept; between two words, only when a kept word touches it (both sides kept: the same gap).
   * Null when the words around it were changed.
   */
  point(at: number): number | null {
    const i = this.tokenAfter(at);
    const next = this.fromTokens[i];
    if (next && at > next.start) {
      // Inside a word: the same offset in its match (clamped: "…" may be three dots there).
      const j = this.matched[i]!;
      if (j < 0) return null;
      const target = this.toTokens[j]!;
      return Math.min(target.start + (at - next.start), target.end);
    }
    const previous = this.fromTokens[i - 1];
    const jNext = next ? this.matched[i]! : -1;
    const jPrevious = previous ? this.matched[i - 1]! : -1;
    if (jNext >= 0 && jPrevious >= 0 && jNext === jPrevious + 1) {
      // The same gap: as far into it as the point was, at most its width.
      const gapStart = this.toTokens[jPrevious]!.end;
      return Math.min(gapStart + (at - previous!.end), this.toTokens[jNext]!.start);
    }
    if (jNext >= 0 && at === next!.start) return this.toTokens[jNext]!.start;
    if (jPrevious >= 0 && at === previous!.end) return this.toTokens[jPrevious]!.end;
    if (jNext >= 0 && !previous) return this.toTokens[jNext]!.start;
    if (jPrevious >= 0 && !next) return this.toTokens[jPrevious]!.end;
    return null;
  }

  /**
   * A passage of the first text in the second, as tightly as its kept words allow: its ends if they
   * were kept, else the first and last kept word inside it. Null when none of its words was kept.
   */
  passage(from: number, to: number): { from: number; to: number } | null {
    // A lone comma or full stop found again is no evidence: some word of the passage must be kept.
    const words = this.tokensWithin(from, to).filter((i) => /[\p{L}\p{N}]/u.test(this.fromTokens[i]!.key));
    if (words.length > 0 && !words.some((i) => this.matched[i]! >= 0)) return null;
    let start = this.point(from);
    let end = this.point(to);
    if (start === null) {
      for (let i = this.tokenAfter(from); i < this.fromTokens.length && this.fromTokens[i]!.start < to; i++) {
        const j = this.matched[i]!;
        if (j >= 0) {
          start = this.toTokens[j]!.start;
          break;
        }
      }
    }
    if (end === null) {
      let i = this.tokenAfter(to);
      // The token holding `to` is partly inside the passage; one after it is not.
      if (!(this.fromTokens[i] && this.fromTokens[i]!.start < to)) i -= 1;
      for (; i >= 0 && this.fromTokens[i]!.end > from; i--) {
        const j = this.matched[i]!;
        if (j >= 0) {
          end = this.toTokens[j]!.end;
          break;
        }
      }
    }
    if (start === null || end === null || end <= start) return null;
    return { from: start, to: end };
  }

  /** Indexes of the first text's tokens that overlap [from, to). */
  private tokensWithin(from: number, to: number): number[] {
    const found: number[] = [];
    for (let i = this.tokenAfter(from); i < this.fromTokens.length && this.fromTokens[i]!.start < to; i++) found.push(i);
    return found;
  }

  /** A range of the first text found in the second with exactly the same words (for a deletion). */
  exact(from: number, to: number): { from: number; to: number } | null {
    const start = this.point(from);
    const end = this.point(to);
    if (start === null || end === null || end <= start) return null;
    return sameWords(this.from.slice(from, to), this.to.slice(start, end)) ? { from: start, to: end } : null;
  }
}

/** The same words and punctuation, whatever the spacing and quote styles. */
export function sameWords(a: string, b: string): boolean {
  const keys = (text: string) => tokenize(text).map((token) => token.key).join('\u0000');
  return keys(a) === keys(b);
}
