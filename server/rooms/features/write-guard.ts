import * as Y from 'yjs';
import { canWrite, hasAtLeast } from '../../../lib/domain/roles';
import { CloseCode } from '../../../lib/collab/close-codes';
import { ClientFault, type RoomContext, type RoomFeature } from '../feature';
import { SuggestionGuard } from '../suggestion-guard';

/**
 * Who may change the text: editors and the owner freely; a commenter only their own suggestions;
 * a viewer nothing. A reader's client answers sync with an update that holds nothing new, which is
 * dropped quietly; anything more is refused and closes that connection.
 */
export function writeGuard(room: RoomContext): RoomFeature {
  const suggestions = new SuggestionGuard(room.doc);
  const changesNothing = (update: Uint8Array) => {
    try {
      return Y.snapshotContainsUpdate(Y.snapshot(room.doc), update);
    } catch {
      return false;
    }
  };
  return {
    beforeUpdate(member, update) {
      const { role, user } = member.identity;
      if (canWrite(role)) return 'apply';
      if (changesNothing(update)) return 'ignore';
      if (!hasAtLeast(role, 'commenter')) throw new ClientFault(CloseCode.Forbidden, 'read-only connection sent a change');
      const refusal = suggestions.check(update, user.id);
      if (refusal) throw new ClientFault(CloseCode.SuggestionRefused, refusal);
      return 'apply';
    },
    dispose: () => suggestions.dispose(),
  };
}
