import { describe, expect, it } from 'vitest';
import { HandshakeGate } from './handshake-gate';

describe('HandshakeGate', () => {
  it('caps handshakes per address and in total, and frees a place when one finishes', () => {
    const gate = new HandshakeGate(3, 2);
    expect(gate.enter('10.0.0.1')).toBe(true);
    expect(gate.enter('10.0.0.1')).toBe(true);
    expect(gate.enter('10.0.0.1')).toBe(false);
    expect(gate.enter('10.0.0.2')).toBe(true);
    expect(gate.enter('10.0.0.3')).toBe(false);
    gate.leave('10.0.0.1');
    expect(gate.enter('10.0.0.3')).toBe(true);
    expect(gate.pending).toBe(3);
  });
});
