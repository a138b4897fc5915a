// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { manuscriptExtensions } from './extensions';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function writing(html = '<p>She wrote.</p>') {
  editor = new Editor({ element: document.createElement('div'), extensions: manuscriptExtensions(), content: html });
  editor.commands.focus('end');
  return editor;
}

const shape = (target: Editor) => target.getJSON().content!.map((node) => (node.type === 'sceneBreak' ? '#' : (node.content ?? []).map((t) => ('text' in t ? t.text : '')).join('')));

describe('pasting a passage with scene-break lines', () => {
  it.each(['* * *', '***', '#', '⁂'])('"%s" on a line of its own becomes a scene break', (marker) => {
    const target = writing('<p></p>');
    target.view.pasteText(`The boat came in.\n\n${marker}\n\nBy morning it was gone.`);
    expect(shape(target)).toEqual(['The boat came in.', '#', 'By morning it was gone.']);
  });

  it('works for HTML from a word processor, and at the edges of the paste', () => {
    const target = writing('<p></p>');
    target.view.pasteHTML('<p>* * *</p><p>Night fell.</p><p style="text-align:center">#</p>');
    expect(shape(target).filter((line) => line !== '')).toEqual(['#', 'Night fell.', '#']);
  });

  it('leaves a lone "#" pasted into a sentence as a character', () => {
    const target = writing('<p>Room</p>');
    target.view.pasteText('#');
    expect(shape(target)).toEqual(['Room#']);
  });

  it('leaves "#" inside a line alone', () => {
    const target = writing('<p></p>');
    target.view.pasteText('Room #4\n\nwas empty');
    expect(shape(target)).toEqual(['Room #4', 'was empty']);
  });
});
