import type * as Y from 'yjs';
import { sceneField } from '../collab/room-name';

export interface SceneWordWatch {
  /** Recounts every scene changed since the last settle; returns the net words this writer added since the last call. */
  settle(): number;
  stop(): void;
}

/**
 * Word counts per scene, recounted lazily, with this writer's own words told apart from a
 * co-author's even in the same scene: a scene is recounted before a change from the other side
 * touches the document, so each recount covers changes of one origin only (local or remote).
 */
export function watchSceneWords(doc: Y.Doc, sceneIds: string[], known: Map<string, number>, countScene: (sceneId: string) => number): SceneWordWatch {
  /** Scenes changed since their last recount, and whether the change was this writer's. */
  const pending = new Map<string, boolean>();
  let own = 0;

  const recount = (sceneId: string, local: boolean) => {
    const next = countScene(sceneId);
    const previous = known.get(sceneId);
    if (local && previous !== undefined) own += next - previous;
    known.set(sceneId, next);
    pending.delete(sceneId);
  };

  // Before a change from the other side lands, settle the scenes this side changed.
  const beforeTransaction = (transaction: Y.Transaction) => {
    for (const [sceneId, local] of pending) if (local !== transaction.local) recount(sceneId, local);
  };
  doc.on('beforeTransaction', beforeTransaction);

  const observers = sceneIds.map((sceneId) => {
    const fragment = doc.getXmlFragment(sceneField(sceneId));
    const observer = (_events: Y.YEvent<Y.XmlFragment>[], transaction: Y.Transaction) => {
      pending.set(sceneId, transaction.local);
    };
    fragment.observeDeep(observer);
    return () => fragment.unobserveDeep(observer);
  });

  // Scenes never counted yet start from what they hold now: nobody wrote that today on this device.
  for (const sceneId of sceneIds) if (!known.has(sceneId)) known.set(sceneId, countScene(sceneId));

  return {
    settle() {
      for (const [sceneId, local] of pending) recount(sceneId, local);
      const added = own;
      own = 0;
      return added;
    },
    stop() {
      doc.off('beforeTransaction', beforeTransaction);
      observers.forEach((stop) => stop());
    },
  };
}
