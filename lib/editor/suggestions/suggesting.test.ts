// @vitest-environment happy-dom
import { Editor, getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { manuscriptExtensions } from '../extensions';
import { describeSuggestion, listSuggestions, reviewSuggestions, type Verdict } from './review';
import { suggestingEditor } from './testing';

/**
 * Two writers' real editors (Tiptap + the y-tiptap binding) on their own Y.Docs, relayed through a
 * server copy in order, as the collab room does. Ada is an editor, Ben a commenter; both suggest.
 */
const SCENE_ID = 'scene0001';
const schema = getSchema(manuscriptExtensions());
const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

const SENTENCE = 'The plan had one weakness in it.';

function room(paragraphs: string[] = [SENTENCE]) {
  const server = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }, server.getXmlFragment(sceneField(SCENE_ID)));
  const docs = [server, new Y.Doc(), new Y.Doc()];
  for (const doc of docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'remote');
  const queue: Array<{ to: Y.Doc; update: Uint8Array; from: Y.Doc }> = [];
  // A writer's update reaches the server, which relays it to the other writer.
  for (const doc of docs.slice(1)) doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && queue.push({ to: server, update, from: doc }));
  const flush = () => {
    for (let event = queue.shift(); event; event = queue.shift()) {
      Y.applyUpdate(event.to, event.update, 'remote');
      if (event.to === server) for (const to of docs.slice(1)) if (to !== event.from) queue.push({ to, update: event.update, from: server });
    }
  };
  const notices: string[] = [];
  const writer = (doc: Y.Doc, userId: string, mayRestructure: boolean) => {
    const editor = suggestingEditor(doc, SCENE_ID, { userId, mayRestructure }, { describeAuthor: (id) => ({ name: id, color: '#336699' }), onRefused: (message) => notices.push(message) });
    editors.push(editor);
    editor.commands.setSuggesting(true);
    return editor;
  };
  const ada = writer(docs[1]!, 'ada', true);
  const ben = writer(docs[2]!, 'ben', false);
  return { server, ada, ben, flush, notices };
}

/** Position of the first occurrence of `words` anywhere in the document. */
function posOf(editor: Editor, words: string): number {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(words)) found = pos + node.text!.indexOf(words);
    return found < 0;
  });
  return found;
}
const text = (editor: Editor) => editor.state.doc.textBetween(0, editor.state.doc.content.size, '\n');
const serverText = (server: Y.Doc) => server.getXmlFragment(sceneField(SCENE_ID)).toJSON();
/** Position just before the first occurrence of `words` in the first paragraph. */
const at = (editor: Editor, words: string) => 1 + text(editor).indexOf(words);
const type = (editor: Editor, pos: number, words: string) => editor.view.dispatch(editor.state.tr.insertText(words, pos));
const review = (editor: Editor, verdict: Verdict, id?: string) => {
  const tr = reviewSuggestions(editor.state, verdict, (attrs) => id === undefined || String(attrs.id) === id);
  if (tr) editor.view.dispatch(tr);
};
/** The text as if every suggestion were accepted, read off a copy of the editor's document. */
function asAccepted(editor: Editor): string {
  const tr = reviewSuggestions(editor.state, 'accept', () => true);
  const doc = tr ? tr.doc : editor.state.doc;
  return doc.textBetween(0, doc.content.size, '\n');
}

describe('suggesting over Yjs, two writers', () => {
  it('marks what each writer types with their own id, user id and time, and both see the same', () => {
    const { ada, ben, flush } = room();
    type(ada, at(ada, 'one'), 'only ');
    type(ben, at(ben, 'in it'), 'hidden ');
    flush();
    expect(text(ada)).toBe(text(ben));
    const suggestions = listSuggestions(ada.state.doc);
    expect(suggestions.map((s) => [s.author, s.inserted])).toEqual([
      ['ada', 'only '],
      ['ben', 'hidden '],
    ]);
    expect(new Set(suggestions.map((s) => s.id)).size).toBe(2);
    for (const s of suggestions) expect(s.time).toBeGreaterThan(0);
    expect(ada.view.dom.querySelector('ins.suggestion[data-author="ben"]')?.textContent).toBe('hidden ');
  });

  it('gives concurrent suggestions at the same place distinct ids (never "highest id + 1")', () => {
    const { ada, ben, flush } = room();
    // Neither has seen the other's: a "highest id + 1" generator would give both the same id.
    type(ada, at(ada, 'weakness'), 'grave ');
    type(ben, at(ben, 'weakness'), 'small ');
    flush();
    expect(text(ada)).toBe(text(ben));
    const ids = listSuggestions(ben.state.doc).map((s) => s.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('keeps a writer’s typing next to another’s suggestion as their own suggestion', () => {
    const { ada, ben, flush } = room();
    type(ada, at(ada, 'weakness'), 'grave ');
    flush();
    // Ben types right after Ada's insertion: the library would reuse Ada's id for it.
    type(ben, at(ben, 'weakness'), 'and ');
    flush();
    const suggestions = listSuggestions(ada.state.doc);
    expect(suggestions.map((s) => [s.author, s.inserted])).toEqual([
      ['ada', 'grave '],
      ['ben', 'and '],
    ]);
  });

  it('makes a replacement one suggestion: “Replace ‘weakness’ with ‘a weakness’”', () => {
    const { ada, ben, flush } = room();
    const from = at(ben, 'one weakness');
    ben.chain().setTextSelection({ from, to: from + 'one weakness'.length }).insertContent('a weakness').run();
    flush();
    const [only, ...rest] = listSuggestions(ada.state.doc);
    expect(rest).toEqual([]);
    expect(describeSuggestion(only!)).toBe('Replace ‘one weakness’ with ‘a weakness’');
    expect(asAccepted(ada)).toBe('The plan had a weakness in it.');
    expect(text(ada)).toBe('The plan had one weaknessa weakness in it.');
  });

  it('accepting one suggestion and rejecting another leaves the rest, for both writers and the server', () => {
    const { server, ada, ben, flush } = room();
    type(ben, at(ben, 'one'), 'only ');
    type(ben, at(ben, 'in it'), 'hidden ');
    flush();
    const deletedFrom = at(ada, 'plan');
    ben.view.dispatch(ben.state.tr.delete(deletedFrom, deletedFrom + 'plan '.length));
    flush();
    const [plan, only, hidden] = listSuggestions(ada.state.doc);
    expect(plan?.deleted).toBe('plan ');
    ada.commands.setSuggesting(false);
    review(ada, 'accept', only!.id);
    review(ada, 'reject', hidden!.id);
    flush();
    expect(text(ada)).toBe('The plan had only one weakness in it.');
    expect(text(ben)).toBe(text(ada));
    expect(listSuggestions(ben.state.doc).map((s) => s.id)).toEqual([plan!.id]);
    expect(serverText(server)).toContain('plan');
    review(ben, 'accept', plan!.id);
    flush();
    expect(text(ada)).toBe('The had only one weakness in it.');
  });

  it('merges suggestions made offline when the writer reconnects', () => {
    const server = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: SENTENCE }] }] }, server.getXmlFragment(sceneField(SCENE_ID)));
    const { ada, ben, flush } = roomOn(server);
    // Ben is offline: his editor keeps his suggestion; Ada goes on suggesting meanwhile.
    type(ben.editor, at(ben.editor, 'in it'), 'hidden ');
    type(ada.editor, at(ada.editor, 'one'), 'only ');
    flush({ offline: ben.doc });
    expect(listSuggestions(ada.editor.state.doc).map((s) => s.author)).toEqual(['ada']);
    // Back online: both sides exchange what the other lacks, as the provider's sync does.
    flush({});
    expect(text(ben.editor)).toBe(text(ada.editor));
    expect(listSuggestions(ada.editor.state.doc).map((s) => [s.author, s.inserted])).toEqual([
      ['ada', 'only '],
      ['ben', 'hidden '],
    ]);
  });

  it('refuses block changes (paragraph to heading) in Suggesting instead of letting peers diverge', () => {
    const { ada, ben, flush, notices } = room();
    const before = ada.getJSON();
    ben.chain().setTextSelection(3).toggleHeading({ level: 1 }).run();
    ada.chain().setTextSelection(3).toggleBlockquote().run();
    flush();
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/can’t be suggested/);
    expect(ada.getJSON()).toEqual(before);
    expect(ben.getJSON()).toEqual(before);
  });

  it('lets a commenter suggest a paragraph break, stored as a node attribute that syncs; accepting it leaves no zero-width space', () => {
    const { ada, ben, flush, notices } = room();
    ben.chain().setTextSelection(at(ben, 'one')).splitBlock().run();
    flush();
    expect(notices).toEqual([]);
    for (const editor of [ada, ben]) {
      expect(editor.state.doc.childCount).toBe(2);
      expect((editor.state.doc.child(1).attrs.suggestion as { author: string }).author).toBe('ben');
    }
    expect(listSuggestions(ada.state.doc).map((s) => [s.author, describeSuggestion(s)])).toEqual([['ben', 'Start a new paragraph']]);
    ada.commands.setSuggesting(false);
    review(ada, 'accept');
    flush();
    for (const editor of [ada, ben]) {
      expect(editor.state.doc.childCount).toBe(2);
      expect(editor.state.doc.child(1).attrs.suggestion).toBeNull();
      expect(text(editor)).toBe('The plan had \none weakness in it.');
      expect(text(editor)).not.toContain('\u200B');
    }
  });

  it('lets an editor suggest a paragraph break too, and refuses a commenter’s pasted paragraphs', () => {
    const { ada, ben, flush, notices } = room();
    ada.chain().setTextSelection(at(ada, 'one')).splitBlock().run();
    ben.commands.setTextSelection(at(ben, 'in it'));
    ben.view.pasteHTML('<p>First pasted.</p><p>Second pasted.</p>');
    flush();
    expect(notices).toHaveLength(1);
    expect(ben.state.doc.childCount).toBe(2);
    expect(listSuggestions(ben.state.doc).map((s) => [s.author, describeSuggestion(s)])).toEqual([['ada', 'Start a new paragraph']]);
  });

  it('lets a commenter paste words into a paragraph as a suggestion', () => {
    const { ada, ben, flush, notices } = room();
    ben.commands.setTextSelection(at(ben, 'in it'));
    ben.view.pasteText('quietly ');
    ben.commands.setTextSelection(at(ben, 'weakness'));
    ben.view.pasteHTML('<p><em>hidden</em></p>');
    flush();
    expect(notices).toEqual([]);
    expect(listSuggestions(ada.state.doc).map((s) => [s.author, s.inserted])).toEqual([
      ['ben', 'hidden'],
      ['ben', 'quietly '],
    ]);
  });

  it('refuses to really remove the marker of another writer’s suggested join, rather than letting the server refuse it', () => {
    const { ada, ben, flush, notices } = room([SENTENCE, 'Nobody saw it coming.']);
    expect(ada.chain().setTextSelection(posOf(ada, 'Nobody')).joinBackward().run()).toBe(true);
    flush();
    expect(listSuggestions(ben.state.doc).map((s) => [s.author, describeSuggestion(s)])).toEqual([['ada', 'Join two paragraphs']]);
    const before = ben.getJSON();
    // Ben deletes across the end of the first paragraph, over Ada's marker.
    const end = posOf(ben, 'in it.') + 'in it.'.length;
    ben.view.dispatch(ben.state.tr.delete(end - 1, end + 1));
    flush();
    // Either the library only marks it (and Ada's join stays hers), or the change is refused here, never sent.
    const after = listSuggestions(ada.state.doc);
    expect(after.some((s) => s.author === 'ada' && s.breaks === 'join')).toBe(true);
    if (notices.length > 0) expect(ben.getJSON()).toEqual(before);
    expect(text(ada)).toBe(text(ben));
  });

  it('rejecting a suggested split joins the paragraphs again', () => {
    const { ada, ben, flush } = room();
    ben.chain().setTextSelection(at(ben, 'one')).splitBlock().run();
    flush();
    ada.commands.setSuggesting(false);
    review(ada, 'reject');
    flush();
    expect(ada.state.doc.childCount).toBe(1);
    expect(text(ada)).toBe(SENTENCE);
  });

  it('undo in Suggesting takes back the writer’s own suggestion, not the co-author’s', () => {
    const { ada, ben, flush } = room();
    type(ada, at(ada, 'one'), 'only ');
    flush();
    type(ben, at(ben, 'in it'), 'hidden ');
    flush();
    ben.commands.undo();
    flush();
    expect(listSuggestions(ada.state.doc).map((s) => s.author)).toEqual(['ada']);
    expect(text(ada)).toBe('The plan had only one weakness in it.');
  });
});

/** Like `room`, with a switch to hold one writer's traffic (offline) and deliver it later. */
function roomOn(server: Y.Doc) {
  const mk = (userId: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    const editor = suggestingEditor(doc, SCENE_ID, { userId, mayRestructure: true });
    editor.commands.setSuggesting(true);
    editors.push(editor);
    return { doc, editor };
  };
  const ada = mk('ada');
  const ben = mk('ben');
  /** Exchanges state between the server and every writer who is online (state-vector sync, both ways). */
  const flush = ({ offline }: { offline?: Y.Doc }) => {
    for (let round = 0; round < 2; round++) {
      for (const doc of [ada.doc, ben.doc]) {
        if (doc === offline) continue;
        Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)));
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
      }
    }
  };
  return { ada, ben, flush };
}

describe('reviewing scenes no editor has open', () => {
  it('accepts one writer’s suggestions in a scene through the Y.Doc, and the open editors follow', async () => {
    const { reviewScenes, suggestionsInScenes } = await import('./across-scenes');
    const { server, ada, ben, flush } = room();
    type(ada, at(ada, 'one'), 'only ');
    type(ben, at(ben, 'in it'), 'hidden ');
    flush();
    expect([...suggestionsInScenes(server, [SCENE_ID]).get(SCENE_ID)!].map((s) => s.author)).toEqual(['ada', 'ben']);
    expect(reviewScenes(server, [SCENE_ID], 'accept', (attrs) => attrs.author === 'ben')).toBe(1);
    Y.applyUpdate(docOf(ada), Y.encodeStateAsUpdate(server, Y.encodeStateVector(docOf(ada))), 'remote');
    expect(text(ada)).toBe('The plan had only one weakness hidden in it.');
    expect(listSuggestions(ada.state.doc).map((s) => s.author)).toEqual(['ada']);
  });
});

function docOf(editor: Editor): Y.Doc {
  return (editor.extensionManager.extensions.find((e) => e.name === 'collaboration')!.options as { document: Y.Doc }).document;
}
