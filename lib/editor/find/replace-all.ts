import type { Schema } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { SearchQuery } from 'prosemirror-search';
import * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { replaceInFragment } from './replace';
import { findResults, stateFor } from './search';

/** The origin of a Replace all transaction; undo managers that should revert it track it. */
export const FIND_REPLACE_ORIGIN = { name: 'find-and-replace' } as const;

export interface ReplaceAllInput {
  doc: Y.Doc;
  schema: Schema;
  /** The scenes to replace in, in binder order. */
  sceneIds: string[];
  query: SearchQuery;
  /** Scenes the writer may not edit are left untouched. */
  mayEdit: (sceneId: string) => boolean;
  /**
   * The undo manager whose next Undo should revert the whole replacement: the open editor's, so
   * Ctrl+Z takes it back, or a manager of the caller's own when no editor is open.
   */
  undoManager: Y.UndoManager;
}

/** undone; or already undone (Ctrl+Z got there first); or other changes were made on top of it since. */
export type UndoResult = 'undone' | 'already-undone' | 'not-latest';

export interface ReplaceAllOutcome {
  replaced: number;
  /** Scenes that had at least one replacement. */
  scenes: number;
  /** Matches left alone because they cross a line break. */
  skipped: number;
  /** Scenes with matches the writer may not edit. */
  scenesNotEditable: number;
  /** Reverts exactly this replacement, if it is still the undo manager's latest step. */
  undo: () => UndoResult;
}

/**
 * Replaces every match in every given scene as ONE Yjs transaction on the live document, so open
 * editors and co-authors see it at once, concurrent typing merges around it, and one Undo reverts it.
 */
export function replaceAll(input: ReplaceAllInput): ReplaceAllOutcome {
  const { doc, schema, query, undoManager } = input;
  const editable = input.sceneIds.filter((id) => input.mayEdit(id));
  const fragments = editable.map((id) => doc.getXmlFragment(sceneField(id)));
  // The manager only records changes inside its scope, and only from origins it tracks.
  undoManager.addToScope(fragments);
  undoManager.addTrackedOrigin(FIND_REPLACE_ORIGIN);
  // Never merged with the typing just before or after it: it is its own step.
  undoManager.stopCapturing();
  const stackBefore = undoManager.undoStack.length;
  let replaced = 0;
  let scenes = 0;
  let skipped = 0;
  doc.transact(() => {
    for (const fragment of fragments) {
      const outcome = replaceInFragment(fragment, schema, query);
      replaced += outcome.replaced;
      skipped += outcome.skipped;
      if (outcome.replaced > 0) scenes += 1;
    }
  }, FIND_REPLACE_ORIGIN);
  undoManager.stopCapturing();
  const step = undoManager.undoStack.length > stackBefore ? undoManager.undoStack[undoManager.undoStack.length - 1] : null;
  const notEditable = input.sceneIds.filter((id) => !input.mayEdit(id));
  return {
    replaced,
    scenes,
    skipped,
    scenesNotEditable: countScenesWithMatches(doc, schema, notEditable, query),
    undo: () => {
      if (!step || !undoManager.undoStack.includes(step)) return 'already-undone';
      if (undoManager.undoStack[undoManager.undoStack.length - 1] !== step) return 'not-latest';
      undoManager.undo();
      return 'undone';
    },
  };
}

function countScenesWithMatches(doc: Y.Doc, schema: Schema, sceneIds: string[], query: SearchQuery): number {
  return sceneIds.filter((id) => hasMatch(doc.getXmlFragment(sceneField(id)), schema, query)).length;
}

function hasMatch(fragment: Y.XmlFragment, schema: Schema, query: SearchQuery): boolean {
  return findResults(stateFor(yXmlFragmentToProseMirrorRootNode(fragment, schema)), query, 1).length > 0;
}

/** A manager for replacements made while no editor is open; the caller destroys it. */
export function standaloneReplaceUndo(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager([], { trackedOrigins: new Set([FIND_REPLACE_ORIGIN]), doc });
}
