import { describe, expect, it } from 'vitest';
import { createJsonLog } from './log';

describe('collab log', () => {
  it('writes one JSON object per event, with the ids as fields and the level asked for', () => {
    const lines: string[] = [];
    const log = createJsonLog({ instance: 'i-1' }, { write: (line: string) => void lines.push(line) });
    log('manuscript m1: closing a connection (too many messages)', { manuscriptId: 'm1', userId: 'u1', code: 4408, level: 'warn' });
    log('listening on ws://127.0.0.1:1234');
    const [closing, listening] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(closing).toMatchObject({ level: 40, service: 'collab', instance: 'i-1', manuscriptId: 'm1', userId: 'u1', code: 4408, msg: 'manuscript m1: closing a connection (too many messages)' });
    expect(listening).toMatchObject({ level: 30, msg: 'listening on ws://127.0.0.1:1234' });
    expect(typeof closing!.time).toBe('string');
  });
});
