import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../lib/collab/message-types';
import { replayUpdates } from '../lib/collab/replay';
import { readUpdates } from '../lib/storage/sqlite';
import { hostileFrame } from './testing/frame-fuzz';
import { waitFor } from './testing/headless-client';
import { startHarness, type Harness } from './testing/server-harness';

/** Frames per run: FUZZ_FRAMES=100000 for the long run (`npm run fuzz:collab`). */
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

describe('fuzzing the collab server over real sockets', () => {
  it(`${FRAMES} malformed and mutated frames from a viewer and an editor never touch a healthy writer`, async () => {
    console.log(`[fuzz] seed ${SEED} (re-run with FUZZ_SEED=${SEED}), ${FRAMES} frames`);
    harness = await startHarness({ maxMessageBytes: 1024 * 1024, roomLimits: { framesPerSecond: 1e9, frameBurst: 1e9 } });
    const { id, owner } = harness.newManuscript();
    const healthy = await harness.client(id, owner);
    await waitFor(() => healthy.saves.status === 'saved', 'healthy writer synced');
    let healthyClosed = 0;
    healthy.provider.on('connection-close', () => (healthyClosed += 1));
    const attackers = [harness.member(id, 'Vic', 'viewer'), harness.member(id, 'Eve', 'editor')];
    const frames = fc.sample(hostileFrame, { numRuns: FRAMES, seed: SEED });

    // Each frame is followed by a query-awareness probe: its answer (or the close) proves the server handled the frame.
    const probe = new Uint8Array([MessageType.QueryAwareness]);
    let sent = 0;
    let closedAttackers = 0;
    while (sent < frames.length) {
      // Viewer and editor take turns, each on a fresh connection once the server has closed the last one.
      const ws = await harness.rawSocketAs(id, attackers[closedAttackers % 2]!);
      ws.on('error', () => {});
      let next = sent;
      await new Promise<void>((resolve) => {
        let waiting = 0;
        const sendNext = () => {
          if (next >= frames.length || next - sent >= 200) return finish();
          waiting = 1;
          ws.send(frames[next++]!);
          ws.send(probe);
        };
        const finish = () => {
          ws.off('message', onMessage);
          ws.off('close', onClose);
          resolve();
        };
        const onMessage = (data: Buffer) => {
          if (waiting && data[0] === MessageType.Awareness) {
            waiting = 0;
            if (next % 500 === 0) healthy.type('.');
            sendNext();
          }
        };
        const onClose = () => {
          closedAttackers += 1;
          finish();
        };
        ws.on('message', onMessage);
        ws.on('close', onClose);
        sendNext();
      });
      ws.terminate();
      sent = next;
    }
    console.log(`[fuzz] handled ${sent} frames; ${closedAttackers} attacker connections closed by the server`);
    healthy.type(' done');
    await waitFor(() => healthy.saves.status === 'saved', 'healthy writer saved after the storm', 30_000).catch((error: unknown) => {
      const room = harness.server.rooms.getLoadedRoom(id);
      console.log(`[fuzz] healthy: status ${healthy.saves.status}, connected ${healthy.provider.wsconnected}, synced ${healthy.provider.synced}, room failed ${room?.hasFailed}, pending ${!!room?.doc.store.pendingStructs}/${!!room?.doc.store.pendingDs}`);
      console.log(harness.logs.filter((line) => !line.includes('closing a connection')).slice(-10).join('\n'));
      throw error;
    });

    expect(healthyClosed).toBe(0);
    expect(healthy.provider.wsconnected).toBe(true);
    expect(harness.server.rooms.getLoadedRoom(id)?.hasFailed).toBe(false);
    // Every stored manuscript still loads, and holds what the healthy writer wrote.
    for (const row of harness.db.$client.prepare('SELECT id FROM manuscripts').all() as { id: string }[]) {
      const doc = new Y.Doc();
      replayUpdates(doc, readUpdates(harness.db, row.id));
      if (row.id === id) expect(doc.getText('t').toString()).toContain(healthy.text());
    }
  }, Math.max(300_000, FRAMES * 12));
});
