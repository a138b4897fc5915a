// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { manuscriptExtensions } from './extensions';
import { LEAVE_TEXT_HINT } from './keep-tab';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function writing(html = '<p>She wrote</p>') {
  editor = new Editor({ element: document.createElement('div'), extensions: manuscriptExtensions(), content: html });
  editor.commands.focus('end');
  return editor;
}

/** A key as the browser delivers it to the text; true when the editor kept it from the browser. */
function press(target: Editor, key: string, modifiers: { shiftKey?: boolean; ctrlKey?: boolean } = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers });
  target.view.dom.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('Tab while writing', () => {
  it('stays in the text and changes nothing, in a paragraph and in a block quote', () => {
    const target = writing('<p>She wrote</p><blockquote><p>A letter</p></blockquote>');
    const before = target.getJSON();
    expect(press(target, 'Tab')).toBe(true);
    expect(press(target, 'Tab', { shiftKey: true })).toBe(true);
    target.commands.setTextSelection(2);
    expect(press(target, 'Tab')).toBe(true);
    expect(target.getJSON()).toEqual(before);
  });

  it('leaves the text after Escape, once; any other key in between keeps Tab in', () => {
    const target = writing();
    press(target, 'Escape');
    expect(press(target, 'Tab')).toBe(false);
    expect(press(target, 'Tab')).toBe(true);
    press(target, 'Escape');
    press(target, 'a');
    expect(press(target, 'Tab')).toBe(true);
    press(target, 'Escape');
    expect(press(target, 'Tab', { shiftKey: true })).toBe(false);
  });

  it('tells a screen reader the way out', () => {
    expect(writing().view.dom.getAttribute('aria-description')).toBe(LEAVE_TEXT_HINT);
  });
});
