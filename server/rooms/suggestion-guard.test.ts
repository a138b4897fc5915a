// @vitest-environment happy-dom
import { Editor, getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../../lib/collab/room-name';
import { manuscriptExtensions } from '../../lib/editor/extensions';
import { listSuggestions, reviewSuggestions } from '../../lib/editor/suggestions/review';
import { suggestingEditor } from '../../lib/editor/suggestions/testing';
import { SuggestionGuard } from './suggestion-guard';

/**
 * The guard against what real editors send: Ben (commenter) suggests through Tiptap + y-tiptap, and
 * every update he makes must pass the server's check; Ada (editor) writes freely.
 */
const SCENE_ID = 'scene0001';
const schema = getSchema(manuscriptExtensions());
const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

function room() {
  const server = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: ['The plan had one weakness in it.', 'Nobody saw it coming.'].map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) },
    server.getXmlFragment(sceneField(SCENE_ID)),
  );
  const guard = new SuggestionGuard(server);
  const refusals: string[] = [];
  const docs = [new Y.Doc(), new Y.Doc()];
  const queue: Array<{ update: Uint8Array; from: Y.Doc }> = [];
  const flush = () => {
    for (let event = queue.shift(); event; event = queue.shift()) {
      if (event.from === docs[1]) {
        const refusal = guard.check(event.update, 'ben');
        if (refusal) {
          refusals.push(refusal);
          continue;
        }
      }
      Y.applyUpdate(server, event.update, 'remote');
      for (const doc of docs) if (doc !== event.from) Y.applyUpdate(doc, event.update, 'remote');
    }
  };
  const [ada, ben] = docs.map((doc, i) => {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'remote');
    doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && queue.push({ update, from: doc }));
    const editor = suggestingEditor(doc, SCENE_ID, { userId: i === 0 ? 'ada' : 'ben', mayRestructure: i === 0, mustSuggest: i === 1 });
    editors.push(editor);
    return editor;
  }) as [Editor, Editor];
  return { server, ada, ben, flush, refusals };
}

const textOf = (editor: Editor) => editor.state.doc.textBetween(0, editor.state.doc.content.size, '\n');
const at = (editor: Editor, words: string) => {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(words)) found = pos + node.text!.indexOf(words);
    return found < 0;
  });
  return found;
};

describe('the suggestion guard, against real editors', () => {
  it('lets through everything a commenter’s editor sends in Suggesting', () => {
    const { server, ada, ben, flush, refusals } = room();
    ben.commands.setSuggesting(true);
    // Typing, letter by letter.
    for (const char of 'grave ') ben.view.dispatch(ben.state.tr.insertText(char, at(ben, 'weakness')));
    flush();
    // A replacement: select and type over.
    const from = at(ben, 'plan');
    ben.chain().setTextSelection({ from, to: from + 4 }).insertContent('scheme').run();
    flush();
    // Backspace at the start of the second paragraph: a suggested join.
    ben.chain().setTextSelection(at(ben, 'Nobody')).joinBackward().run();
    flush();
    // Ada suggests too; Ben types right after her suggestion and deletes across it.
    ada.commands.setSuggesting(true);
    ada.view.dispatch(ada.state.tr.insertText('sadly ', at(ada, 'Nobody')));
    flush();
    ben.view.dispatch(ben.state.tr.insertText('truly ', at(ben, 'Nobody')));
    flush();
    const coming = at(ben, 'coming');
    ben.view.dispatch(ben.state.tr.delete(coming, coming + 'coming'.length));
    flush();
    expect(refusals).toEqual([]);
    expect(textOf(ada)).toBe(textOf(ben));
    expect(listSuggestions(ada.state.doc).filter((s) => s.author === 'ben').length).toBeGreaterThanOrEqual(4);
    expect(server.getXmlFragment(sceneField(SCENE_ID)).toString()).toContain('grave');
    // Undo takes Ben's suggestions back (typed within a moment, they are one undo step); Ada's stays.
    ben.commands.undo();
    flush();
    expect(refusals).toEqual([]);
    expect(listSuggestions(ada.state.doc).map((s) => s.author)).toEqual(['ada']);
    expect(server.getXmlFragment(sceneField(SCENE_ID)).toString()).not.toContain('grave');
  });

  it('lets through a typed character that y-tiptap places after an identical neighbour (a space before a space)', () => {
    const { ada, ben, flush, refusals } = room();
    ben.commands.setSuggesting(true);
    // Right after "one", before " weakness": the typed space equals the next character.
    const after = at(ben, ' weakness');
    for (const [i, char] of [...' grave'].entries()) ben.view.dispatch(ben.state.tr.insertText(char, after + i));
    // And an "s" typed between the two s of "weakness".
    ben.view.dispatch(ben.state.tr.insertText('s', at(ben, 'ss in') + 1));
    flush();
    expect(refusals).toEqual([]);
    expect(textOf(ada)).toBe(textOf(ben));
    expect(textOf(ada)).toContain('one grave weaknesss in it.');
    // Withdrawing them leaves the sentence as it was.
    ben.commands.undo();
    flush();
    expect(refusals).toEqual([]);
    expect(textOf(ada).split('\n')[0]).toBe('The plan had one weakness in it.');
  });

  it('lets through a commenter’s suggested paragraph breaks, typing in the new paragraph, and withdrawing them', () => {
    const { ada, ben, flush, refusals, server } = room();
    ben.commands.setSuggesting(true);
    ben.chain().setTextSelection(at(ben, 'one')).splitBlock().run();
    flush();
    ben.chain().setTextSelection(at(ben, 'Nobody')).splitBlock().run();
    flush();
    const end = ben.state.doc.content.size - 1;
    ben.chain().setTextSelection(end).splitBlock().run();
    ben.view.dispatch(ben.state.tr.insertText('A last line.', ben.state.selection.from));
    flush();
    expect(refusals).toEqual([]);
    expect(textOf(ada)).toBe(textOf(ben));
    expect(ada.state.doc.childCount).toBe(5);
    // Ada accepts the first break: it is no longer Ben's to undo, so his undo history is cleared.
    ada.commands.setSuggesting(false);
    const first = (ada.state.doc.child(1).attrs.suggestion as { id: string }).id;
    ada.view.dispatch(reviewSuggestions(ada.state, 'accept', (attrs) => String(attrs.id) === first)!);
    flush();
    expect(ben.commands.undo()).toBe(false);
    // Ben withdraws the rest from their cards; the guard lets the joins through.
    ben.view.dispatch(reviewSuggestions(ben.state, 'reject', (attrs) => attrs.author === 'ben')!.setMeta('suggestionReview', true));
    flush();
    expect(refusals).toEqual([]);
    expect(textOf(ben)).toBe(textOf(ada));
    expect(textOf(ada)).toBe('The plan had \none weakness in it.\nNobody saw it coming.');
    expect(server.getXmlFragment(sceneField(SCENE_ID)).length).toBe(3);
  });

  it('after a co-author accepts a commenter’s words, the commenter’s undo no longer reaches them', () => {
    const { ada, ben, flush, refusals } = room();
    ben.commands.setSuggesting(true);
    ben.view.dispatch(ben.state.tr.insertText('grave ', at(ben, 'weakness')));
    flush();
    ada.view.dispatch(reviewSuggestions(ada.state, 'accept', () => true)!);
    flush();
    ben.commands.undo();
    flush();
    expect(refusals).toEqual([]);
    expect(textOf(ben)).toContain('one grave weakness');
  });

  it('lets a commenter delete against another writer’s suggested join without being refused', () => {
    const { ada, ben, flush, refusals } = room();
    ada.commands.setSuggesting(true);
    ben.commands.setSuggesting(true);
    expect(ada.chain().setTextSelection(at(ada, 'Nobody')).joinBackward().run()).toBe(true);
    flush();
    const end = at(ben, 'in it.') + 'in it.'.length;
    ben.view.dispatch(ben.state.tr.delete(end - 1, end + 1));
    ben.view.dispatch(ben.state.tr.delete(at(ben, 'Nobody'), at(ben, 'Nobody') + 3));
    flush();
    expect(refusals).toEqual([]);
    expect(textOf(ada)).toBe(textOf(ben));
  });

  it('refuses what a commenter’s editor would send outside Suggesting (were it not stopped in the editor)', () => {
    const { ben, flush, refusals, server } = room();
    const before = server.getXmlFragment(sceneField(SCENE_ID)).toString();
    // Bypass the editor's own refusal, as a tampered client would.
    ben.view.dispatch(ben.state.tr.insertText('plain ', 1).setMeta('y-sync$', { isChangeOrigin: true }));
    flush();
    expect(refusals).toHaveLength(1);
    expect(server.getXmlFragment(sceneField(SCENE_ID)).toString()).toBe(before);
  });
});
