import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from './testing/headless-client';
import { startHarness, type Harness } from './testing/server-harness';

let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

describe('"Saved" means the changes made on this device are stored', () => {
  it('a co-author who only reads relayed words stays "saved"; the writer is "saved" once the commit returns', async () => {
    harness = await startHarness();
    const { id, owner } = harness.newManuscript();
    const ada = await harness.client(id, owner);
    const ben = await harness.client(id, harness.member(id, 'Ben', 'editor'));
    await waitFor(() => ada.saves.status === 'saved' && ben.saves.status === 'saved', 'both synced');
    const statuses = new Set<string>();
    ben.provider.on('status', () => statuses.add(ben.saves.status));
    ada.type('Relayed before it is stored.');
    await waitFor(() => ben.text() === 'Relayed before it is stored.', 'relayed');
    expect(ben.saves.status).toBe('saved');
    expect(ben.saves.hasUnstoredChanges()).toBe(false);
    await waitFor(() => ada.saves.status === 'saved', 'writer acknowledged');
    expect(harness.storedText(id)).toBe('Relayed before it is stored.');
  });
});
