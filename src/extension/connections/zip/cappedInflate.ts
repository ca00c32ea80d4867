// Extracts one entry whose central-directory record was already accepted. The compressed bytes are inflated as a
// stream and the stream is destroyed as soon as the bytes it has actually produced pass the cap: the sizes a zip
// declares are never trusted, so a "0 byte" entry that inflates to gigabytes costs at most the cap plus a chunk.

import { crc32, createInflateRaw } from 'node:zlib';
import type { CentralEntry } from './centralDirectory.js';
import { ZipFormatError } from './centralDirectory.js';

const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const STORED = 0;
const DEFLATED = 8;
const CHUNK = 16 * 1024;

/** An entry produced more bytes than allowed; thrown before the excess is kept. */
export class EntryTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
    this.name = 'EntryTooLargeError';
  }
}

/** The compressed bytes of an entry, after checking its local header agrees with the central directory. */
export function entryData(zip: Buffer, entry: CentralEntry, centralOffset: number): Buffer {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_SIZE > centralOffset || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) {
    throw new ZipFormatError('its local header is missing');
  }
  const nameLength = zip.readUInt16LE(at + 26);
  const extraLength = zip.readUInt16LE(at + 28);
  const localName = zip.subarray(at + LOCAL_SIZE, at + LOCAL_SIZE + nameLength).toString('utf8');
  if (localName !== entry.name) throw new ZipFormatError('its local header names a different file');
  const start = at + LOCAL_SIZE + nameLength + extraLength;
  const end = start + entry.compressedSize;
  if (end > centralOffset) throw new ZipFormatError('its data runs past the end of the archive');
  return zip.subarray(start, end);
}

/** Inflates (or copies, for stored entries) at most `limit` bytes, then checks the CRC-32 and the declared size. */
export async function extractEntry(zip: Buffer, entry: CentralEntry, centralOffset: number, limit: number): Promise<Buffer> {
  const compressed = entryData(zip, entry, centralOffset);
  let data: Buffer;
  if (entry.method === STORED) {
    if (compressed.length > limit) throw new EntryTooLargeError(limit);
    data = Buffer.from(compressed);
  } else if (entry.method === DEFLATED) {
    data = await inflateCapped(compressed, limit);
  } else {
    throw new ZipFormatError(`it is compressed with method ${entry.method}, which bundles never use`);
  }
  if ((crc32(data) >>> 0) !== entry.crc32) throw new ZipFormatError('its checksum does not match its content');
  if (data.length !== entry.uncompressedSize) {
    throw new ZipFormatError(`it declares ${entry.uncompressedSize} bytes but holds ${data.length}`);
  }
  return data;
}

/** Streams `compressed` through inflateRaw, aborting once the output passes `limit` bytes. */
export function inflateCapped(compressed: Buffer, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    const parts: Buffer[] = [];
    let produced = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(err);
    };
    inflater.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > limit) return fail(new EntryTooLargeError(limit));
      parts.push(chunk);
    });
    inflater.on('error', (err: Error) => fail(new ZipFormatError(`its compressed data is damaged (${zlibReason(err)})`)));
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(parts, produced));
    });
    // Feed in slices so that the cap is checked between slices even when a slice inflates enormously.
    let offset = 0;
    const feed = () => {
      while (!settled && offset < compressed.length) {
        const slice = compressed.subarray(offset, offset + CHUNK);
        offset += slice.length;
        if (!inflater.write(slice)) return void inflater.once('drain', feed);
      }
      if (!settled) inflater.end();
    };
    feed();
  });
}

/** zlib's own reason ("invalid distance too far back") without Node's error-code prefixes. */
function zlibReason(err: Error): string {
  return err.message.replace(/^[A-Z_]+:\s*/, '').replace(/[.\s]+$/, '') || 'inflate failed';
}
