import type { AnyExtension } from '@tiptap/core';
import Typography from '@tiptap/extension-typography';
import StarterKit from '@tiptap/starter-kit';
import { KeepTab } from './keep-tab';
import { SceneBreak } from './scene-break';
import { suggestionMarks } from './suggestions/marks';

/**
 * The prose schema every Scriptorium editor and exporter shares: paragraphs, italics, bold,
 * chapter headings (level 1), block quotes and scene breaks. Nothing a manuscript doesn't use.
 */
export function manuscriptExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Yjs owns history, so undo only ever touches this writer's own changes.
      undoRedo: false,
      heading: { levels: [1] },
      horizontalRule: false,
      bulletList: false,
      orderedList: false,
      listItem: false,
      listKeymap: false,
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      link: false,
      // A trailing node would be inserted by every client at once into a shared document.
      trailingNode: false,
    }),
    SceneBreak,
    KeepTab,
    // Suggestions (Suggesting mode) are marks in the text, so Yjs syncs and stores them like any other.
    ...suggestionMarks(),
    Typography.configure({
      leftArrow: false,
      rightArrow: false,
      copyright: false,
      trademark: false,
      servicemark: false,
      registeredTrademark: false,
      oneHalf: false,
      oneQuarter: false,
      threeQuarters: false,
      plusMinus: false,
      notEqual: false,
      laquo: false,
      raquo: false,
      multiplication: false,
      superscriptTwo: false,
      superscriptThree: false,
    }),
  ];
}
