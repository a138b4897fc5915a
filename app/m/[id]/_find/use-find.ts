'use client';

import { getSchema } from '@tiptap/core';
import type { Editor } from '@tiptap/react';
import type { SearchQuery } from 'prosemirror-search';
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { manuscriptExtensions } from '@/lib/editor/extensions';
import { matchPosition, selectNearest, showQuery, type MatchPosition } from '@/lib/editor/find/find-highlights';
import { SceneNodes } from '@/lib/editor/find/scene-nodes';
import { searchManuscript, type ManuscriptResults, type SceneToSearch } from '@/lib/editor/find/search';
import type { Binder } from '@/lib/manuscript/binder';

export type FindMode = 'find' | 'replace';

/** The scene editor on screen, if any, and which scene it holds. */
export interface OpenEditor {
  editor: Editor;
  sceneId: string;
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Ctrl+F (Cmd+F) opens Find; Ctrl+H (Cmd+Shift+H on macOS) opens Find and replace, anywhere in the workspace. */
export function useFindShortcuts(open: (mode: FindMode) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mac = isMac();
      const mod = mac ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'f' && !event.shiftKey) {
        event.preventDefault();
        open('find');
      } else if (key === 'h' && event.shiftKey === mac) {
        event.preventDefault();
        open('replace');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
}

const EMPTY: MatchPosition = { current: -1, total: 0, ranges: [] };

/**
 * Shows the query's matches in the open editor and keeps "3 of 17" true while anyone types. A new
 * query selects the match nearest the caret; closing clears the highlights.
 */
export function useEditorMatches(open: OpenEditor | null, query: SearchQuery | null): MatchPosition {
  const [position, setPosition] = useState<MatchPosition>(EMPTY);
  const editor = open?.editor ?? null;
  useEffect(() => {
    if (!editor || editor.isDestroyed) return setPosition(EMPTY);
    const refresh = () => setPosition(matchPosition(editor.state));
    showQuery(editor.view, query);
    if (query) selectNearest(editor.view);
    refresh();
    editor.on('transaction', refresh);
    return () => {
      editor.off('transaction', refresh);
      if (!editor.isDestroyed) showQuery(editor.view, null);
    };
  }, [editor, query]);
  return position;
}

/** Results across every scene, from the scenes' text (never their editors), kept current as co-authors write. */
export function useManuscriptResults(doc: Y.Doc, binder: Binder, query: SearchQuery | null, active: boolean): { results: ManuscriptResults | null; refresh: () => void } {
  const nodes = sceneNodesOf(doc);
  const scenes = useMemo(() => scenesToSearch(binder), [binder]);
  // Build the scenes' nodes while the writer is still typing the word, one scene per idle moment.
  useEffect(() => {
    if (!active) return;
    let index = 0;
    let handle = 0;
    const warm = () => {
      if (index >= scenes.length) return;
      nodes.node(scenes[index++]!.id);
      handle = window.setTimeout(warm, 0);
    };
    handle = window.setTimeout(warm, 0);
    return () => clearTimeout(handle);
  }, [active, nodes, scenes]);
  const [results, setResults] = useState<ManuscriptResults | null>(null);
  const [edits, setEdits] = useState(0);
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setEdits((n) => n + 1), 400);
    };
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
    };
  }, [doc, active]);
  useEffect(() => {
    if (!active || !query) return setResults(null);
    // A short pause while the writer is still typing the word.
    const timer = setTimeout(() => setResults(searchManuscript(scenes, (id) => nodes.node(id), query)), 120);
    return () => clearTimeout(timer);
  }, [active, query, scenes, nodes, edits]);
  return { results, refresh: () => setEdits((n) => n + 1) };
}

const schema = getSchema(manuscriptExtensions());
const nodesByDoc = new WeakMap<Y.Doc, SceneNodes>();

/** One cache of scene nodes per manuscript document, kept while the page lives so Find reopens warm. */
function sceneNodesOf(doc: Y.Doc): SceneNodes {
  let nodes = nodesByDoc.get(doc);
  if (!nodes) {
    nodes = new SceneNodes(doc, schema);
    nodesByDoc.set(doc, nodes);
    doc.once('destroy', () => nodes!.destroy());
  }
  return nodes;
}

/** Live scenes in binder order, each with the title of the chapter it sits in. */
export function scenesToSearch(binder: Binder): SceneToSearch[] {
  return binder.scenes.map((scene) => {
    const parent = scene.parentId ? binder.byId.get(scene.parentId) : undefined;
    return { id: scene.id, title: scene.title || 'Untitled scene', chapterTitle: parent?.kind === 'chapter' ? parent.title || 'Untitled chapter' : null };
  });
}
