import { CloseCode } from './close-codes';

/**
 * Whether a client should reconnect after the server closed its socket: 4400–4499 are permanent,
 * and a change too large to store (1009) would only be refused again on every retry.
 */
export function shouldReconnectAfter(event: { code: number }): boolean {
  return !(event.code >= 4400 && event.code < 4500) && event.code !== CloseCode.MessageTooBig;
}
