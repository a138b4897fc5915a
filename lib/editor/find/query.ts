import { SearchQuery } from 'prosemirror-search';
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
  // literal: a writer's "\n" means a backslash and an n, not a line break no paragraph can hold.
  const query = new SearchQuery({ ...options, literal: true });
  if (!query.valid) return { ok: false, message: 'This pattern cannot be searched for.' };
  return { ok: true, query };
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
