'use client';

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { BINDER_FIELD, readBinder, type Binder } from '@/lib/manuscript/binder';

/** The manuscript's binder, re-read whenever any co-author changes it. */
export function useBinder(doc: Y.Doc | null): Binder | null {
  const [binder, setBinder] = useState<Binder | null>(() => (doc ? readBinder(doc) : null));
  useEffect(() => {
    if (!doc) return;
    const items = doc.getMap(BINDER_FIELD);
    const refresh = () => setBinder(readBinder(doc));
    refresh();
    items.observeDeep(refresh);
    return () => items.unobserveDeep(refresh);
  }, [doc]);
  return binder;
}
