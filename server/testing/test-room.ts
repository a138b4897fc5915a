import * as Y from 'yjs';
import type { Identity, Role } from '../auth/authenticate';
import type { FanoutMessage } from '../fanout/fanout';
import type { LogFields } from '../log';
import { createMemoryStorage } from '../../lib/storage/memory/storage';
import { roomFeatures, type RoomFeatureOptions } from '../rooms/features';
import { Room } from '../rooms/room';
import type { RoomLimits } from '../rooms/room-options';
import type { RoomStorage } from '../rooms/room-storage';

// For unit tests: a room over in-memory storage, built from the real feature list.

export const TEST_MANUSCRIPT = 'ms-test-1';

export interface TestRoomOptions extends Partial<RoomFeatureOptions> {
  limits?: Partial<RoomLimits>;
  /** Makes this room one of several instances: what it publishes is collected in `published`. */
  clustered?: boolean;
  /** Replaces parts of the storage (a failing read, say). */
  storage?: (memory: RoomStorage) => RoomStorage;
}

export function testRoom(options: TestRoomOptions = {}) {
  const memory = createMemoryStorage();
  memory.create(TEST_MANUSCRIPT);
  const log: string[] = [];
  const logged: { line: string; fields: LogFields }[] = [];
  const published: FanoutMessage[] = [];
  const features = roomFeatures({ compactEveryUpdates: 1000, checkpointIntervalMs: 3_600_000, ...options });
  const storage = options.storage ? options.storage(memory.storage) : memory.storage;
  const room = new Room(
    TEST_MANUSCRIPT,
    storage,
    {
      features,
      limits: options.limits,
      log: (line, fields = {}) => {
        log.push(line);
        logged.push({ line, fields });
      },
    },
    options.clustered ? (message) => published.push(message) : undefined,
  );
  return { memory, room, log, logged, published };
}

export const identity = (role: Role = 'editor', user: Partial<Identity['user']> = {}): Identity => ({ user: { id: 'u', name: 'Ada', color: '#aa3355', ...user }, role });

/** An update that inserts `text` into a fresh document's text `t`. */
export function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}
