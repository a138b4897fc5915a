import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { encodeCommentOp, readCommentEvent, type CommentEvent, type CommentOpInput } from '../../../lib/collab/comment-messages';
import { MessageType } from '../../../lib/collab/message-types';
import type { CommentService } from '../../comments/comment-service';
import { FakeSocket } from '../../testing/fake-socket';
import { identity, testRoom } from '../../testing/test-room';

const eventsOf = (socket: FakeSocket): CommentEvent[] =>
  socket.sent
    .filter((frame) => frame[0] === MessageType.CommentEvent)
    .map((frame) => {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder);
      return readCommentEvent(decoder)!;
    });

const reply: CommentOpInput = { op: 'reply', requestId: 'r1', threadId: 'thread0001', body: 'Agreed.', mentions: [] };

describe('comments in a room', () => {
  it('sends the threads on joining, answers the asker, and tells everyone (and the other instances) what changed', async () => {
    const service: CommentService = {
      threads: async () => [],
      handle: async () => ({ reply: { kind: 'done', requestId: 'r1' }, broadcast: { kind: 'deleted', threadId: 'thread0001' } }),
    };
    const { room, published } = testRoom({ comments: service, clustered: true });
    const asker = new FakeSocket();
    const other = new FakeSocket();
    room.join(asker, identity('commenter'));
    room.join(other, identity('editor', { id: 'v' }));
    await room.flush();
    expect(eventsOf(other)).toEqual([{ kind: 'threads', threads: [], replace: true }]);
    room.receive(asker, encodeCommentOp(reply));
    await room.flush();
    expect(eventsOf(asker).slice(1)).toEqual([{ kind: 'done', requestId: 'r1' }, { kind: 'deleted', threadId: 'thread0001' }]);
    expect(eventsOf(other).slice(1)).toEqual([{ kind: 'deleted', threadId: 'thread0001' }]);
    expect(published.filter((message) => message.kind === 'broadcast')).toHaveLength(1);
  });

  it('a store that fails is the server’s fault: logged as an error, the operation refused, the writer left connected', async () => {
    const service: CommentService = {
      threads: async () => [],
      handle: () => Promise.reject(new Error('SQLITE_BUSY: database is locked')),
    };
    const { room, logged } = testRoom({ comments: service });
    const writer = new FakeSocket();
    room.join(writer, identity('commenter'));
    room.receive(writer, encodeCommentOp(reply));
    await room.flush();
    expect(writer.closedWith).toBeNull();
    expect(eventsOf(writer).slice(1)).toEqual([{ kind: 'refused', requestId: 'r1', message: expect.stringMatching(/problem on the server/) }]);
    expect(logged.filter((entry) => entry.fields.level === 'error').map((entry) => entry.line)).toEqual([expect.stringMatching(/comment operation failed: SQLITE_BUSY/)]);
  });

  it('without a comment service, comment frames are ignored', async () => {
    const { room } = testRoom();
    const writer = new FakeSocket();
    room.join(writer, identity('commenter'));
    room.receive(writer, encodeCommentOp(reply));
    await room.flush();
    expect(writer.closedWith).toBeNull();
    expect(eventsOf(writer)).toEqual([]);
  });
});
