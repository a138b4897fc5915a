'use client';

import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { sceneField } from '@/lib/collab/room-name';
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

// The writer's own calendar day (en-CA formats as YYYY-MM-DD in local time).
const todayKey = (manuscriptId: string) => `scriptorium.today.${manuscriptId}.${new Date().toLocaleDateString('en-CA')}`;

/**
 * Live word counts per scene, counted incrementally: a change marks only its scene dirty, and
 * dirty scenes are recounted once typing pauses. Words from this writer's own edits add to today.
 */
export function useWordCounts(doc: Y.Doc | null, sceneIds: string[], manuscriptId: string, view: SuggestionView = 'original'): WordCounts {
  const [counts, setCounts] = useState<WordCounts>({ byScene: new Map(), today: 0, suggested: false });
  const known = useRef(new Map<string, number>());
  const withSuggestions = useRef(new Set<string>());
  const lastView = useRef(view);
  const sceneKey = sceneIds.join(',');

  useEffect(() => {
    if (!doc) return;
    const dirty = new Set<string>(sceneIds);
    // Counting the other view changes totals without anyone writing: not today's words.
    let viewChanged = lastView.current !== view;
    lastView.current = view;
    const touchedLocally = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recount = () => {
      timer = undefined;
      let today = Number(localStorage.getItem(todayKey(manuscriptId)) ?? '0') || 0;
      for (const id of dirty) {
        const next = countSceneWords(doc, id, view);
        if (sceneText(doc, id, 'original') !== sceneText(doc, id, 'accepted')) withSuggestions.current.add(id);
        else withSuggestions.current.delete(id);
        const previous = known.current.get(id);
        if (previous !== undefined && touchedLocally.has(id) && !viewChanged) today += next - previous;
        known.current.set(id, next);
      }
      dirty.clear();
      touchedLocally.clear();
      localStorage.setItem(todayKey(manuscriptId), String(today));
      viewChanged = false;
      setCounts({ byScene: new Map(known.current), today, suggested: withSuggestions.current.size > 0 });
    };
    const schedule = () => {
      if (timer === undefined) timer = setTimeout(recount, RECOUNT_DELAY_MS);
    };
    const observers = sceneIds.map((id) => {
      const fragment = doc.getXmlFragment(sceneField(id));
      const observer = (events: Y.YEvent<Y.XmlFragment>[]) => {
        dirty.add(id);
        if (events.some((event) => event.transaction.local)) touchedLocally.add(id);
        schedule();
      };
      fragment.observeDeep(observer);
      return () => fragment.unobserveDeep(observer);
    });
    recount();
    return () => {
      clearTimeout(timer);
      observers.forEach((stop) => stop());
    };
    // sceneKey stands for sceneIds, whose array identity changes on every binder read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, sceneKey, manuscriptId, view]);

  return counts;
}
