// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
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
