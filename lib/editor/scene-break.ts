import { mergeAttributes, Node } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    sceneBreak: {
      /** Inserts a scene break (a centred `#`) and moves on to a new paragraph. */
      insertSceneBreak: () => ReturnType;
    };
  }
}

/** What writers type on a line of its own to mean "scene break". */
export const SCENE_BREAK_MARKERS = ['#', '***', '* * *', '⁂'];

/** A scene break: an atom block shown as a centred `#`, the Standard Manuscript Format marker. */
export const SceneBreak = Node.create({
  name: 'sceneBreak',
  group: 'block',
  atom: true,
  selectable: true,

  parseHTML() {
    return [{ tag: 'hr[data-scene-break]' }, { tag: 'div[data-scene-break]' }, { tag: 'hr' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-scene-break': '', class: 'scene-break', role: 'separator' }), '#'];
  },

  renderText() {
    return '#';
  },

  addCommands() {
    return {
      insertSceneBreak:
        () =>
        ({ chain }) =>
          chain().insertContent([{ type: this.name }, { type: 'paragraph' }]).run(),
    };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-8': () => this.editor.commands.insertSceneBreak(),
      // A paragraph holding only "#" (or *** / * * *) becomes a scene break on Enter.
      Enter: () => {
        const { $from, empty } = this.editor.state.selection;
        const parent = $from.parent;
        if (!empty || parent.type.name !== 'paragraph') return false;
        if (!SCENE_BREAK_MARKERS.includes(parent.textContent.trim())) return false;
        if ($from.parentOffset !== parent.content.size) return false;
        const start = $from.before();
        const end = $from.after();
        return this.editor
          .chain()
          .insertContentAt({ from: start, to: end }, [{ type: this.name }, { type: 'paragraph' }])
          .run();
      },
    };
  },
});
