import * as Y from 'yjs';
import { canWrite } from '../../../lib/domain/roles';
import { encodeRestoreResult } from '../../../lib/collab/protocol';
import type { Member, RoomContext, RoomFeature } from '../feature';

/** Who restored which draft, once it is stored (for the inbox). */
export interface DraftRestored {
  manuscriptId: string;
  actorId: string;
  draftName: string;
}

type RestoreModule = typeof import('../../../lib/drafts/restore');

export interface DraftRestoreOptions {
  /** Keeps a checkpoint of the stored state: the one before a restore, so the restore can be undone. */
  checkpoint(name: string): Promise<void>;
  /** Hears of each restore once it is stored, so co-authors can be told (the inbox). */
  onRestored?: (event: DraftRestored) => void;
  /** Loads the restore code; by default on first restore, since it brings the editor schema, which the collab server needs for nothing else. */
  loadRestore?: () => Promise<Pick<RestoreModule, 'restoreDraftInto'>>;
}

const SERVER_FAILURE = 'The draft could not be restored because of a problem on the server, so nothing was changed. Try again in a moment.';

/**
 * Restores a saved draft as one transaction in the live document, relayed and stored like any
 * update. The state just before is kept as a checkpoint, so a restore can be undone. A draft that
 * cannot be read fails this restore only; a failure of the server's own (its storage, its code)
 * is logged as the server's and answered as a failed restore, never blamed on the writer's frame.
 */
export function draftRestore(room: RoomContext, options: DraftRestoreOptions): RoomFeature {
  const loadRestore = options.loadRestore ?? (() => import('../../../lib/drafts/restore'));

  const restore = async (member: Member, draftId: string, reply: (ok: boolean, message: string) => void) => {
    if (!canWrite(member.identity.role)) return reply(false, 'Only editors and the owner can restore a draft.');
    const draft = await room.storage.drafts.get(room.manuscriptId, draftId);
    if (!draft) return reply(false, 'That draft no longer exists.');
    const draftDoc = new Y.Doc();
    try {
      try {
        Y.decodeUpdate(draft.state);
        Y.applyUpdate(draftDoc, draft.state);
      } catch (error) {
        room.log(`draft ${draftId} does not decode: ${(error as Error).message}`, { level: 'warn' });
        return reply(false, `“${draft.name}” could not be read, so nothing was changed. The other drafts are unaffected.`);
      }
      const { restoreDraftInto } = await loadRestore();
      await options.checkpoint(`Before restoring “${draft.name}”`);
      const { error } = room.changeAndStore(() => restoreDraftInto(room.doc, draftDoc, 'restore'), member);
      await room.stored();
      if (room.failed) return;
      if (error) return reply(false, `The restore stopped part-way (${(error as Error).message}); what changed is saved.`);
      const restoredBy = member.identity.user.name;
      room.log(`${restoredBy} restored a draft`, { userId: member.identity.user.id });
      options.onRestored?.({ manuscriptId: room.manuscriptId, actorId: member.identity.user.id, draftName: draft.name });
      reply(true, `Restored “${draft.name}”.`);
      // Co-authors' text just changed under them: tell them who did it and where the undo is.
      const notice = encodeRestoreResult({ ok: true, message: `${restoredBy} restored “${draft.name}” — Undo is in History.`, restoredBy, draftName: draft.name });
      room.broadcast(notice, member);
      room.fanOut({ kind: 'broadcast', frame: notice });
    } finally {
      draftDoc.destroy();
    }
  };

  return {
    messages: {
      'restore-draft': (member, { draftId }) =>
        room.enqueueFor(member, async () => {
          const reply = (ok: boolean, message: string) => room.send(member, encodeRestoreResult({ ok, message }));
          try {
            await restore(member, draftId, reply);
          } catch (error) {
            room.log(`restoring draft ${draftId} failed: ${(error as Error).message}`, { userId: member.identity.user.id, level: 'error' });
            reply(false, SERVER_FAILURE);
          }
        }),
    },
  };
}
