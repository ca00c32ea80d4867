// The lossless, JSON-safe form of one CQL value in a result payload, and how it is shown.
// Encoding from cassandra-driver objects happens in the extension (src/extension/cql/valueEncoder.ts);
// this file only reads encoded values, so the renderer, the text fallback and exports all format them alike.

import { quoteString } from './identifier.js';

/** Scalars kept as their exact CQL text (precision or form would be lost as JSON numbers / dates). */
export type ExactTag = 'bigint' | 'counter' | 'varint' | 'decimal' | 'uuid' | 'timeuuid' | 'date' | 'time' | 'duration' | 'inet';

export type EncodedValue =
  | null
  | string // text, varchar, ascii
  | number // int, smallint, tinyint, finite double
  | boolean
  | { t: ExactTag; v: string }
  | { t: 'float'; v: number | string } // float32 as the driver's double; non-finite as 'NaN' / 'Infinity' / '-Infinity'
  | { t: 'double'; v: string } // non-finite doubles only
  | { t: 'timestamp'; ms: number; iso: string }
  | { t: 'blob'; hex: string } // '0x…'
  | { t: 'list' | 'set' | 'tuple'; items: EncodedValue[] }
  | { t: 'vector'; items: (number | string)[] }
  | { t: 'map'; entries: [EncodedValue, EncodedValue][] }
  | { t: 'udt'; fields: [string, EncodedValue][] }
  | { t: 'unknown'; v: string };

const EXACT_TAGS = new Set<string>(['bigint', 'counter', 'varint', 'decimal', 'uuid', 'timeuuid', 'date', 'time', 'duration', 'inet']);

/** Structural check of one encoded value (recursive); used by the payload guards. */
export function isEncodedValue(v: unknown, depth = 0): v is EncodedValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (typeof v !== 'object' || Array.isArray(v) || depth > 64) return false;
  const o = v as Record<string, unknown>;
  const t = o['t'];
  if (typeof t !== 'string') return false;
  if (EXACT_TAGS.has(t) || t === 'unknown' || t === 'double') return typeof o['v'] === 'string';
  switch (t) {
    case 'float':
      return typeof o['v'] === 'number' || typeof o['v'] === 'string';
    case 'timestamp':
      return typeof o['ms'] === 'number' && typeof o['iso'] === 'string';
    case 'blob':
      return typeof o['hex'] === 'string';
    case 'list':
    case 'set':
    case 'tuple':
      return Array.isArray(o['items']) && (o['items'] as unknown[]).every((x) => isEncodedValue(x, depth + 1));
    case 'vector':
      return Array.isArray(o['items']) && (o['items'] as unknown[]).every((x) => typeof x === 'number' || typeof x === 'string');
    case 'map':
      return Array.isArray(o['entries']) && (o['entries'] as unknown[]).every(
        (e) => Array.isArray(e) && e.length === 2 && isEncodedValue(e[0], depth + 1) && isEncodedValue(e[1], depth + 1),
      );
    case 'udt':
      return Array.isArray(o['fields']) && (o['fields'] as unknown[]).every(
        (f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && isEncodedValue(f[1], depth + 1),
      );
    default:
      return false;
  }
}

/** Shortest decimal text that reads back as the same float32 (the driver hands floats over as doubles). */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  for (let p = 1; p <= 9; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === x) return String(s);
  }
  return String(x);
}

export interface FormatOptions {
  /** Text shown for null at the top level (cqlsh shows `null`). */
  nullText?: string;
}

/** cqlsh-like display text. Nested text is quoted (`['a', 'it''s']`), top-level text is shown raw. */
export function formatValue(v: EncodedValue, opts: FormatOptions = {}, nested = false): string {
  if (v === null) return nested ? 'null' : (opts.nullText ?? 'null');
  if (typeof v === 'string') return nested ? quoteString(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  switch (v.t) {
    case 'float':
      return typeof v.v === 'number' ? formatFloat32(v.v) : v.v;
    case 'timestamp':
      return v.iso;
    case 'blob':
      return v.hex;
    case 'list':
    case 'vector':
      return `[${v.items.map((x) => (typeof x === 'number' ? String(x) : formatValue(x, opts, true))).join(', ')}]`;
    case 'set':
      return `{${v.items.map((x) => formatValue(x, opts, true)).join(', ')}}`;
    case 'tuple':
      return `(${v.items.map((x) => formatValue(x, opts, true)).join(', ')})`;
    case 'map':
      return `{${v.entries.map(([k, x]) => `${formatValue(k, opts, true)}: ${formatValue(x, opts, true)}`).join(', ')}}`;
    case 'udt':
      return `{${v.fields.map(([k, x]) => `${k}: ${formatValue(x, opts, true)}`).join(', ')}}`;
    default:
      return v.v;
  }
}

export type JsonValue = null | string | number | boolean | JsonValue[] | { [k: string]: JsonValue };

/** Natural JSON for exports: exact numbers as strings, timestamps as ISO, blobs as hex, maps/UDTs as objects. */
export function toJsonValue(v: EncodedValue): JsonValue {
  if (v === null || typeof v !== 'object') return v;
  switch (v.t) {
    case 'float':
      return typeof v.v === 'number' ? Number(formatFloat32(v.v)) : v.v;
    case 'timestamp':
      return v.iso;
    case 'blob':
      return v.hex;
    case 'list':
    case 'set':
    case 'tuple':
      return v.items.map(toJsonValue);
    case 'vector':
      return v.items;
    case 'map': {
      const o: { [k: string]: JsonValue } = {};
      for (const [k, x] of v.entries) o[typeof k === 'string' ? k : formatValue(k)] = toJsonValue(x);
      return o;
    }
    case 'udt': {
      const o: { [k: string]: JsonValue } = {};
      for (const [k, x] of v.fields) o[k] = toJsonValue(x);
      return o;
    }
    default:
      return v.v;
  }
}

/** Compact display for long vectors: first few components and the dimension. */
export function formatVectorCompact(v: EncodedValue, max = 4): string | undefined {
  if (v === null || typeof v !== 'object' || v.t !== 'vector' || v.items.length <= max) return undefined;
  return `[${v.items.slice(0, max).join(', ')}, …] (${v.items.length} dims)`;
}
