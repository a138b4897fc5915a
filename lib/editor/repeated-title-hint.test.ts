// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { manuscriptExtensions } from './extensions';
import { RepeatedTitleHint, REPEATED_TITLE_NOTE, setOpenedChapterTitle } from './repeated-title-hint';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

const marked = (target: Editor) => [...target.view.dom.querySelectorAll('.repeats-chapter-title')].map((element) => element.textContent);

describe('a heading repeating the chapter title, in the editor', () => {
  it('is marked as not printed while it repeats the title of the chapter the scene opens, and never changed', () => {
    editor = new Editor({ element: document.createElement('div'), extensions: [...manuscriptExtensions(), RepeatedTitleHint], content: '<p></p><h1>The Storm</h1><p>Rain.</p><h1>The Storm</h1>' });
    const before = editor.getJSON();
    expect(marked(editor)).toEqual([]);
    setOpenedChapterTitle(editor.view, 'The Storm');
    expect(marked(editor)).toEqual(['The Storm']);
    expect(editor.view.dom.querySelector('.repeats-chapter-title')!.getAttribute('data-note')).toBe(REPEATED_TITLE_NOTE);
    setOpenedChapterTitle(editor.view, 'Chapter 1');
    expect(marked(editor)).toEqual([]);
    setOpenedChapterTitle(editor.view, null);
    expect(marked(editor)).toEqual([]);
    expect(editor.getJSON()).toEqual(before);
  });
});
