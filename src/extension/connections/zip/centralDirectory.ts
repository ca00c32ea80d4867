// Reads a zip's end-of-central-directory record and central directory from the bytes alone, without inflating
// anything, so that every decision about an archive (entry count, names, kinds, declared sizes) is made before a
// single byte is decompressed. Only the classic format is read: a secure connect bundle is a few KB, so zip64,
// multi-disk and encrypted archives are refused rather than interpreted.

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
/** The EOCD record ends the file, followed only by a comment of at most 65,535 bytes: search no further back. */
const MAX_COMMENT = 0xffff;

const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** The archive cannot be read; `reason` is a clause that fits inside "(…)" of a user-facing sentence. */
export class ZipFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ZipFormatError';
  }
}

export type EntryKind = 'file' | 'directory' | 'symlink' | 'special';

export interface CentralEntry {
  name: string;
  /** Set when the name is not valid UTF-8 / contains bytes no file name should (NUL, control characters). */
  badName: boolean;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  kind: EntryKind;
  encrypted: boolean;
}

export interface CentralDirectory {
  entries: CentralEntry[];
  /** Offset where the central directory starts: entry data must lie before it. */
  centralOffset: number;
}

/** Finds the EOCD record in the last 22 + 65,535 bytes, checking its comment length reaches the end of the file. */
function findEocd(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = zip.length - EOCD_SIZE; at >= lowest; at--) {
    if (zip.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    if (at + EOCD_SIZE + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  throw new ZipFormatError('no end-of-archive record: the file is truncated or is not a zip');
}

/**
 * Parses the central directory. Refuses an entry count above `maxEntries` from the EOCD record itself, before
 * any record is read, so a zip with tens of thousands of entries costs nothing.
 */
export function readCentralDirectory(zip: Buffer, maxEntries: number): CentralDirectory {
  if (zip.length < EOCD_SIZE) throw new ZipFormatError('the file is too short to be a zip');
  const eocd = findEocd(zip);
  const disk = zip.readUInt16LE(eocd + 4);
  const cdDisk = zip.readUInt16LE(eocd + 6);
  const onDisk = zip.readUInt16LE(eocd + 8);
  const total = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  const zip64Marked = total === 0xffff || onDisk === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  const zip64Located = eocd >= 20 && zip.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE;
  if (zip64Marked || zip64Located) throw new ZipFormatError('it uses the zip64 format, which a secure connect bundle never needs');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) throw new ZipFormatError('it is split across several disks');
  if (total > maxEntries) throw new TooManyEntriesError(total);
  if (cdOffset + cdSize > eocd) throw new ZipFormatError('its central directory lies outside the file');

  const entries: CentralEntry[] = [];
  let at = cdOffset;
  const end = cdOffset + cdSize;
  for (let i = 0; i < total; i++) {
    if (at + CENTRAL_SIZE > end || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError(`central directory record ${i + 1} of ${total} is damaged`);
    }
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > end) throw new ZipFormatError(`central directory record ${i + 1} of ${total} runs past the directory`);
    const flags = zip.readUInt16LE(at + 8);
    const nameBytes = zip.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    const { name, badName } = decodeName(nameBytes);
    const compressedSize = zip.readUInt32LE(at + 20);
    const uncompressedSize = zip.readUInt32LE(at + 24);
    const localHeaderOffset = zip.readUInt32LE(at + 42);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new ZipFormatError('it uses the zip64 format, which a secure connect bundle never needs');
    }
    entries.push({
      name,
      badName,
      method: zip.readUInt16LE(at + 10),
      flags,
      crc32: zip.readUInt32LE(at + 16),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      kind: entryKind(zip.readUInt16LE(at + 4) >> 8, zip.readUInt32LE(at + 38), name),
      encrypted: (flags & 0x1) !== 0 || (flags & 0x40) !== 0,
    });
    at = next;
  }
  // Records past the declared count would be invisible to us but not necessarily to another reader.
  if (at !== end) throw new ZipFormatError(`its central directory holds more than the ${total} entries it declares`);
  return { entries, centralOffset: cdOffset };
}

export class TooManyEntriesError extends ZipFormatError {
  constructor(readonly count: number) {
    super(`it has ${count} entries`);
    this.name = 'TooManyEntriesError';
  }
}

/** Kind from the unix mode when the entry was made on unix (links have no other marker), else from the name. */
function entryKind(host: number, externalAttributes: number, name: string): EntryKind {
  const mode = (externalAttributes >>> 16) & S_IFMT;
  if (host === UNIX_HOST && mode !== 0) {
    if (mode === S_IFLNK) return 'symlink';
    if (mode === S_IFDIR) return 'directory';
    if (mode !== S_IFREG) return 'special';
  }
  // MS-DOS directory attribute, or the trailing slash every zip tool writes for folders.
  if (name.endsWith('/') || (externalAttributes & 0x10) !== 0) return 'directory';
  return 'file';
}

/** Names are compared with a whitelist, so anything not plainly printable is reported rather than interpreted. */
function decodeName(bytes: Buffer): { name: string; badName: boolean } {
  const name = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
   
  const badName = name.includes('\uFFFD') || /[\u0000-\u001f\u007f]/.test(name);
  return { name, badName };
}
