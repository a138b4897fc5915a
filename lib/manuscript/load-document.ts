import * as Y from 'yjs';
import { replayUpdates } from '../collab/replay';
import { readUpdates, type Db } from '../db';

/**
 * The manuscript's current document, straight from the stored update log. Every update is stored
 * before collab broadcasts it, so this is current even while co-authors type.
 */
export function loadManuscriptDoc(db: Db, manuscriptId: string): Y.Doc {
  const doc = new Y.Doc();
  replayUpdates(doc, readUpdates(db, manuscriptId));
  return doc;
}
