import { getSchema } from '@tiptap/core';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { manuscriptExtensions } from '../editor/extensions';
import { BINDER_FIELD } from '../manuscript/binder';

const schema = getSchema(manuscriptExtensions());
const ITEM_FIELDS = ['kind', 'title', 'synopsis', 'status', 'position', 'trashedAt'] as const;

/**
 * Makes the live document read like `draft`, as one transaction of minimal changes: binder items
 * take the draft's fields (items born since go to the binder's trash), and each scene's text is
 * diffed into place, so paragraphs the draft shares with the live text are kept and whatever a
 * co-author types in them at the same moment survives.
 */
export function restoreDraftInto(live: Y.Doc, draft: Y.Doc, origin: unknown = 'restore'): void {
  const liveItems = live.getMap<Y.Map<unknown>>(BINDER_FIELD);
  const draftItems = draft.getMap<Y.Map<unknown>>(BINDER_FIELD);
  const now = Date.now();
  live.transact(() => {
    draftItems.forEach((draftItem, id) => {
      let item = liveItems.get(id);
      if (!item) {
        item = new Y.Map<unknown>();
        liveItems.set(id, item);
      }
      for (const field of ITEM_FIELDS) {
        const wanted = draftItem.get(field);
        if (wanted === undefined) {
          if (item.has(field)) item.delete(field);
        } else if (JSON.stringify(item.get(field)) !== JSON.stringify(wanted)) {
          item.set(field, wanted);
        }
      }
    });
    liveItems.forEach((item, id) => {
      if (!draftItems.has(id) && typeof item.get('trashedAt') !== 'number') item.set('trashedAt', now);
    });
    draftItems.forEach((draftItem, id) => {
      if (draftItem.get('kind') !== 'scene') return;
      const pmNode = yXmlFragmentToProseMirrorRootNode(draft.getXmlFragment(sceneField(id)), schema);
      updateYFragment(live, live.getXmlFragment(sceneField(id)), pmNode, { mapping: new Map(), isOMark: new Map() } as never);
    });
  }, origin);
}
