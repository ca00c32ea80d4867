// Cassandra's per-type value ordering (the AbstractType.compare of each marshal type), used for clustering order,
// sets, map keys, min/max, and conditions. null sorts before every value.

import type { CqlType, CqlValue, Decimal } from './cqltype.js';
import { inetBytes } from './primitives.js';

/** Code-unit → code-point order fix-up: UTF-8 byte order equals code point order, not UTF-16 order. */
function cpFix(c: number): number {
  return c >= 0xd800 ? (c >= 0xe000 ? c - 0x800 : c + 0x2000) : c;
}

export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return cpFix(ca) - cpFix(cb);
  }
  return a.length - b.length;
}

const sign = (x: number | bigint) => (x < 0 ? -1 : x > 0 ? 1 : 0);

/** Java's Double.compare: -0.0 < 0.0 and NaN above everything. */
function compareFloat(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  if (a === 0 && b === 0) return (Object.is(a, -0) ? 0 : 1) - (Object.is(b, -0) ? 0 : 1);
  return 0;
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const s = Math.max(a.scale, b.scale);
  const ua = a.unscaled * 10n ** BigInt(s - a.scale);
  const ub = b.unscaled * 10n ** BigInt(s - b.scale);
  return sign(ua - ub);
}

const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Signed-byte comparison of the hex digits in [from, to) of two canonical uuids (dashes sit at equal spots). */
function compareSignedHex(a: string, b: string, from: number, to: number): number {
  for (let i = from; i < to; i += 2) {
    if (a[i] === '-') i++;
    const x = (parseInt(a.substr(i, 2), 16) << 24) >> 24;
    const y = (parseInt(b.substr(i, 2), 16) << 24) >> 24;
    if (x !== y) return x - y;
  }
  return 0;
}

/**
 * UUIDType: version first, then time-based uuids by timestamp (time_hi, time_mid, time_low), others bytewise.
 * TimeUUIDType: timestamp, then the clock-seq/node half as signed bytes. Works on the canonical lower-case text,
 * whose fixed-width hex compares like the bytes it encodes.
 */
export function compareUuid(a: string, b: string, timeuuid: boolean): number {
  if (a === b) return 0;
  const va = a.charCodeAt(14);
  const vb = b.charCodeAt(14);
  if (!timeuuid && va !== vb) return va - vb;
  if (timeuuid || va === 0x31) {
    const c = strCmp(a.slice(15, 18), b.slice(15, 18)) || strCmp(a.slice(9, 13), b.slice(9, 13)) || strCmp(a.slice(0, 8), b.slice(0, 8));
    if (c !== 0) return c;
    return timeuuid ? compareSignedHex(a, b, 19, 36) : strCmp(a.slice(19), b.slice(19));
  }
  return strCmp(a, b);
}

function compareSeq(types: (i: number) => CqlType, a: CqlValue[], b: CqlValue[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(types(i), a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function compareValues(type: CqlType, a: CqlValue, b: CqlValue): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1;
  switch (type.kind) {
    case 'native':
      switch (type.name) {
        case 'ascii':
        case 'text':
          return compareText(a as string, b as string);
        case 'blob':
          return Buffer.compare(a as Buffer, b as Buffer);
        case 'boolean':
          return (a ? 1 : 0) - (b ? 1 : 0);
        case 'float':
        case 'double':
          return compareFloat(a as number, b as number);
        case 'decimal':
          return compareDecimal(a as Decimal, b as Decimal);
        case 'uuid':
          return compareUuid(a as string, b as string, false);
        case 'timeuuid':
          return compareUuid(a as string, b as string, true);
        case 'inet':
          return Buffer.compare(inetBytes(a as string), inetBytes(b as string));
        case 'duration': {
          const x = a as { months: number; days: number; nanoseconds: bigint };
          const y = b as typeof x;
          return sign(x.months - y.months) || sign(x.days - y.days) || sign(x.nanoseconds - y.nanoseconds);
        }
        default:
          // int/smallint/tinyint/date (number), bigint/counter/varint/timestamp/time (bigint)
          return a < b ? -1 : a > b ? 1 : 0;
      }
    case 'list':
    case 'set':
    case 'vector':
      return compareSeq(() => type.element, a as CqlValue[], b as CqlValue[]);
    case 'tuple':
      return compareSeq((i) => type.elements[i], a as CqlValue[], b as CqlValue[]);
    case 'udt':
      return compareSeq((i) => type.fields[i]?.type ?? { kind: 'native', name: 'blob' }, a as CqlValue[], b as CqlValue[]);
    case 'map': {
      const x = a as [CqlValue, CqlValue][];
      const y = b as [CqlValue, CqlValue][];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(type.key, x[i][0], y[i][0]) || compareValues(type.value, x[i][1], y[i][1]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 'custom':
      return Buffer.isBuffer(a) && Buffer.isBuffer(b) ? Buffer.compare(a, b) : 0;
  }
}
