import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { readScenes } from '../manuscript/binder';

/** Every writer with a pending suggestion in the manuscript (their user ids), so a Review DOCX can name them. */
export function suggestionAuthors(doc: Y.Doc): Set<string> {
  const authors = new Set<string>();
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as Array<{ attributes?: Record<string, { author?: unknown } | undefined> }>) {
          for (const kind of ['insertion', 'deletion']) {
            const author = op.attributes?.[kind]?.author;
            if (typeof author === 'string') authors.add(author);
          }
        }
      } else if (child instanceof Y.XmlElement) {
        const suggested = child.getAttribute('suggestion') as unknown as { author?: unknown } | undefined;
        if (typeof suggested?.author === 'string') authors.add(suggested.author);
        visit(child);
      }
    }
  };
  for (const scene of readScenes(doc)) visit(doc.getXmlFragment(sceneField(scene.id)));
  return authors;
}
