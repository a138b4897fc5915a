import { describe, expect, it } from 'vitest';
import { CloseCode, closeReason } from '@/lib/collab/close-codes';
import { shouldReconnectAfter } from '@/lib/collab/reconnect';
import { MAX_FORBIDDEN_IN_A_ROW, OUTDATED_MESSAGE, outcomeOfClose, SUGGESTION_REFUSED_MESSAGE, TOO_LARGE_MESSAGE, type CloseOutcome } from './close-outcome';

// What the writer sees for every close code the server sends, on the first close of its kind.
const EXPECTED: Record<keyof typeof CloseCode, CloseOutcome> = {
  ServiceRestart: { kind: 'reconnect' },
  TryAgainLater: { kind: 'reconnect' },
  StorageFailure: { kind: 'reconnect' },
  MessageTooBig: { kind: 'stall', message: TOO_LARGE_MESSAGE },
  InvalidMessage: { kind: 'fatal', message: 'The server refused this manuscript: invalid message.' },
  Unauthorized: { kind: 'fresh-token' },
  Forbidden: { kind: 'fresh-token' },
  NotFound: { kind: 'fatal', message: 'The server refused this manuscript: manuscript not found.' },
  ProtocolOutdated: { kind: 'fatal', message: OUTDATED_MESSAGE },
  TooManyMessages: { kind: 'fatal', message: 'The server refused this manuscript: too many messages.' },
  TooManyConnections: { kind: 'fatal', message: 'The server refused this manuscript: too many open connections for this account.' },
  SuggestionRefused: { kind: 'lose-access', message: SUGGESTION_REFUSED_MESSAGE },
  Quarantined: { kind: 'fatal', message: 'The server refused this manuscript: manuscript quarantined: its stored history could not be read.' },
};

describe('outcomeOfClose', () => {
  it.each(Object.entries(CloseCode))('%s (%i) shows the writer the right state and words', (name, code) => {
    expect(outcomeOfClose(code, code === CloseCode.Forbidden ? 1 : 0)).toEqual(EXPECTED[name as keyof typeof CloseCode]);
  });

  it('reconnects by itself exactly where the provider does, so a transient close never ends the session', () => {
    for (const code of [...Object.values(CloseCode), 1000, 1001, 1006, 4599]) {
      expect(outcomeOfClose(code, 0).kind === 'reconnect').toBe(shouldReconnectAfter({ code }));
    }
  });

  it('a refused change too large to store stalls saving rather than retrying the same change', () => {
    expect(shouldReconnectAfter({ code: CloseCode.MessageTooBig })).toBe(false);
    expect(outcomeOfClose(CloseCode.MessageTooBig, 0).kind).toBe('stall');
  });

  it('an expired token is always renewed, however often it happens', () => {
    expect(outcomeOfClose(CloseCode.Unauthorized, 0)).toEqual({ kind: 'fresh-token' });
    expect(outcomeOfClose(CloseCode.Unauthorized, 100)).toEqual({ kind: 'fresh-token' });
  });

  it('Forbidden tries a fresh token (a changed role) until the third in a row, then says access is refused', () => {
    for (let n = 1; n < MAX_FORBIDDEN_IN_A_ROW; n++) expect(outcomeOfClose(CloseCode.Forbidden, n)).toEqual({ kind: 'fresh-token' });
    expect(MAX_FORBIDDEN_IN_A_ROW).toBe(3);
    expect(outcomeOfClose(CloseCode.Forbidden, MAX_FORBIDDEN_IN_A_ROW)).toEqual({
      kind: 'fatal',
      message: `The server refused this manuscript: ${closeReason[CloseCode.Forbidden]}.`,
    });
  });

  it('a suggestion refusal forgets the local copy, so the refused change is never sent again', () => {
    expect(outcomeOfClose(CloseCode.SuggestionRefused, 0).kind).toBe('lose-access');
  });

  it('an outdated page is told to reload, with its words kept', () => {
    expect(outcomeOfClose(CloseCode.ProtocolOutdated, 0)).toEqual({ kind: 'fatal', message: expect.stringContaining('reload the page') });
  });

  it('an unknown permanent code still names itself', () => {
    expect(outcomeOfClose(4499, 0)).toEqual({ kind: 'fatal', message: 'The server refused this manuscript: closed (4499).' });
  });
});
