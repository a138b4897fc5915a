import type { Storage } from '../../lib/storage/storage';

/**
 * What rooms need of storage: the update log (load, append, compact, checkpoints, flush), drafts to
 * restore, quarantine, and the members' roles of loaded rooms.
 */
export type RoomStorage = Pick<Storage, 'documents' | 'drafts' | 'manuscripts' | 'members'>;
