import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import { SearchQuery, type SearchResult } from 'prosemirror-search';
import { z } from 'zod';

/** What a writer asks Find for; the same options drive the open editor and every other scene. */
export const findOptionsSchema = z.object({
  search: z.string().max(1000),
  replace: z.string().max(10_000).default(''),
  caseSensitive: z.boolean().default(false),
  wholeWord: z.boolean().default(false),
  regexp: z.boolean().default(false),
});
export type FindOptions = z.input<typeof findOptionsSchema>;

export type BuiltQuery = { ok: true; query: SearchQuery } | { ok: false; message: string | null };

/** A SearchQuery for these options, or why there is none (null message: nothing typed yet). */
export function buildQuery(input: FindOptions): BuiltQuery {
  const options = findOptionsSchema.parse(input);
  if (!options.search) return { ok: false, message: null };
  if (options.regexp) {
    const problem = regexpProblem(options.search);
    if (problem) return { ok: false, message: problem };
  }
  const filter = options.wholeWord ? standsAlone : undefined;
  // Typed text has the editor's typography (curly quotes, …, —): a plain search for ' " ... or -- finds either form.
  if (!options.regexp && TYPOGRAPHY.test(options.search)) {
    const query = new SearchQuery({ ...options, search: typographyTolerantPattern(options.search), regexp: true, wholeWord: false, filter, literal: true });
    PLAIN_REPLACEMENT.add(query);
    return { ok: true, query };
  }
  // literal: a writer's "\n" means a backslash and an n, not a line break no paragraph can hold.
  const query = new SearchQuery({ ...options, wholeWord: false, filter, literal: true });
  if (!query.valid) return { ok: false, message: 'This pattern cannot be searched for.' };
  return { ok: true, query };
}

const TYPOGRAPHY = /['‘’"“”…—]|\.\.\.|--/;
/** Queries that search by pattern only to be quote-tolerant: their replacement is still plain text. */
const PLAIN_REPLACEMENT = new WeakSet<SearchQuery>();

/** The search text as a pattern in which each typed form matches the typographic one: quotes, "..." and "…", "--" and "—". */
function typographyTolerantPattern(text: string): string {
  return text
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    .replace(/\\\.\\\.\\\.|…/g, '(?:\\.\\.\\.|…)')
    .replace(/--|—/g, '(?:--|—)')
    .replace(/['‘’]/g, "['‘’]")
    .replace(/["“”]/g, '["“”]');
}

/** A calm sentence about an invalid regular expression, or null when it is valid. */
export function regexpProblem(source: string): string | null {
  try {
    new RegExp(source, 'gu');
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : '';
    return `Not a valid regular expression yet${detail ? ` (${detail})` : ''}. Keep typing, or switch off Regular expression.`;
  }
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Whole word: the match may not touch a letter or digit on either side. (prosemirror-search's own
 * wholeWord re-tests all the text before each match, which is slow on long paragraphs, and ignores
 * digits.) Neighbours in another paragraph do not count: textBetween gives nothing across blocks.
 */
const standsAlone = (state: EditorState, result: SearchResult) => {
  const before = result.from > 0 ? state.doc.textBetween(result.from - 1, result.from) : '';
  const after = result.to < state.doc.content.size ? state.doc.textBetween(result.to, result.to + 1) : '';
  return !WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after);
};

/** Whether a match touches a pending suggestion: that is its author's to settle, so Replace leaves it alone. */
export function insideSuggestion(doc: PMNode, from: number, to: number): boolean {
  return ['insertion', 'deletion', 'modification'].some((name) => {
    const mark = doc.type.schema.marks[name];
    return mark !== undefined && doc.rangeHasMark(from, to, mark);
  });
}

/**
 * The ranges to replace for one match and what goes in: a regular expression's "$1" and "$&" are
 * filled in; a plain replacement is taken literally (prosemirror-search would read "$" even there).
 */
export function replacementsFor(query: SearchQuery, state: EditorState, result: SearchResult): { from: number; to: number; insert: Slice }[] {
  if (query.regexp && !PLAIN_REPLACEMENT.has(query)) return query.getReplacements(state, result);
  const marks = state.doc.resolve(result.from).marksAcross(state.doc.resolve(result.to)) ?? [];
  const content = query.replace ? Fragment.from(state.schema.text(query.replace, marks)) : Fragment.empty;
  return [{ from: result.from, to: result.to, insert: new Slice(content, 0, 0) }];
}
