// Encoded result values (src/shared/valueEncoding.ts) as CQL literals and as the text a cell editor starts with.
// Encoded values are lossless and tagged, so their literal needs no column type: keys and old values (for `IF`)
// go into statements exactly as the server sent them.

import { quoteIdentifier, quoteString } from './identifier.js';
import { formatFloat32, type EncodedValue } from './valueEncoding.js';

const QUOTED_TAGS = new Set(['date', 'time', 'inet']);

/** The CQL literal of an encoded value; throws for values the extension could not decode (`unknown`). */
export function literalFromEncoded(v: EncodedValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  switch (v.t) {
    case 'float':
      return typeof v.v === 'number' ? formatFloat32(v.v) : v.v;
    case 'double':
      return v.v;
    case 'timestamp':
      return String(v.ms);
    case 'blob':
      return v.hex === '0x' || v.hex === '' ? '0x' : v.hex.toLowerCase();
    case 'list':
    case 'vector':
      return `[${v.items.map((x) => (typeof x === 'number' ? String(x) : literalFromEncoded(x))).join(', ')}]`;
    case 'set':
      return `{${v.items.map(literalFromEncoded).join(', ')}}`;
    case 'tuple':
      return `(${v.items.map(literalFromEncoded).join(', ')})`;
    case 'map':
      return `{${v.entries.map(([k, x]) => `${literalFromEncoded(k)}: ${literalFromEncoded(x)}`).join(', ')}}`;
    case 'udt':
      return `{${v.fields.map(([k, x]) => `${quoteIdentifier(k)}: ${literalFromEncoded(x)}`).join(', ')}}`;
    case 'unknown':
      throw new Error(`A value of an unknown type cannot be written back (${v.v.slice(0, 40)})`);
    default:
      return QUOTED_TAGS.has(v.t) ? quoteString(v.v) : v.v;
  }
}

/** The text a cell editor opens with: what `literalFromInput` reads back as the same value. */
export function editText(v: EncodedValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  switch (v.t) {
    case 'timestamp': {
      const d = new Date(v.ms);
      return Number.isFinite(d.getTime()) && d.getUTCFullYear() >= 0 && d.getUTCFullYear() <= 9999 ? d.toISOString() : String(v.ms);
    }
    case 'blob':
      return v.hex;
    case 'float':
      return typeof v.v === 'number' ? formatFloat32(v.v) : v.v;
    case 'list':
    case 'set':
    case 'tuple':
    case 'map':
    case 'udt':
    case 'vector':
      return literalFromEncoded(v);
    default:
      return v.v;
  }
}

/** Same value (for deciding whether an edit changed anything and for matching rows). */
export function sameEncoded(a: EncodedValue, b: EncodedValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
