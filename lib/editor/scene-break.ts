import { mergeAttributes, Node } from '@tiptap/core';
import { Fragment, Slice, type Node as PMNode, type Schema } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';

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

/** Lines writers use for a scene break in pasted or imported text: #, ***, * * *, ⁂, ~~~ and ---, spaced or not. */
export function isSceneBreakText(text: string): boolean {
  return /^\s*(#|\*\s*\*\s*\*|⁂|~\s*~\s*~|-\s*-\s*-)\s*$/.test(text);
}

/**
 * A pasted passage's scene-break lines as scene breaks. Only when the paste holds several blocks:
 * a lone "#" pasted into a sentence stays a character.
 */
export function sceneBreaksInPaste(slice: Slice, schema: Schema): Slice {
  const sceneBreak = schema.nodes.sceneBreak;
  if (!sceneBreak || slice.content.childCount < 2) return slice;
  let { openStart, openEnd } = slice;
  let changed = false;
  const blocks: PMNode[] = [];
  slice.content.forEach((node, _offset, index) => {
    if (node.type.name === 'paragraph' && isSceneBreakText(node.textContent)) {
      changed = true;
      // An open edge would merge into the line at the caret; a scene break stands on its own.
      if (index === 0) openStart = 0;
      if (index === slice.content.childCount - 1) openEnd = 0;
      blocks.push(sceneBreak.create());
    } else blocks.push(node);
  });
  return changed ? new Slice(Fragment.fromArray(blocks), openStart, openEnd) : slice;
}

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

  addProseMirrorPlugins() {
    return [new Plugin({ key: new PluginKey('sceneBreakPaste'), props: { transformPasted: (slice, view) => sceneBreaksInPaste(slice, view.state.schema) } })];
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
