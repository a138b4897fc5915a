'use client';

import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { sceneField } from '@/lib/collab/room-name';
import { countSceneWords } from '@/lib/manuscript/word-count';

/** Recounts after typing pauses this long: counting never sits on the keystroke path. */
const RECOUNT_DELAY_MS = 400;

export interface WordCounts {
  byScene: Map<string, number>;
  /** Net words this writer added today on this device, across sessions. */
  today: number;
}

// The writer's own calendar day (en-CA formats as YYYY-MM-DD in local time).
const todayKey = (manuscriptId: string) => `scriptorium.today.${manuscriptId}.${new Date().toLocaleDateString('en-CA')}`;

/**
 * Live word counts per scene, counted incrementally: a change marks only its scene dirty, and
 * dirty scenes are recounted once typing pauses. Words from this writer's own edits add to today.
 */
export function useWordCounts(doc: Y.Doc | null, sceneIds: string[], manuscriptId: string): WordCounts {
  const [counts, setCounts] = useState<WordCounts>({ byScene: new Map(), today: 0 });
  const known = useRef(new Map<string, number>());
  const sceneKey = sceneIds.join(',');

  useEffect(() => {
    if (!doc) return;
    const dirty = new Set<string>(sceneIds);
    const touchedLocally = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recount = () => {
      timer = undefined;
      let today = Number(localStorage.getItem(todayKey(manuscriptId)) ?? '0') || 0;
      for (const id of dirty) {
        const next = countSceneWords(doc, id);
        const previous = known.current.get(id);
        if (previous !== undefined && touchedLocally.has(id)) today += next - previous;
        known.current.set(id, next);
      }
      dirty.clear();
      touchedLocally.clear();
      localStorage.setItem(todayKey(manuscriptId), String(today));
      setCounts({ byScene: new Map(known.current), today });
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
  }, [doc, sceneKey, manuscriptId]);

  return counts;
}
