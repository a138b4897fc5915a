import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBodyWithin } from './bounded-body';

/** A streamed body of `chunks` chunks of `size` bytes, counting how many chunks were pulled. */
function streamedRequest(chunks: number, size: number, headers: Record<string, string> = {}) {
  const pulled = { count: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count === chunks) return controller.close();
      pulled.count += 1;
      controller.enqueue(new Uint8Array(size).fill(pulled.count));
    },
  }, { highWaterMark: 0 });
  return { request: new Request('http://localhost/upload', { method: 'POST', body, headers, duplex: 'half' } as RequestInit), pulled };
}

describe('readBodyWithin', () => {
  it('returns a body within the limit byte for byte', async () => {
    const { request } = streamedRequest(3, 10);
    const body = await readBodyWithin(request, 30);
    expect(body.byteLength).toBe(30);
    expect([body[0], body[10], body[29]]).toEqual([1, 2, 3]);
  });

  it('refuses a declared Content-Length over the limit without reading a byte', async () => {
    const { request, pulled } = streamedRequest(1000, 1024, { 'content-length': String(1000 * 1024) });
    await expect(readBodyWithin(request, 4096)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled.count).toBe(0);
  });

  it('stops a chunked body as soon as it passes the limit', async () => {
    const { request, pulled } = streamedRequest(1000, 1024);
    await expect(readBodyWithin(request, 4096)).rejects.toBeInstanceOf(BodyTooLargeError);
    // 4096 bytes fit; the fifth 1 KiB chunk passes the limit and nothing more is pulled.
    expect(pulled.count).toBe(5);
  });
});
