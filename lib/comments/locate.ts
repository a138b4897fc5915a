/**
 * Finding a quoted passage again in a scene's text, when its relative positions no longer lead to
 * it: exact first, then within a bounded edit distance; the occurrence nearest the old place wins.
 * Works on plain strings, so it is the same in the browser, on the server and in tests.
 */

/** Words before and after a passage, kept with the thread to tell repeated quotes apart. */
export interface QuoteContext {
  prefix: string;
  suffix: string;
}

/** How many characters of context a thread keeps on each side. */
export const CONTEXT_CHARS = 32;
/** Longest quote matched fuzzily in one piece; longer quotes are matched by their head and tail. */
const FUZZY_WHOLE_MAX = 256;
const FUZZY_PIECE = 96;

/** Whitespace runs (spaces, paragraph breaks) count as one space, so splits and joins match. */
export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
/** The letters only: the same words compare equal however a paragraph break or a space now cuts them. */
export const compact = (text: string) => text.replace(/\s+/g, '');
export const sameWords = (a: string, b: string) => compact(a) === compact(b);

/** Edits allowed for a quote of this length: a fifth of it, none for very short quotes. */
export const allowedEdits = (length: number) => (length < 5 ? 0 : Math.max(1, Math.floor(length / 5)));

export interface Found {
  /** Half-open range in the searched text. */
  start: number;
  end: number;
  edits: number;
}

/**
 * The best place for `quote` in `text` (both compacted or both normalised): the exact occurrences, else matches within
 * the allowed edits; among them the fewest edits, then the nearest to `near`, then the best context.
 */
export function locateQuote(text: string, quote: string, options: { near?: number | null; context?: QuoteContext; exactOnly?: boolean } = {}): Found | null {
  if (!quote) return null;
  const exact: Found[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) exact.push({ start: at, end: at + quote.length, edits: 0 });
  const candidates = exact.length > 0 || options.exactOnly ? exact : fuzzyMatches(text, quote).map((found) => trimEdges(text, quote, found));
  if (candidates.length === 0) return null;
  const near = options.near ?? null;
  const score = (found: Found) => contextScore(text, found, options.context);
  return candidates.reduce((best, found) => {
    if (found.edits !== best.edits) return found.edits < best.edits ? found : best;
    if (near !== null) {
      const distance = Math.abs(found.start - near) - Math.abs(best.start - near);
      if (distance !== 0) return distance < 0 ? found : best;
    }
    return score(found) > score(best) ? found : best;
  });
}

/** Drops stray characters a fuzzy match took in at its edges, as long as that costs no more edits. */
function trimEdges(text: string, quote: string, found: Found): Found {
  if (quote.length > FUZZY_WHOLE_MAX) return found;
  let { start, end, edits } = found;
  for (let again = true; again; ) {
    again = false;
    for (const [s, e] of [
      [start + 1, end],
      [start, end - 1],
    ] as const) {
      if (e - s < 1) continue;
      const cost = distance(text.slice(s, e), quote);
      if (cost <= edits) {
        [start, end, edits, again] = [s, e, cost, true];
        break;
      }
    }
  }
  return { start, end, edits };
}

/** Levenshtein distance, for short strings. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), previous[j]! + 1, current[j - 1]! + 1);
    previous = current;
  }
  return previous[b.length]!;
}

/** How many characters of the stored context agree with the text around a match. */
function contextScore(text: string, found: Found, context?: QuoteContext): number {
  if (!context) return 0;
  let score = 0;
  for (let i = 1; i <= context.prefix.length && text[found.start - i] === context.prefix[context.prefix.length - i]; i++) score++;
  for (let i = 0; i < context.suffix.length && text[found.end + i] === context.suffix[i]; i++) score++;
  return score;
}

/** Approximate matches of the whole quote, or of its head and tail for a long one. */
function fuzzyMatches(text: string, quote: string): Found[] {
  if (allowedEdits(quote.length) === 0) return [];
  if (quote.length <= FUZZY_WHOLE_MAX) return approximate(text, quote, allowedEdits(quote.length));
  const head = quote.slice(0, FUZZY_PIECE);
  const tail = quote.slice(-FUZZY_PIECE);
  const heads = approximate(text, head, allowedEdits(FUZZY_PIECE));
  const tails = approximate(text, tail, allowedEdits(FUZZY_PIECE));
  const found: Found[] = [];
  for (const h of heads) {
    for (const t of tails) {
      const span = t.end - h.start;
      // The passage between head and tail may have changed, but not its size by more than a fifth.
      if (t.start >= h.end && Math.abs(span - quote.length) <= quote.length / 5) found.push({ start: h.start, end: t.end, edits: h.edits + t.edits });
    }
  }
  return found;
}

/**
 * Sellers' algorithm: every substring of `text` within `maxEdits` (Levenshtein) of `pattern`,
 * reduced to the best-scoring end of each run of neighbouring matches. O(pattern × text).
 */
export function approximate(text: string, pattern: string, maxEdits: number): Found[] {
  const m = pattern.length;
  let cost = new Int32Array(m + 1);
  let start = new Int32Array(m + 1);
  let nextCost = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) cost[i] = i;
  const found: Found[] = [];
  let run: Found | null = null;
  for (let j = 0; j < text.length; j++) {
    nextCost[0] = 0;
    nextStart[0] = j + 1;
    const c = text.charCodeAt(j);
    for (let i = 1; i <= m; i++) {
      // Cheapest first; on a tie the alignment that starts earliest, so a match keeps all the words it can.
      let best = cost[i - 1]! + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      let from = i === 1 ? j : start[i - 1]!;
      const remove = nextCost[i - 1]! + 1;
      if (remove < best || (remove === best && nextStart[i - 1]! < from)) {
        best = remove;
        from = nextStart[i - 1]!;
      }
      const insert = cost[i]! + 1;
      if (insert < best || (insert === best && start[i]! < from)) {
        best = insert;
        from = start[i]!;
      }
      nextCost[i] = best;
      nextStart[i] = from;
    }
    if (nextCost[m]! <= maxEdits) {
      const match = { start: nextStart[m]!, end: j + 1, edits: nextCost[m]! };
      if (run && match.start <= run.end) {
        if (match.edits < run.edits || (match.edits === run.edits && match.start === run.start)) run = match;
      } else {
        if (run) found.push(run);
        run = match;
      }
    }
    [cost, nextCost] = [nextCost, cost];
    [start, nextStart] = [nextStart, start];
  }
  if (run) found.push(run);
  return found;
}

/** True when `a` and `b` are within `limit` edits; O(limit × length), for a quick plausibility check. */
export function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  if (a === b) return true;
  const width = limit;
  let previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j <= width ? j : Infinity;
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(Infinity);
    if (i <= width) current[0] = i;
    let best = current[0]!;
    for (let j = Math.max(1, i - width); j <= Math.min(b.length, i + width); j++) {
      current[j] = Math.min(previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), previous[j]! + 1, current[j - 1]! + 1);
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return false;
    previous = current;
  }
  return previous[b.length]! <= limit;
}
