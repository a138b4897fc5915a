import JSZip from 'jszip';
import { DocxReviewError, type DocxLimits } from './limits';

/** A DOCX's parts, read on demand, each inflated under the size limits (a zip bomb stops early). */
export interface DocxPackage {
  has(name: string): boolean;
  /** The part as text, or null when the file has no such part. */
  read(name: string): Promise<string | null>;
}

/** Inflates one entry chunk by chunk, giving up as soon as it passes `cap` bytes. */
function inflateWithin(file: JSZip.JSZipObject, cap: number, name: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const stream = (file as unknown as { internalStream(type: 'uint8array'): JSZip.JSZipStreamHelper<Uint8Array> }).internalStream('uint8array');
    stream
      .on('data', (chunk) => {
        if (done) return;
        size += chunk.byteLength;
        if (size > cap) {
          done = true;
          stream.pause();
          reject(new DocxReviewError(`The file’s ${name} is too large to read (over ${Math.round(cap / 1024 / 1024)} MB unpacked).`));
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (error) => {
        if (done) return;
        done = true;
        reject(new DocxReviewError(`The file’s ${name} is damaged (${error.message}).`));
      })
      .on('end', () => {
        if (done) return;
        done = true;
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, at);
          at += chunk.byteLength;
        }
        resolve(bytes);
      })
      .resume();
  });
}

/** Opens the zip and checks its shape; nothing is inflated until a part is read. */
export async function openDocxPackage(bytes: Uint8Array, limits: DocxLimits): Promise<DocxPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    throw new DocxReviewError('That file is not a DOCX (it is not a zip archive).');
  }
  const names = Object.keys(zip.files);
  if (names.length > limits.maxEntries) throw new DocxReviewError(`That file holds ${names.length} parts; a DOCX has far fewer.`);
  let total = 0;
  return {
    has: (name) => zip.file(name) !== null,
    async read(name) {
      const file = zip.file(name);
      if (!file) return null;
      const inflated = await inflateWithin(file, Math.min(limits.maxPartBytes, limits.maxTotalBytes - total), name);
      total += inflated.byteLength;
      return new TextDecoder('utf-8', { fatal: false }).decode(inflated);
    },
  };
}
