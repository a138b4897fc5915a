import * as decoding from 'lib0/decoding';

/** One client's entry in an awareness update: its id, clock, and state as JSON (`null` when it left). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** Reads every entry of an awareness update; throws on malformed or trailing bytes. The one parser of awareness on the server. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  return entries;
}

/** Whether an entry says its client is gone (a null state). */
export const isRemoval = (entry: AwarenessEntry): boolean => entry.state === 'null';
