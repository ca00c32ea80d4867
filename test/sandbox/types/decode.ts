// Wire bytes → CqlValue. Runs on values bound by clients, so every malformed input becomes CqlError INVALID with
// Cassandra's MarshalException wording. An empty value of a non-string type reads as null, as Cassandra's
// "empty" values do for clients.

import { invalid } from '../errors.js';
import type { CqlType, CqlValue, NativeTypeName } from './cqltype.js';
import { fixedSize, formatInet, formatUuid, varintFromBytes } from './primitives.js';
import { decodeUnsignedVInt, decodeVInt } from './vint.js';

const NS_PER_DAY = 86_400_000_000_000n;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeValue(type: CqlType, bytes: Buffer): CqlValue {
  switch (type.kind) {
    case 'native':
      return decodeNative(type.name, bytes);
    case 'list':
    case 'set': {
      const r = new Slice(bytes, `Not enough bytes to read a ${type.kind}`);
      const n = r.count();
      const out: CqlValue[] = [];
      for (let i = 0; i < n; i++) out.push(r.value(type.element));
      r.end(`Unexpected extraneous bytes after ${type.kind} value`);
      return out;
    }
    case 'map': {
      const r = new Slice(bytes, 'Not enough bytes to read a map');
      const n = r.count();
      const out: [CqlValue, CqlValue][] = [];
      for (let i = 0; i < n; i++) out.push([r.value(type.key), r.value(type.value)]);
      r.end('Unexpected extraneous bytes after map value');
      return out;
    }
    case 'tuple': {
      const r = new Slice(bytes, '');
      const out = type.elements.map((t, i) => {
        // Like Cassandra, a tuple value may stop early: the missing trailing components are null.
        if (r.done()) return null;
        r.message = `Not enough bytes to read ${i}th component`;
        return r.value(t);
      });
      r.end('Invalid remaining data after end of tuple value');
      return out;
    }
    case 'udt': {
      const r = new Slice(bytes, '');
      const out = type.fields.map((f, i) => {
        if (r.done()) return null;
        r.message = `Not enough bytes to read ${i}th field ${f.name}`;
        return r.value(f.type);
      });
      r.end('Invalid remaining data after end of UDT value');
      return out;
    }
    case 'vector':
      return decodeVector(type.element, type.dimension, bytes);
    case 'custom':
      return Buffer.from(bytes);
  }
}

function decodeVector(element: CqlType, dimension: number, bytes: Buffer): CqlValue[] {
  const fixed = fixedSize(element);
  const out: CqlValue[] = [];
  let off = 0;
  const short = () => invalid(`Not enough bytes to read a vector<${dimension}>`);
  for (let i = 0; i < dimension; i++) {
    let len = fixed;
    if (fixed < 0) {
      let read: [bigint, number];
      try {
        read = decodeUnsignedVInt(bytes, off);
      } catch {
        throw short();
      }
      off += read[1];
      len = Number(read[0]);
    }
    if (off + len > bytes.length) throw short();
    out.push(decodeValue(element, bytes.subarray(off, off + len)));
    off += len;
  }
  if (off !== bytes.length) {
    throw invalid(`Unexpected ${bytes.length - off} extraneous bytes after vector<${dimension}> value`);
  }
  return out;
}

// Messages are built lazily: this runs for every bound value and every seeded cell.
function check(ok: boolean, msg: () => string): void {
  if (!ok) throw invalid(msg());
}

function decodeNative(name: NativeTypeName, b: Buffer): CqlValue {
  const len = b.length;
  switch (name) {
    case 'ascii':
      for (const byte of b) check(byte < 0x80, () => `Invalid byte for ascii: ${byte}`);
      return b.toString('latin1');
    case 'text':
      try {
        return strictUtf8.decode(b);
      } catch {
        throw invalid("String didn't validate.");
      }
    case 'blob':
      return Buffer.from(b);
    case 'int':
      check(len === 4 || len === 0, () => `Expected 4 or 0 byte int (${len})`);
      return len === 0 ? null : b.readInt32BE(0);
    case 'smallint':
      check(len === 2 || len === 0, () => `Expected 2 bytes for a smallint (${len})`);
      return len === 0 ? null : b.readInt16BE(0);
    case 'tinyint':
      check(len === 1 || len === 0, () => `Expected 1 byte for a tinyint (${len})`);
      return len === 0 ? null : b.readInt8(0);
    case 'bigint':
    case 'counter':
      check(len === 8 || len === 0, () => `Expected 8 or 0 byte long (${len})`);
      return len === 0 ? null : b.readBigInt64BE(0);
    case 'timestamp':
      check(len === 8 || len === 0, () => `Expected 8 or 0 byte long for date (${len})`);
      return len === 0 ? null : b.readBigInt64BE(0);
    case 'varint':
      return len === 0 ? null : varintFromBytes(b);
    case 'decimal':
      check(len === 0 || len >= 4, () => `Expected 0 or at least 4 bytes (${len})`);
      return len === 0 ? null : { scale: b.readInt32BE(0), unscaled: varintFromBytes(b.subarray(4)) };
    case 'float':
      check(len === 4 || len === 0, () => `Expected 4 or 0 byte value for a float (${len})`);
      return len === 0 ? null : b.readFloatBE(0);
    case 'double':
      check(len === 8 || len === 0, () => `Expected 8 or 0 byte value for a double (${len})`);
      return len === 0 ? null : b.readDoubleBE(0);
    case 'boolean':
      check(len === 1 || len === 0, () => `Expected 1 or 0 byte value (${len})`);
      return len === 0 ? null : b[0] !== 0;
    case 'uuid':
    case 'timeuuid':
      check(len === 16 || len === 0, () => `UUID should be 16 or 0 bytes (${len})`);
      if (len === 0) return null;
      check(name === 'uuid' || (b[6] & 0xf0) === 0x10, () => 'Invalid version for TimeUUID type.');
      return formatUuid(b);
    case 'date':
      check(len === 4 || len === 0, () => `Expected 4 byte long for date (${len})`);
      return len === 0 ? null : b.readUInt32BE(0) - 0x80000000;
    case 'time': {
      check(len === 8 || len === 0, () => `Expected 8 byte long for time (${len})`);
      if (len === 0) return null;
      const ns = b.readBigInt64BE(0);
      check(ns >= 0n && ns < NS_PER_DAY, () => `Invalid value for time: ${ns} is out of range`);
      return ns;
    }
    case 'inet':
      check(len === 4 || len === 16 || len === 0, () => `Expected 4 or 16 byte inetaddress; got ${len} bytes`);
      return len === 0 ? null : formatInet(b);
    case 'duration':
      return len === 0 ? null : decodeDuration(b);
  }
}

function decodeDuration(b: Buffer): CqlValue {
  try {
    const [months, n1] = decodeVInt(b, 0);
    const [days, n2] = decodeVInt(b, n1);
    const [nanoseconds, n3] = decodeVInt(b, n1 + n2);
    if (n1 + n2 + n3 !== b.length) throw new RangeError('extra');
    const signs = [months, days, nanoseconds].filter((x) => x !== 0n).map((x) => x < 0n);
    if (signs.some((s) => s !== signs[0])) {
      throw invalid('The duration months, days and nanoseconds must be all of the same sign');
    }
    return { months: Number(months), days: Number(days), nanoseconds };
  } catch (e) {
    if (e instanceof RangeError) throw invalid(`Invalid duration value (${b.length} bytes)`);
    throw e;
  }
}

/** Sequential reader over a collection/tuple value; `message` is the "not enough bytes" text to raise. */
class Slice {
  private off = 0;
  constructor(
    private readonly b: Buffer,
    public message: string,
  ) {}

  done(): boolean {
    return this.off >= this.b.length;
  }

  private int(): number {
    if (this.off + 4 > this.b.length) throw invalid(this.message);
    const n = this.b.readInt32BE(this.off);
    this.off += 4;
    return n;
  }

  count(): number {
    const n = this.int();
    if (n < 0) throw invalid(this.message);
    return n;
  }

  value(t: CqlType): CqlValue {
    const len = this.int();
    if (len < 0) return null;
    if (this.off + len > this.b.length) throw invalid(this.message);
    const v = decodeValue(t, this.b.subarray(this.off, this.off + len));
    this.off += len;
    return v;
  }

  end(message: string): void {
    if (this.off !== this.b.length) throw invalid(message);
  }
}
