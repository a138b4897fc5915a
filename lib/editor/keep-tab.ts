import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export const keepTabKey = new PluginKey('keepTab');

/** What a screen reader announces on the text, so the way out is never a secret. */
export const LEAVE_TEXT_HINT = 'Press Escape, then Tab, to leave the text.';

/**
 * Tab and Shift+Tab stay in the text while writing (prose indents its first lines by itself, so
 * they do nothing here); Escape then Tab leaves, the usual way out of an editor. Without this,
 * Tab moved focus to the next button and the words typed after it went nowhere.
 */
export const KeepTab = Extension.create({
  name: 'keepTab',

  addProseMirrorPlugins() {
    // Per editor: set by Escape, spent by the next key.
    let escaped = false;
    return [
      new Plugin({
        key: keepTabKey,
        props: {
          attributes: { 'aria-description': LEAVE_TEXT_HINT },
          handleKeyDown: (_view, event) => {
            if (event.key === 'Escape') {
              escaped = true;
              // Others may still want Escape (a menu, a panel), so it is never swallowed here.
              return false;
            }
            if (event.key === 'Shift') return false;
            if (event.key !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey) {
              escaped = false;
              return false;
            }
            if (escaped) {
              escaped = false;
              // The browser's own Tab moves focus on: out of the text.
              return false;
            }
            event.preventDefault();
            return true;
          },
          handleDOMEvents: {
            blur: () => {
              escaped = false;
              return false;
            },
          },
        },
      }),
    ];
  },
});
