import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** Largest paste accepted, in UTF-16 code units of its richest form (~2 MB, some 350,000 words). */
export const MAX_PASTE_CHARS = 2_000_000;

export interface PasteLimitOptions {
  maxChars: number;
  /** Told the size of a refused paste, so the UI can say why nothing happened. */
  onRefused: (chars: number) => void;
}

/**
 * Refuses a paste too large to send as one update: far below the collab frame limit, so a giant
 * paste can never become an update the server keeps refusing on every reconnect.
 */
export const PasteLimit = Extension.create<PasteLimitOptions>({
  name: 'pasteLimit',

  addOptions() {
    return { maxChars: MAX_PASTE_CHARS, onRefused: () => {} };
  },

  addProseMirrorPlugins() {
    const { maxChars, onRefused } = this.options;
    return [
      new Plugin({
        key: new PluginKey('pasteLimit'),
        props: {
          handlePaste(_view, event) {
            const data = event.clipboardData;
            if (!data) return false;
            const size = Math.max(data.getData('text/html').length, data.getData('text/plain').length);
            if (size <= maxChars) return false;
            onRefused(size);
            return true;
          },
        },
      }),
    ];
  },
});
