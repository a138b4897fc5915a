/** Room names are `manuscript.<id>`; ids are lowercase url-safe so nothing off the wire can traverse a path. */
export const MANUSCRIPT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{5,63}$/;

const ROOM_PREFIX = 'manuscript.';

export function formatRoomName(manuscriptId: string): string {
  if (!MANUSCRIPT_ID_PATTERN.test(manuscriptId)) throw new Error(`invalid manuscript id: ${manuscriptId}`);
  return ROOM_PREFIX + manuscriptId;
}

/** Returns the manuscript id, or null for anything that is not exactly a valid room name. */
export function parseRoomName(room: string): string | null {
  if (!room.startsWith(ROOM_PREFIX)) return null;
  const id = room.slice(ROOM_PREFIX.length);
  return MANUSCRIPT_ID_PATTERN.test(id) ? id : null;
}

/** The Y.Doc field that holds one scene's text, bound by Tiptap's Collaboration `field` option. */
export function sceneField(sceneId: string): string {
  return `scene.${sceneId}`;
}
