import { Extension, Mark } from '@tiptap/core';

/**
 * What every suggestion mark carries. Stored by y-tiptap as the Y.XmlText format value under the
 * mark's name, which is what the collab server reads to decide whose suggestion it is.
 */
export interface SuggestionAttrs {
  /** Unique across concurrent writers: made from the writer's Yjs client id (see `suggestionIds`). */
  id: string | number | null;
  /** The suggesting writer's user id; null only in the instant before `claimSuggestions` fills it. */
  author: string | null;
  /** When the suggestion began (ms since epoch). */
  time: number | null;
}

export const SUGGESTION_MARKS = ['insertion', 'deletion'] as const;
export type SuggestionKind = (typeof SUGGESTION_MARKS)[number];

const suggestionAttributes = {
  id: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('data-suggestion-id'), renderHTML: () => ({}) },
  author: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('data-author'), renderHTML: () => ({}) },
  time: { default: null, parseHTML: (el: HTMLElement) => Number(el.getAttribute('data-time')) || null, renderHTML: () => ({}) },
};

function render(tag: 'ins' | 'del', kind: SuggestionKind) {
  return ({ mark }: { mark: { attrs: Record<string, unknown> } }) =>
    [
      tag,
      {
        class: `suggestion suggestion--${kind}`,
        'data-suggestion-id': String(mark.attrs.id ?? ''),
        'data-author': String(mark.attrs.author ?? ''),
        'data-time': String(mark.attrs.time ?? ''),
      },
      0,
    ] as const;
}

/** Text a writer proposes to add: shown underlined in their colour until accepted or rejected. */
export const Insertion = Mark.create({
  name: 'insertion',
  inclusive: false,
  excludes: 'deletion modification insertion',
  addAttributes: () => suggestionAttributes,
  parseHTML: () => [{ tag: 'ins[data-suggestion-id]' }],
  renderHTML: render('ins', 'insertion'),
});

/** Text a writer proposes to remove: stays visible, struck through, until accepted or rejected. */
export const Deletion = Mark.create({
  name: 'deletion',
  inclusive: false,
  excludes: 'insertion modification deletion',
  addAttributes: () => suggestionAttributes,
  parseHTML: () => [{ tag: 'del[data-suggestion-id]' }],
  renderHTML: render('del', 'deletion'),
});

/**
 * The suggestion library requires this mark in the schema (formatting and block-type suggestions).
 * Scriptorium never creates it: such changes are refused in Suggesting (their node marks would not
 * sync through Yjs), so it exists only so the library's commands find it.
 */
export const Modification = Mark.create({
  name: 'modification',
  inclusive: false,
  excludes: 'deletion insertion',
  addAttributes: () => ({ id: { default: null }, type: { default: 'attr' }, attrName: { default: null }, previousValue: { default: null }, newValue: { default: null } }),
  parseHTML: () => [{ tag: 'span[data-modification]' }],
  renderHTML: () => ['span', { 'data-modification': '' }, 0],
});

/**
 * A paragraph break proposed in Suggesting: the paragraph after the break carries the suggestion's
 * attributes (y-tiptap stores node attributes on the Y.XmlElement, so they sync, unlike node marks).
 * The collab server reads it to tell a commenter's own suggested break from a real one.
 */
export const SuggestedBreak = Extension.create({
  name: 'suggestedBreak',
  addGlobalAttributes: () => [{ types: ['paragraph'], attributes: { suggestion: { default: null, keepOnSplit: false, rendered: false } } }],
});

export const suggestionMarks = () => [Insertion, Deletion, Modification, SuggestedBreak];
