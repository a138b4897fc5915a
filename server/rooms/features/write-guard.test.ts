import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../lib/collab/close-codes';
import { encodeSyncStep2, encodeSyncUpdate } from '../../../lib/collab/protocol';
import { FakeSocket } from '../../testing/fake-socket';
import { edit, identity, testRoom } from '../../testing/test-room';

describe('the write guard', () => {
  it('drops and disconnects a read-only connection that sends an update', async () => {
    const { memory, room } = testRoom();
    const viewer = new FakeSocket();
    room.join(viewer, identity('viewer'));
    room.receive(viewer, encodeSyncUpdate(edit('sneaky')));
    await room.flush();
    expect(viewer.closedWith?.code).toBe(CloseCode.Forbidden);
    expect(memory.rows('ms-test-1')).toHaveLength(0);
    expect(room.doc.getText('t').toString()).toBe('');
  });

  it('lets a reader answer sync with what the room already holds, storing nothing and keeping the connection', async () => {
    const { memory, room } = testRoom();
    const editor = new FakeSocket();
    const viewer = new FakeSocket();
    room.join(editor, identity('editor'));
    room.join(viewer, identity('viewer', { id: 'v' }));
    room.receive(editor, encodeSyncUpdate(edit('held')));
    await room.flush();
    room.receive(viewer, encodeSyncStep2(Y.encodeStateAsUpdate(room.doc)));
    await room.flush();
    expect(viewer.closedWith).toBeNull();
    expect(memory.rows('ms-test-1')).toHaveLength(1);
  });

  it('refuses a commenter’s plain text (not a suggestion of theirs), closing that connection only', async () => {
    const { memory, room } = testRoom();
    const commenter = new FakeSocket();
    const editor = new FakeSocket();
    room.join(commenter, identity('commenter', { id: 'c' }));
    room.join(editor, identity('editor'));
    room.receive(commenter, encodeSyncUpdate(edit('not a suggestion')));
    room.receive(editor, encodeSyncUpdate(edit('words')));
    await room.flush();
    expect(commenter.closedWith?.code).toBe(CloseCode.SuggestionRefused);
    expect(editor.closedWith).toBeNull();
    expect(memory.rows('ms-test-1')).toHaveLength(1);
  });
});
