import * as Y from 'yjs';
import { replayUpdates } from '../collab/replay';
import type { DocumentStore } from '../storage/storage';

/**
 * The manuscript's current document, straight from the stored update log. Every update is stored
 * before collab broadcasts it, so this is current even while co-authors type.
 */
export async function loadManuscriptDoc(documents: DocumentStore, manuscriptId: string): Promise<Y.Doc> {
  const updates = await documents.readUpdates(manuscriptId);
  const doc = new Y.Doc();
  try {
    replayUpdates(doc, updates);
  } catch (error) {
    doc.destroy();
    throw error;
  }
  return doc;
}
