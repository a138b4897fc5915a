import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import type * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';

/**
 * Each scene's text as a ProseMirror node, built from its fragment on first use and rebuilt only
 * after that fragment changes, so searching a whole manuscript again costs only the scenes typed in.
 */
export class SceneNodes {
  private readonly nodes = new Map<string, PMNode>();
  private readonly watched = new Map<string, () => void>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly schema: Schema,
  ) {}

  node(sceneId: string): PMNode {
    const cached = this.nodes.get(sceneId);
    if (cached) return cached;
    const fragment = this.doc.getXmlFragment(sceneField(sceneId));
    if (!this.watched.has(sceneId)) {
      const forget = () => void this.nodes.delete(sceneId);
      fragment.observeDeep(forget);
      this.watched.set(sceneId, () => fragment.unobserveDeep(forget));
    }
    const node = yXmlFragmentToProseMirrorRootNode(fragment, this.schema);
    this.nodes.set(sceneId, node);
    return node;
  }

  destroy(): void {
    for (const stop of this.watched.values()) stop();
    this.watched.clear();
    this.nodes.clear();
  }
}
