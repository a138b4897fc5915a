// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { sceneField } from '../collab/room-name';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addBinderItem, readBinder } from '../manuscript/binder';
import { manuscriptExtensions } from './extensions';
import { takeChapterTitle } from './take-chapter-title';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function chapterWithScene(html: string) {
  const doc = new Y.Doc();
  const chapterId = addBinderItem(doc, { kind: 'chapter', title: 'Chapter 1' });
  const sceneId = addBinderItem(doc, { kind: 'scene', title: 'Scene 1', parentId: chapterId });
  editor = new Editor({ element: document.createElement('div'), extensions: manuscriptExtensions(), content: html });
  return { doc, chapterId, sceneId, editor };
}

describe('Chapter title', () => {
  it('moves the line at the caret into the binder as the chapter title, and out of the text', () => {
    const { doc, chapterId, sceneId, editor } = chapterWithScene('<p>  The   Storm </p><p>Rain came.</p>');
    editor.commands.setTextSelection(3);
    expect(takeChapterTitle(editor, doc, sceneId)).toEqual({ ok: true, title: 'The Storm', chapterId });
    expect(readBinder(doc).byId.get(chapterId)!.title).toBe('The Storm');
    expect(editor.getText()).toBe('Rain came.');
  });

  it('leaves an empty line to write on when the title was the last line, after a scene break', () => {
    const { doc, chapterId, sceneId, editor } = chapterWithScene('<p>Night.</p><hr data-scene-break><p>Morning came.</p>');
    editor.commands.focus('end');
    expect(takeChapterTitle(editor, doc, sceneId)).toMatchObject({ ok: true, title: 'Morning came.' });
    expect(readBinder(doc).byId.get(chapterId)!.title).toBe('Morning came.');
    editor.commands.insertContent('Dawn.');
    expect(editor.getJSON().content!.map((node) => node.type)).toEqual(['paragraph', 'sceneBreak', 'paragraph']);
    expect(editor.getText()).toContain('Dawn.');
  });

  it('takes an old chapter heading the same way, and leaves an empty line when it was the only one', () => {
    const { doc, chapterId, sceneId, editor } = chapterWithScene('<h1>Arrival</h1>');
    editor.commands.setTextSelection(2);
    expect(takeChapterTitle(editor, doc, sceneId)).toMatchObject({ ok: true, title: 'Arrival' });
    expect(readBinder(doc).byId.get(chapterId)!.title).toBe('Arrival');
    expect(editor.getJSON().content!.map((node) => node.type)).toEqual(['paragraph']);
    expect(editor.getText()).toBe('');
  });

  it('refuses outside the chapter’s first scene, and a line that reads as prose', () => {
    const { doc, chapterId, editor } = chapterWithScene('<p>A scrap of dialogue I might use later.</p>');
    const second = addBinderItem(doc, { kind: 'scene', title: 'Scene 2', parentId: chapterId });
    editor.commands.setTextSelection(3);
    expect(takeChapterTitle(editor, doc, second)).toMatchObject({ ok: false, reason: expect.stringMatching(/first scene of “Chapter 1”.*binder/) });
    expect(readBinder(doc).byId.get(chapterId)!.title).toBe('Chapter 1');
    editor.commands.setContent('<p>She walked down to the harbour where the boats were waiting for the tide to turn.</p>');
    editor.commands.setTextSelection(3);
    const first = readBinder(doc).byId.get(chapterId)!.children[0]!.id;
    expect(takeChapterTitle(editor, doc, first)).toMatchObject({ ok: false, reason: expect.stringMatching(/reads like prose/) });
    expect(editor.getText()).toContain('harbour');
  });

  it('one Undo in a live editor puts the line back and the old title with it', () => {
    const doc = new Y.Doc();
    const chapterId = addBinderItem(doc, { kind: 'chapter', title: 'Chapter 1' });
    const sceneId = addBinderItem(doc, { kind: 'scene', title: 'Scene 1', parentId: chapterId });
    const element = document.createElement('div');
    document.body.append(element);
    editor = new Editor({ element, extensions: [...manuscriptExtensions(), Collaboration.configure({ document: doc, field: sceneField(sceneId) })] });
    editor.commands.insertContent('<p>The Storm</p><p>Rain came.</p>');
    editor.commands.setTextSelection(3);
    expect(takeChapterTitle(editor, doc, sceneId)).toMatchObject({ ok: true, title: 'The Storm' });
    expect(readBinder(doc).byId.get(chapterId)!.title).toBe('The Storm');
    editor.commands.undo();
    expect(readBinder(doc).byId.get(chapterId)!.title).toBe('Chapter 1');
    expect(editor.getText()).toContain('The Storm');
  });

  it('says what to do on an empty line, and for a scene outside any chapter', () => {
    const { doc, chapterId, sceneId, editor } = chapterWithScene('<p></p><p>Rain came.</p>');
    editor.commands.setTextSelection(1);
    expect(takeChapterTitle(editor, doc, sceneId)).toMatchObject({ ok: false, reason: expect.stringMatching(/caret on a line/) });
    expect(readBinder(doc).byId.get(chapterId)!.title).toBe('Chapter 1');
    const loose = addBinderItem(doc, { kind: 'scene', title: 'Loose' });
    editor.commands.setTextSelection(4);
    expect(takeChapterTitle(editor, doc, loose)).toMatchObject({ ok: false, reason: expect.stringMatching(/not in a chapter/) });
    expect(editor.getText()).toContain('Rain came.');
  });
});
