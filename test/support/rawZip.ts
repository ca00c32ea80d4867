// A minimal zip writer that keeps entry names byte for byte (adm-zip normalises "../" and "/" away when adding), so
// tests can build the hostile archives real attackers would: sizes that lie, unix modes of links and devices,
// duplicate names, flags, comments and entries that only the central directory knows about.
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  data: Buffer;
  deflate?: boolean;
  /** Uncompressed size to declare instead of the real one (a bomb that lies). */
  declaredSize?: number;
  /** Unix mode (e.g. 0o120777 for a symbolic link); sets "made by unix" in the central record. */
  mode?: number;
  /** General purpose flags (bit 0: encrypted). */
  flags?: number;
  /** Compression method to declare (default 8 when deflated, else 0). */
  method?: number;
  /** CRC-32 to declare instead of the real one. */
  crc?: number;
  /** Already compressed bytes to store as the entry's body (then declare `crc` and `declaredSize` too). */
  body?: Buffer;
}

export interface RawZipOptions {
  /** Entry count to declare in the end record instead of the real one. */
  declaredCount?: number;
  comment?: Buffer;
}

export function rawZip(entries: readonly RawEntry[], options: RawZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.body ?? (e.deflate ? deflateRawSync(e.data) : e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = e.crc ?? crc32(e.data);
    const method = e.method ?? (e.deflate || e.body ? 8 : 0);
    const flags = e.flags ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.mode === undefined ? 20 : (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    if (e.mode !== undefined) central.writeUInt32LE((e.mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const comment = options.comment ?? Buffer.alloc(0);
  const end = Buffer.alloc(22);
  const count = options.declaredCount ?? entries.length;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, cd, end, comment]);
}
