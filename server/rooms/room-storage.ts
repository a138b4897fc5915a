import type { RoleSource } from '../auth/roles';
import type { Persistence } from '../persistence/persistence';

// The one place rooms name their storage: swap these two lines to move rooms onto another store.

/** What rooms need of storage: the update log (load, append, compact, quarantine), checkpoints and drafts. */
export type RoomStorage = Persistence;

/** The members' roles of loaded rooms, re-read so a change reaches open connections. */
export type RoomRoles = RoleSource;
