'use client';

import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { sceneField } from '@/lib/collab/room-name';
import { watchSceneWords } from '@/lib/manuscript/scene-word-watch';
import { countSceneWords, sceneText, type SuggestionView } from '@/lib/manuscript/word-count';

/** Recounts after typing pauses this long: counting never sits on the keystroke path. */
const RECOUNT_DELAY_MS = 400;

export interface WordCounts {
  byScene: Map<string, number>;
  /** Net words this writer added today on this device, across sessions. */
  today: number;
  /** Some scene holds suggestions (so counting the original or the accepted text differs). */
  suggested: boolean;
}

/** Where this device keeps today's words: per manuscript and per the writer's own calendar day (en-CA is YYYY-MM-DD, local time). */
export const todayKey = (manuscriptId: string, now = new Date()) => `scriptorium.today.${manuscriptId}.${now.toLocaleDateString('en-CA')}`;

/** Today's total after adding `added` words to what this device stored (a missing or damaged entry counts as 0). */
export const addToStoredTotal = (stored: string | null, added: number) => (Number(stored ?? '0') || 0) + added;

/**
 * Live word counts per scene, counted incrementally: a change marks only its scene dirty, and
 * dirty scenes are recounted once typing pauses. Only this writer's own edits add to today, even
 * when a co-author types in the same scene (see watchSceneWords).
 */
export function useWordCounts(doc: Y.Doc | null, sceneIds: string[], manuscriptId: string, view: SuggestionView = 'original'): WordCounts {
  const [counts, setCounts] = useState<WordCounts>({ byScene: new Map(), today: 0, suggested: false });
  const known = useRef(new Map<string, number>());
  const withSuggestions = useRef(new Set<string>());
  const lastView = useRef(view);
  const sceneKey = sceneIds.join(',');

  useEffect(() => {
    if (!doc) return;
    // Counting the other view changes totals without anyone writing: start its counts afresh, not as today's words.
    if (lastView.current !== view) known.current.clear();
    lastView.current = view;
    const watch = watchSceneWords(doc, sceneIds, known.current, (id) => countSceneWords(doc, id, view));
    // Scenes changed since the last recount, to re-check only those for suggestions.
    const dirty = new Set<string>(sceneIds);
    const unobserve = sceneIds.map((id) => {
      const fragment = doc.getXmlFragment(sceneField(id));
      const mark = () => void dirty.add(id);
      fragment.observeDeep(mark);
      return () => fragment.unobserveDeep(mark);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Today's total lives in this device's storage, so a reload or a second tab keeps adding to it.
    const addToToday = () => {
      const key = todayKey(manuscriptId);
      const today = addToStoredTotal(localStorage.getItem(key), watch.settle());
      localStorage.setItem(key, String(today));
      return today;
    };
    const recount = () => {
      timer = undefined;
      // Settle first: it brings the per-scene counts up to date as well.
      const today = addToToday();
      for (const id of dirty) {
        if (sceneText(doc, id, 'original') !== sceneText(doc, id, 'accepted')) withSuggestions.current.add(id);
        else withSuggestions.current.delete(id);
      }
      dirty.clear();
      setCounts({ byScene: new Map(known.current), today, suggested: withSuggestions.current.size > 0 });
    };
    const schedule = () => {
      if (timer === undefined) timer = setTimeout(recount, RECOUNT_DELAY_MS);
    };
    doc.on('afterTransaction', schedule);
    recount();
    return () => {
      clearTimeout(timer);
      doc.off('afterTransaction', schedule);
      addToToday();
      watch.stop();
      unobserve.forEach((stop) => stop());
    };
    // sceneKey stands for sceneIds, whose array identity changes on every binder read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, sceneKey, manuscriptId, view]);

  return counts;
}
