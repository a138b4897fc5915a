import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { manuscriptExtensions } from '../../editor/extensions';
import type { SuggestionAttrs } from '../../editor/suggestions/marks';
import { addBinderItem, readBinder } from '../../manuscript/binder';
import type { CommentThreadView } from '../../comments/protocol';
import { at, threadOn } from '../fixtures';

/**
 * A manuscript as a writer sends it for review, written in a small notation that reads back the
 * same way: `_italic_`, `{+key:added+}`, `[-key:deleted-]`, a paragraph opening with `<split key>`
 * (a suggested paragraph break before it) or closing with `<join key>` (a suggested join with the
 * next). Keys name suggestions (their writer and time); read back (`review-readback.ts`), they are
 * the writers' names. No import of the suggestion library here: a CommonJS script can build it.
 */

const schema = getSchema(manuscriptExtensions());
const ZERO_WIDTH_SPACE = '\u200B';

export interface SceneSource {
  title: string;
  paragraphs: string[];
}

export interface ChapterSource {
  title: string;
  scenes: SceneSource[];
}

/** Two chapters of two scenes (so two scene breaks), italics, and ten suggestions by Ben (b…) and Cy (c…). */
export const REVIEW_CHAPTERS: ChapterSource[] = [
  {
    title: 'The Harbour',
    scenes: [
      {
        title: 'Arrival',
        paragraphs: [
          'The [-b1:boat-]{+b1:ship+} came in at dusk, _low in the water_, and nobody waved.',
          '“Is it always like this?” she asked. The keeper shrugged {+c2:at last +}and said nothing.',
          'Gulls wheeled over the quay where the nets lay drying[-b3: in long grey heaps-].',
        ],
      },
      {
        title: 'Night',
        paragraphs: [
          'At night the lamp turned {+c4:_very_ +}slowly over the _black water_, patient as a clock.',
          'She counted the seconds between the flashes ',
          '<split b5>and lost count at forty.',
          'Somewhere below, a door banged twice and then was still.',
        ],
      },
    ],
  },
  {
    title: 'Storm',
    scenes: [
      {
        title: 'The wreck',
        paragraphs: [
          'By morning the wreck was gone; the log said _nothing [-b7:at all-]_.',
          'She wrote it down anyway, in pencil, in the margin of the tide tables.<join c6>',
          'The keeper read it over her shoulder and did not correct her spelling.',
        ],
      },
      {
        title: 'Letters',
        paragraphs: [
          'The mail boat brought three letters and a [-c8:parcel-]{+c8:small box+} wrapped in _oilcloth_.',
          'One was from her sister, who [-c10:really -]wanted to know when she would come home.',
          'She put it under the lamp and answered none of them.{+b9: Not yet.+}',
        ],
      },
    ],
  },
];

/** Who proposed each suggestion of `REVIEW_CHAPTERS`, by the key's first letter. */
export interface ReviewWriters {
  ben: string;
  cy: string;
}

/** A suggestion key's attributes: its writer (by id) and a time of its own, to the minute (Word keeps seconds). */
export function suggestionAttrs(key: string, writers: ReviewWriters): SuggestionAttrs {
  const author = key.startsWith('b') ? writers.ben : writers.cy;
  return { id: `sugg-${key}`, author, time: at(5, 10, Number(key.slice(1))) };
}

type JsonMark = { type: string; attrs?: Record<string, unknown> };
type JsonText = { type: 'text'; text: string; marks?: JsonMark[] };

const TOKEN = /<split (\w+)>|<join (\w+)>|\{\+(\w+):|\+\}|\[-(\w+):|-\]|_|[^<{}[\]_+-]+|[<{}[\]+-]/g;

/** One paragraph of the notation as ProseMirror JSON; `clean` leaves suggestions out (the text before them, as the writer had it). */
function paragraphJson(source: string, writers: ReviewWriters, clean: boolean) {
  const content: JsonText[] = [];
  let italic = false;
  let suggestion: { kind: 'insertion' | 'deletion'; attrs: SuggestionAttrs } | null = null;
  let split: SuggestionAttrs | null = null;
  let join: SuggestionAttrs | null = null;
  const push = (text: string, marks: JsonMark[]) => content.push({ type: 'text', text, ...(marks.length ? { marks } : {}) });
  for (const [token, splitKey, joinKey, insertKey, deleteKey] of source.matchAll(TOKEN)) {
    if (splitKey) split = suggestionAttrs(splitKey, writers);
    else if (joinKey) join = suggestionAttrs(joinKey, writers);
    else if (insertKey) suggestion = { kind: 'insertion', attrs: suggestionAttrs(insertKey, writers) };
    else if (deleteKey) suggestion = { kind: 'deletion', attrs: suggestionAttrs(deleteKey, writers) };
    else if (token === '+}' || token === '-]') suggestion = null;
    else if (token === '_') italic = !italic;
    else {
      if (clean && suggestion?.kind === 'insertion') continue;
      const marks: JsonMark[] = [];
      if (suggestion && !clean) marks.push({ type: suggestion.kind, attrs: { ...suggestion.attrs } });
      if (italic) marks.push({ type: 'italic' });
      push(token, marks);
    }
  }
  return { content, split, join };
}

/** The scenes' ProseMirror JSON: a split or join marked as the suggestion library marks them (zero-width spaces on both sides). */
function sceneJson(scene: SceneSource, writers: ReviewWriters, clean: boolean) {
  const paragraphs = scene.paragraphs.map((source) => paragraphJson(source, writers, clean));
  const marker = (kind: 'insertion' | 'deletion', attrs: SuggestionAttrs): JsonText => ({ type: 'text', text: ZERO_WIDTH_SPACE, marks: [{ type: kind, attrs: { ...attrs } }] });
  const nodes: Array<{ type: 'paragraph'; attrs?: Record<string, unknown>; content: JsonText[] }> = [];
  paragraphs.forEach((paragraph, index) => {
    const previous = nodes.at(-1);
    const content = [...paragraph.content];
    // The clean copy has the paragraph as it was before the break was suggested: one.
    if (clean) {
      if (paragraph.split && previous) previous.content.push(...content);
      else nodes.push({ type: 'paragraph', content });
      return;
    }
    const before = index > 0 ? paragraphs[index - 1]!.join : null;
    if (paragraph.split) {
      previous?.content.push(marker('insertion', paragraph.split));
      content.unshift(marker('insertion', paragraph.split));
    }
    if (before) content.unshift(marker('deletion', before));
    if (paragraph.join) content.push(marker('deletion', paragraph.join));
    nodes.push({ type: 'paragraph', ...(paragraph.split ? { attrs: { suggestion: { ...paragraph.split } } } : {}), content });
  });
  return { type: 'doc', content: nodes };
}

/**
 * The review manuscript as a Y.Doc: chapters and scenes in the binder, each scene's text with its
 * italics and, unless `clean`, the suggestions (a clean copy has the words as they were before them).
 */
export function reviewManuscript(writers: ReviewWriters, options: { clean?: boolean; chapters?: ChapterSource[] } = {}): Y.Doc {
  const doc = new Y.Doc();
  for (const chapter of options.chapters ?? REVIEW_CHAPTERS) {
    const chapterId = addBinderItem(doc, { kind: 'chapter', title: chapter.title });
    for (const scene of chapter.scenes) {
      const sceneId = addBinderItem(doc, { kind: 'scene', title: scene.title, parentId: chapterId });
      prosemirrorJSONToYXmlFragment(schema, sceneJson(scene, writers, options.clean ?? false), doc.getXmlFragment(sceneField(sceneId)));
    }
  }
  return doc;
}

/** One comment of a review thread: who (a writer of the manuscript) and what. */
export interface ThreadMessageSource {
  who: 'ada' | 'ben' | 'cy';
  body: string;
}

export interface ThreadSource {
  scene: string;
  /** The words it is on, as the scene reads with suggestions shown (a paragraph break as "\n"). */
  words: string;
  messages: ThreadMessageSource[];
  resolved?: boolean;
}

/** A thread on `words` in `scene`: its messages as [who, body] in order, and whether it is resolved. */
function thread(scene: string, words: string, messages: [ThreadMessageSource['who'], string][], resolved?: true): ThreadSource {
  return { scene, words, messages: messages.map(([who, body]) => ({ who, body })), ...(resolved && { resolved }) };
}

/**
 * Twenty threads on `REVIEW_CHAPTERS`: eight replies among them, one resolved, one across two
 * paragraphs, three on italics, several on or beside suggested words, in every scene.
 */
export const REVIEW_THREADS: ThreadSource[] = [
  thread('Arrival', 'The boatship came in', [['ada', 'Which boat? Name it.']]),
  thread('Arrival', 'low in the water', [['ben', 'Lovely.'], ['ada', 'Thank you.']]),
  thread('Arrival', 'nobody waved.\n“Is it always', [['ada', 'Does this carry across the break?'], ['ben', 'It does.\nKeep it.'], ['cy', 'Agreed.\n\nSecond thought: shorten the question.']]),
  thread('Arrival', 'she asked', [['ada', 'Settled.'], ['ben', 'Fine by me.']], true),
  thread('Arrival', 'The keeper shrugged', [['cy', 'Show, don’t tell?']]),
  thread('Arrival', 'nets lay drying', [['ben', 'Which nets?']]),
  thread('Arrival', 'Gulls wheeled', [['ada', 'Too many gulls in this book.'], ['cy', 'Never.']]),
  thread('Night', 'the lamp turned', [['ben', 'In the second scene.']]),
  thread('Night', 'black water', [['cy', 'Ink-black?']]),
  thread('Night', 'counted the seconds', [['ada', 'Good.']]),
  thread('Night', 'lost count at forty', [['ben', 'Why forty?'], ['ada', 'It is the lamp’s period.']]),
  thread('The wreck', 'the wreck was gone', [['ada', 'Too sudden?']]),
  thread('The wreck', 'nothing at all', [['ben', 'Keep the italics.']]),
  thread('The wreck', 'in pencil', [['cy', 'Nice detail.']]),
  thread('The wreck', 'The keeper read it', [['ada', 'Who is reading?']]),
  thread('Letters', 'three letters', [['ben', 'From whom?'], ['ada', 'Answered in the next line.'], ['ben', 'So it is.']]),
  thread('Letters', 'her sister', [['cy', 'Name the sister.']]),
  thread('Letters', 'who really wanted to know', [['ada', 'Is “really” needed?']]),
  thread('Letters', 'answered none of them', [['ben', 'Ouch.']]),
  thread('Letters', 'She put it under the lamp', [['ada', 'Echoes the first chapter.']]),
];

export const REVIEW_NAMES = { ada: 'Ada Lovelace', ben: 'Ben Okafor', cy: 'Cy Marsh' } as const;

/**
 * `REVIEW_THREADS` as stored threads on `doc`, without a database: each message by name, at a time
 * of its own (thread i begins on day 1 + i, its replies an hour apart), for fixtures made once.
 */
export function reviewThreadViews(doc: Y.Doc): CommentThreadView[] {
  const scenes = new Map(readBinder(doc).scenes.map((scene) => [scene.title, scene.id]));
  return REVIEW_THREADS.map((source, index) =>
    threadOn(
      doc,
      scenes.get(source.scene)!,
      source.words,
      source.messages.map((message, reply) => ({ author: REVIEW_NAMES[message.who], body: message.body, at: at(1 + index, 9 + reply) })),
      { id: `review${String(index).padStart(4, '0')}`, ...(source.resolved ? { resolvedAt: at(1 + index, 18) } : {}) },
    ),
  );
}
