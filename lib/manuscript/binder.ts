import crypto from 'node:crypto';
import * as Y from 'yjs';

/** The Y.Doc field holding the manuscript's structure: a Y.Array of Y.Maps, one per binder item. */
export const BINDER_FIELD = 'binder';

export interface BinderScene {
  id: string;
  kind: 'scene';
  title: string;
}

export function newSceneId(): string {
  return crypto.randomBytes(6).toString('base64url').toLowerCase().replace(/[-_]/g, 'x');
}

/** The scenes in binder order; items that are not well-formed scenes are skipped, never thrown on. */
export function readScenes(doc: Y.Doc): BinderScene[] {
  const scenes: BinderScene[] = [];
  for (const item of doc.getArray<Y.Map<unknown>>(BINDER_FIELD).toArray()) {
    if (!(item instanceof Y.Map)) continue;
    const id = item.get('id');
    const title = item.get('title');
    if (item.get('kind') === 'scene' && typeof id === 'string') {
      scenes.push({ id, kind: 'scene', title: typeof title === 'string' ? title : '' });
    }
  }
  return scenes;
}

/** The initial document of a new manuscript, built once on the server so no client ever seeds content. */
export function encodeNewManuscript(firstSceneTitle = 'Scene 1'): Uint8Array {
  const doc = new Y.Doc();
  const scene = new Y.Map<unknown>();
  scene.set('id', newSceneId());
  scene.set('kind', 'scene');
  scene.set('title', firstSceneTitle);
  doc.getArray(BINDER_FIELD).push([scene]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
