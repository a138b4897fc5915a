/** Counts handshakes in flight, in total and per address, so unauthenticated clients cannot pile up. */
export class HandshakeGate {
  private total = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerAddress: number,
  ) {}

  /** Admits one more handshake from `address`, or returns false when a cap is reached. */
  enter(address: string): boolean {
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (this.total >= this.maxTotal || fromAddress >= this.maxPerAddress) return false;
    this.total += 1;
    this.byAddress.set(address, fromAddress + 1);
    return true;
  }

  leave(address: string): void {
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (fromAddress <= 1) this.byAddress.delete(address);
    else this.byAddress.set(address, fromAddress - 1);
    this.total = Math.max(0, this.total - 1);
  }

  get pending(): number {
    return this.total;
  }
}
