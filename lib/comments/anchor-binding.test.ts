// @vitest-environment happy-dom
import { Editor, getSchema } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { prosemirrorJSONToYXmlFragment, ySyncPluginKey } from '@tiptap/y-tiptap';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { restoreDraftInto } from '../drafts/restore';
import { CommentHighlights, commentRanges, setCommentThreads, type HighlightedThread, type Reanchor } from '../editor/comment-highlights';
import { manuscriptExtensions } from '../editor/extensions';
import { BINDER_FIELD } from '../manuscript/binder';
import { contextAround, encodeAnchor, sameAnchor, type ProsemirrorMapping } from './anchor';

/**
 * Two writers' editors (real Tiptap + y-prosemirror binding) and the server's copy of the document,
 * relayed in order like the collab room does; comment threads live on a server that keeps the first
 * re-anchoring of each anchor, as the comment service does. Lower-case prose around one UPPER-CASE
 * passage, so the commented words can always be found independently of the code under test.
 */
const SCENE_ID = 'scene0001';
const schema = getSchema(manuscriptExtensions());
const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

type Event = { to: Y.Doc; update: Uint8Array } | { to: Editor; threads: HighlightedThread[] };

function room() {
  const server = new Y.Doc();
  const binderItem = new Y.Map<unknown>();
  server.getMap(BINDER_FIELD).set(SCENE_ID, binderItem);
  binderItem.set('kind', 'scene');
  binderItem.set('title', 'Scene');
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'opening words of the scene.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'before the passage THE COMMENTED WORDS and after it.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'closing words here.' }] },
      ],
    },
    server.getXmlFragment(sceneField(SCENE_ID)),
  );
  const queue: Event[] = [];
  const docs = [server, new Y.Doc(), new Y.Doc()];
  for (const doc of docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'remote');
  for (const doc of docs) doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && docs.forEach((to) => to !== doc && queue.push({ to, update })));

  let stored: HighlightedThread | null = null;
  const onReanchor = (change: Reanchor) => {
    if (!stored || !sameAnchor(stored.anchor, change.previous)) return;
    stored = { ...stored, anchor: change.anchor, quote: change.quote, context: change.context };
    for (const editor of peers) queue.push({ to: editor, threads: [stored] });
  };
  const peers = docs.slice(1).map((doc) => {
    const element = document.createElement('div');
    document.body.append(element);
    const editor = new Editor({
      element,
      extensions: [...manuscriptExtensions(), Collaboration.configure({ document: doc, field: sceneField(SCENE_ID) }), CommentHighlights.configure({ onReanchor })],
    });
    editors.push(editor);
    return editor;
  });
  const flush = () => {
    for (let event = queue.shift(); event; event = queue.shift()) {
      if ('update' in event) Y.applyUpdate(event.to, event.update, 'remote');
      else setCommentThreads(event.to.view, { threads: event.threads });
    }
  };
  const comment = (editor: Editor) => {
    const { from, to } = passage(editor)!;
    const binding = ySyncPluginKey.getState(editor.state).binding as { type: Y.XmlFragment; mapping: ProsemirrorMapping };
    stored = { id: 't1', anchor: encodeAnchor(binding.type, binding.mapping, from, to), quote: editor.state.doc.textBetween(from, to, ' '), context: contextAround(editor.state.doc, from, to) };
    for (const peer of peers) setCommentThreads(peer.view, { threads: [stored] });
  };
  return { server, peers, flush, comment };
}

/** The passage as the test sees it: from the first upper-case letter to the last. */
function passage(editor: Editor): { from: number; to: number; text: string } | null {
  let from = -1;
  let to = -1;
  editor.state.doc.descendants((node, position) => {
    if (!node.isText) return;
    for (let i = 0; i < node.text!.length; i++) {
      if (/[A-Z]/.test(node.text![i]!)) {
        if (from < 0) from = position + i;
        to = position + i + 1;
      }
    }
  });
  return from < 0 ? null : { from, to, text: editor.state.doc.textBetween(from, to, ' ') };
}

const QUOTE = 'THECOMMENTEDWORDS';
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What each peer highlights for the thread, as words. */
function highlighted(editor: Editor): string | null {
  const range = commentRanges(editor.state).get('t1');
  return range ? words(editor.state.doc.textBetween(range.from, range.to, ' ')) : null;
}

function typeText(editor: Editor, at: number, text: string) {
  editor.commands.setTextSelection(at);
  for (const char of text) editor.view.dispatch(editor.state.tr.insertText(char));
}

/** `undo` is the writer's own Yjs undo; `restore` brings back the draft saved before the comment, on the server. */
const STEPS = ['enter-start', 'enter-middle', 'enter-end', 'word-enter-start', 'split-passage', 'join-before', 'join-after', 'paste-over', 'type-elsewhere', 'undo', 'redo', 'restore'] as const;
type Step = { kind: (typeof STEPS)[number]; peer: 0 | 1; pick: number };

function perform(world: ReturnType<typeof room>, draft: Uint8Array, step: Step) {
  const editor = world.peers[step.peer]!;
  const found = passage(editor);
  if (!found) return;
  const $from = editor.state.doc.resolve(found.from);
  const paraStart = $from.start();
  const paraEnd = $from.end();
  const press = (at: number, key: string) => {
    editor.commands.setTextSelection(at);
    editor.commands.keyboardShortcut(key);
  };
  switch (step.kind) {
    case 'enter-start':
      return press(paraStart, 'Enter');
    case 'enter-middle':
      // Somewhere in the paragraph outside the passage.
      return press(step.pick % 2 === 0 ? paraStart + 1 + (step.pick % Math.max(1, found.from - paraStart - 1)) : Math.min(paraEnd, found.to + 1 + (step.pick % 5)), 'Enter');
    case 'enter-end':
      return press(editor.state.doc.resolve(found.to).end(), 'Enter');
    case 'word-enter-start':
      typeText(editor, paraStart, 'then ');
      return press(editor.state.selection.from, 'Enter');
    case 'split-passage':
      return press(found.from + 1 + (step.pick % (found.to - found.from - 1)), 'Enter');
    case 'join-before':
      return press(paraStart, 'Backspace');
    case 'join-after':
      return press(editor.state.doc.resolve(found.to).end(), 'Delete');
    case 'paste-over': {
      // A revised version of a stretch around the passage, pasted over it: the same upper-case words, new lower-case ones.
      const from = Math.max(1, paraStart - (step.pick % 3) * 5);
      const to = Math.min(editor.state.doc.content.size - 1, editor.state.doc.resolve(found.to).end());
      const html = editor.state.doc
        .textBetween(from, to, '\n')
        .split('\n')
        .map((line) => `<p>${line.replace(/\b([a-z]+)\b/g, (word) => (word.length > 3 ? `${word}s` : word))}</p>`)
        .join('');
      editor.commands.setTextSelection({ from, to });
      editor.view.pasteHTML(html);
      return;
    }
    case 'type-elsewhere':
      return typeText(editor, step.pick % 2 === 0 ? 1 : editor.state.doc.content.size - 1, 'more ');
    case 'undo':
      return editor.commands.undo();
    case 'redo':
      return editor.commands.redo();
    case 'restore': {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, draft);
      restoreDraftInto(world.server, copy);
      return;
    }
  }
}

function checkBothPeers(world: ReturnType<typeof room>, history: string[]) {
  const [a, b] = world.peers as [Editor, Editor];
  const trail = `${history.join(' → ')}\n${a.state.doc.textBetween(0, a.state.doc.content.size, ' | ')}`;
  expect(a.state.doc.toJSON(), trail).toEqual(b.state.doc.toJSON());
  const letters = a.state.doc.textBetween(0, a.state.doc.content.size, ' ').replace(/\s/g, '');
  if (letters.includes(QUOTE)) {
    // The words are there: both peers on the same place, covering exactly them (a concurrent undo may bring back a second copy: either will do).
    expect(commentRanges(a.state).get('t1'), trail).toEqual(commentRanges(b.state).get('t1'));
    expect(highlighted(a)?.replace(/\s/g, ''), trail).toBe(QUOTE);
  } else if (!/[A-Z]/.test(letters)) {
    // Undo after a draft restore can delete the words (Yjs undo reverts its own insertions): then the thread is detached in both.
    expect([highlighted(a), highlighted(b)], trail).toEqual([null, null]);
  }
  // Otherwise an undo after a co-author re-split the same paragraph scrambled the words themselves (Yjs undo restores
  // only its own deletions): no place holds them any more, and the test asks nothing of the thread.
}

describe('comment anchors through the editor binding', () => {
  it('hold when the author types a word at the start of the paragraph and presses Enter', () => {
    const world = room();
    const [a, b] = world.peers as [Editor, Editor];
    world.comment(a);
    world.flush();
    typeText(a, passage(a)!.from - 'before the passage '.length, 'then ');
    a.commands.keyboardShortcut('Enter');
    world.flush();
    expect(highlighted(b)).toBe('THE COMMENTED WORDS');
    expect(highlighted(a)).toBe('THE COMMENTED WORDS');
    // And after the threads are set again (a reply arrives), the author's view still has it.
    setCommentThreads(a.view, { threads: commentHighlightsThreads(a) });
    expect(highlighted(a)).toBe('THE COMMENTED WORDS');
  });

  it('cover the same words in both peers after every step of random editing (seed printed)', () => {
    const seed = Number(process.env.TEST_SEED ?? Date.now() % 2_147_483_647);
    console.log(`anchor binding seed: ${seed} (replay with TEST_SEED=${seed})`);
    const step = fc.record({ kind: fc.constantFrom(...STEPS), peer: fc.constantFrom(0 as const, 1 as const), pick: fc.nat(1000) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 4, maxLength: 12 }), (steps) => {
        editors.splice(0).forEach((editor) => editor.destroy());
        const world = room();
        world.flush();
        const draft = Y.encodeStateAsUpdate(world.server);
        world.comment(world.peers[0]!);
        world.flush();
        const history: string[] = [];
        checkBothPeers(world, history);
        for (const one of steps) {
          history.push(`${one.kind}@${one.peer === 0 ? 'A' : 'B'}:${one.pick}`);
          perform(world, draft, one);
          // Both carets go back to the scene's start before the relay: y-tiptap 3.0.x throws a RangeError restoring a
          // receiver's caret that sat in a paragraph an undo rewrote (restoreRelativeSelection; found by this test).
          for (const peer of world.peers) peer.commands.setTextSelection(1);
          world.flush();
          checkBothPeers(world, history);
        }
      }),
      { seed, numRuns: Number(process.env.ANCHOR_RUNS ?? 15) },
    );
    // Real editors on two shared cores: give the runs room rather than fewer steps.
  }, 120_000);
});

function commentHighlightsThreads(editor: Editor): HighlightedThread[] {
  return (editor.state.plugins.find((plugin) => (plugin as unknown as { key: string }).key.startsWith('commentHighlights'))!.getState(editor.state) as { threads: HighlightedThread[] }).threads;
}
