// Byte codecs for CQL values (native_protocol_v4 §6) between the wire and the in-memory CqlValue model.
// decodeValue runs on client-bound values, so its failures are CqlError INVALID worded like Cassandra's
// MarshalExceptions; encodeValue runs on engine output, so its failures are plain Errors (a sandbox bug).

import type { CqlType, CqlValue, Decimal, Duration, NativeTypeName } from './cqltype.js';
import { decodeVInt, decodeUnsignedVInt, encodeUnsignedVInt, encodeVInt } from './vint.js';
import { fixedSize, inetBytes, parseDecimal, uuidBytes, varintBytes } from './primitives.js';

export { readTypeOption, writeTypeOption, typeClassName, parseTypeClassName } from './type-option.js';

// ---- Encoding ----------------------------------------------------------------------------------------------

export function encodeValue(type: CqlType, value: CqlValue): Buffer {
  if (value === null || value === undefined) throw new Error('null has no value encoding (write length -1)');
  switch (type.kind) {
    case 'native':
      return encodeNative(type.name, value);
    case 'list':
    case 'set':
      return encodeElements(asArray(value, type.kind).map((v) => encodeNullable(type.element, v)));
    case 'map': {
      const entries = value instanceof Map ? [...(value as Map<CqlValue, CqlValue>)] : asArray(value, 'map');
      const parts: (Buffer | null)[] = [];
      for (const e of entries as [CqlValue, CqlValue][]) {
        parts.push(encodeNullable(type.key, e[0]), encodeNullable(type.value, e[1]));
      }
      return Buffer.concat([int32(entries.length), ...parts.map(withLength)]);
    }
    case 'tuple': {
      const arr = asArray(value, 'tuple');
      return Buffer.concat(type.elements.map((t, i) => withLength(encodeNullable(t, arr[i] ?? null))));
    }
    case 'udt': {
      const arr = asArray(value, 'udt');
      return Buffer.concat(type.fields.map((f, i) => withLength(encodeNullable(f.type, arr[i] ?? null))));
    }
    case 'vector': {
      const arr = asArray(value, 'vector');
      if (arr.length !== type.dimension) {
        throw new Error(`vector<${type.dimension}> given ${arr.length} elements`);
      }
      const fixed = fixedSize(type.element);
      return Buffer.concat(
        arr.flatMap((v) => {
          const b = encodeValue(type.element, v);
          return fixed >= 0 ? [b] : [encodeUnsignedVInt(b.length), b];
        }),
      );
    }
    case 'custom':
      if (Buffer.isBuffer(value)) return value;
      throw new Error(`custom type ${type.className} needs a Buffer value`);
  }
}

/** encodeValue that maps null to null, for the length-prefixed slots of rows and collections. */
export function encodeNullable(type: CqlType, value: CqlValue | undefined): Buffer | null {
  return value === null || value === undefined ? null : encodeValue(type, value);
}

function encodeNative(name: NativeTypeName, v: CqlValue): Buffer {
  switch (name) {
    case 'ascii':
    case 'text':
      return Buffer.from(String(v), name === 'ascii' ? 'latin1' : 'utf8');
    case 'int':
      return int32(checkInt(v, 32));
    case 'smallint': {
      const b = Buffer.alloc(2);
      b.writeInt16BE(checkInt(v, 16));
      return b;
    }
    case 'tinyint':
      return Buffer.from([checkInt(v, 8) & 0xff]);
    case 'bigint':
    case 'counter':
    case 'timestamp':
    case 'time':
      return int64(toBigInt(v instanceof Date ? v.getTime() : v));
    case 'varint':
      return varintBytes(toBigInt(v));
    case 'decimal': {
      const d = typeof v === 'string' || typeof v === 'number' ? parseDecimal(String(v)) : (v as Decimal);
      return Buffer.concat([int32(d.scale), varintBytes(d.unscaled)]);
    }
    case 'float': {
      const b = Buffer.alloc(4);
      b.writeFloatBE(Number(v));
      return b;
    }
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(Number(v));
      return b;
    }
    case 'boolean':
      return Buffer.from([v ? 1 : 0]);
    case 'uuid':
    case 'timeuuid':
      return uuidBytes(String(v));
    case 'date': {
      const b = Buffer.alloc(4);
      b.writeUInt32BE((checkInt(v, 32) + 0x80000000) >>> 0);
      return b;
    }
    case 'duration': {
      const d = v as Duration;
      return Buffer.concat([encodeVInt(d.months), encodeVInt(d.days), encodeVInt(d.nanoseconds)]);
    }
    case 'blob':
      return Buffer.from(v as Buffer);
    case 'inet':
      return inetBytes(String(v));
  }
}

function asArray(v: CqlValue, what: string): CqlValue[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Set) return [...(v as Set<CqlValue>)];
  throw new Error(`${what} value must be an array`);
}

function checkInt(v: CqlValue, bits: number): number {
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  const lim = 2 ** (bits - 1);
  if (!Number.isInteger(n) || n < -lim || n >= lim) throw new Error(`${String(v)} is not a ${bits}-bit integer`);
  return n;
}

function toBigInt(v: CqlValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  throw new Error(`${String(v)} is not an integer`);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function int64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt.asIntN(64, n));
  return b;
}

function withLength(b: Buffer | null): Buffer {
  return b === null ? int32(-1) : Buffer.concat([int32(b.length), b]);
}

function encodeElements(parts: (Buffer | null)[]): Buffer {
  return Buffer.concat([int32(parts.length), ...parts.map(withLength)]);
}

export { decodeValue } from './decode.js';
export { decodeVInt, decodeUnsignedVInt, encodeUnsignedVInt, encodeVInt };
export * from './primitives.js';
