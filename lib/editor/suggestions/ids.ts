/**
 * Ids unique across concurrent writers: the Yjs client id (unique per open document) plus a random
 * part (in case a client id is ever reused) and a counter. Never "highest id + 1", which two writers
 * would both pick at once.
 */
export function suggestionIds(clientId: () => number): () => string {
  const salt = Math.floor(Math.random() * 36 ** 4).toString(36);
  let counter = 0;
  return () => `${clientId().toString(36)}${salt}-${(++counter).toString(36)}`;
}
