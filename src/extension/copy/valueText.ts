// The text of one value in a COPY file, both ways, driven by the column's CQL type. Writing goes through the
// lossless encoder (src/extension/cql/valueEncoder.ts); reading builds the value the driver encodes for that type.
// Exact forms throughout: bigint/varint/decimal digits, shortest float32 text, 0x blobs, ISO-like timestamps with
// milliseconds and offset, durations in whole units (months, days, nanoseconds).

import { driverTypes } from './driverTypes.js';
import { encoderFor, type DriverType } from '../cql/valueEncoder.js';
import { blobHex, decimalText, inetText, integerText, longText, uuidText } from '../cql/scalarText.js';
import { formatFloat32, toJsonValue, type EncodedValue } from '../../shared/valueEncoding.js';
import { parseLiteral, type Literal } from './cqlLiteral.js';
import type { TimestampFormat } from './timestampFormat.js';
import { exactDurationText, parseScalar, SCALAR_CODES } from './scalarParse.js';

export const C = {
  custom: 0x00, ascii: 0x01, bigint: 0x02, blob: 0x03, boolean: 0x04, counter: 0x05, decimal: 0x06, double: 0x07,
  float: 0x08, int: 0x09, text: 0x0a, timestamp: 0x0b, uuid: 0x0c, varchar: 0x0d, varint: 0x0e, timeuuid: 0x0f,
  inet: 0x10, date: 0x11, time: 0x12, smallint: 0x13, tinyint: 0x14, duration: 0x15,
  list: 0x20, map: 0x21, set: 0x22, udt: 0x30, tuple: 0x31,
} as const;

interface UdtInfo { fields: { name: string; type: DriverType }[] }

/** Vector element type and dimension (the driver's parsed form or the raw marshal class text). */
export function vectorOf(t: DriverType): { sub: DriverType; dim: number } | undefined {
  if (t.code !== C.custom) return undefined;
  if (t.customTypeName === 'vector' && Array.isArray(t.info)) return { sub: t.info[0] as DriverType, dim: t.info[1] as number };
  const m = typeof t.info === 'string' ? /VectorType\((?:[\w.]+\.)?(\w+)\s*,\s*(\d+)\)$/.exec(t.info) : null;
  if (!m) return undefined;
  const code = m[1] === 'FloatType' ? C.float : m[1] === 'DoubleType' ? C.double : m[1] === 'Int32Type' ? C.int : m[1] === 'LongType' ? C.bigint : C.text;
  return { sub: { code }, dim: Number(m[2]) };
}

/** Duration arrives as a custom marshal class on protocol v4. */
export function normalizeType(t: DriverType): DriverType {
  if (t.code === C.custom && typeof t.info === 'string' && /DurationType$/.test(t.info)) return { code: C.duration };
  return t;
}

/** Driver value → the text written to the file (null stays null; the writer turns it into NULL). */
export function textWriter(type: DriverType, ts: TimestampFormat): (v: unknown) => string | null {
  const t = normalizeType(type);
  if (t.code === C.duration) return (v) => (v === null || v === undefined ? null : exactDurationText(v));
  if (t.code === C.ascii || t.code === C.text || t.code === C.varchar) return (v) => (v === null || v === undefined ? null : String(v));
  // Common scalars straight to text, without building the encoded value first (exports are all values).
  const direct = DIRECT[t.code];
  if (direct) return (v) => (v === null || v === undefined ? null : direct(v));
  if (t.code === C.timestamp) return (v) => (v === null || v === undefined ? null : v instanceof Date ? ts.format(v.getTime()) : ts.format(Number(v)));
  const encode = encoderFor(type);
  return (v) => {
    const e = encode(v);
    return e === null ? null : encodedText(e, ts, false);
  };
}

const finite = (v: unknown): string => String(v);
const DIRECT: Partial<Record<number, (v: unknown) => string>> = {
  [C.int]: finite, [C.smallint]: finite, [C.tinyint]: finite, [C.boolean]: finite, [C.double]: finite,
  [C.float]: (v) => formatFloat32(v as number), [C.bigint]: longText, [C.counter]: longText, [C.varint]: integerText,
  [C.decimal]: decimalText, [C.uuid]: uuidText, [C.timeuuid]: uuidText, [C.inet]: inetText, [C.blob]: blobHex,
};

/** Driver value → its JSON Lines value (exact numbers as strings, as the notebook's JSON export writes them). */
export function jsonWriter(type: DriverType): (v: unknown) => unknown {
  const t = normalizeType(type);
  if (t.code === C.duration) return (v) => (v === null || v === undefined ? null : exactDurationText(v));
  const encode = encoderFor(type);
  return (v) => toJsonValue(encode(v));
}

/** cqlsh-like text; nested strings and the text-like scalars (timestamps, dates, times, inets) are quoted. */
export function encodedText(v: EncodedValue, ts: TimestampFormat, nested: boolean): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return nested ? quote(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  switch (v.t) {
    case 'float':
      return typeof v.v === 'number' ? formatFloat32(v.v) : v.v;
    case 'timestamp':
      return nested ? quote(ts.format(v.ms)) : ts.format(v.ms);
    case 'blob':
      return v.hex;
    case 'date': case 'time': case 'inet': case 'duration':
      return nested ? quote(v.v) : v.v;
    case 'list': case 'vector':
      return `[${v.items.map((x) => (typeof x === 'number' ? String(x) : encodedText(x, ts, true))).join(', ')}]`;
    case 'set':
      return `{${v.items.map((x) => encodedText(x, ts, true)).join(', ')}}`;
    case 'tuple':
      return `(${v.items.map((x) => encodedText(x, ts, true)).join(', ')})`;
    case 'map':
      return `{${v.entries.map(([k, x]) => `${encodedText(k, ts, true)}: ${encodedText(x, ts, true)}`).join(', ')}}`;
    case 'udt':
      return `{${v.fields.map(([k, x]) => `${/^[a-z_][a-z0-9_]*$/.test(k) ? k : `"${k.replace(/"/g, '""')}"`}: ${encodedText(x, ts, true)}`).join(', ')}}`;
    default:
      return v.v;
  }
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Text of a file field → the driver value for the column; throws an Error worded for the error file. */
export function textReader(type: DriverType, ts: TimestampFormat): (text: string) => unknown {
  const t = normalizeType(type);
  if (SCALAR_CODES.has(t.code)) return (text) => parseScalar(t.code, text, ts);
  const fromLit = literalReader(t, ts);
  return (text) => fromLit(parseLiteral(text));
}

/** JSON value of a JSON Lines field → the driver value (scalars go through their text form). */
export function jsonReader(type: DriverType, ts: TimestampFormat): (v: unknown) => unknown {
  const t = normalizeType(type);
  if (SCALAR_CODES.has(t.code)) {
    return (v) => {
      if (v === null) return null;
      if (typeof v === 'object') throw new Error(`expected a ${typeName(t)} value, got ${JSON.stringify(v)}`);
      return parseScalar(t.code, String(v), ts);
    };
  }
  const vec = vectorOf(t);
  if (vec) {
    const item = jsonReader(vec.sub, ts);
    return (v) => (v === null ? null : makeVector(vec.sub, vec.dim, asArray(v).map(item)));
  }
  switch (t.code) {
    case C.list: case C.set: {
      const item = jsonReader(t.info as DriverType, ts);
      return (v) => (v === null ? null : asArray(v).map(item));
    }
    case C.tuple: {
      const parts = (t.info as DriverType[]).map((x) => jsonReader(x, ts));
      return (v) => (v === null ? null : driverTypes().Tuple.fromArray(asArray(v).map((x, i) => (parts[i] ?? fail('too many tuple items'))(x))));
    }
    case C.map: {
      const [kt, vt] = t.info as [DriverType, DriverType];
      const key = mapKey(kt, ts);
      const val = jsonReader(vt, ts);
      return (v) => {
        if (v === null) return null;
        if (typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object for a map');
        const o: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[key(k)] = val(x);
        return o;
      };
    }
    case C.udt: {
      const fields = (t.info as UdtInfo).fields.map((f) => [f.name, jsonReader(f.type, ts)] as const);
      return (v) => {
        if (v === null) return null;
        if (typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object for a user type');
        const src = v as Record<string, unknown>;
        const o: Record<string, unknown> = {};
        for (const [name, read] of fields) o[name] = name in src ? read(src[name]) : null;
        return o;
      };
    }
    default:
      throw new Error(`COPY cannot read values of type ${typeName(t)}`);
  }
}

function literalReader(t: DriverType, ts: TimestampFormat): (lit: Literal) => unknown {
  if (SCALAR_CODES.has(t.code)) {
    return (lit) => {
      if (lit.k === 'atom' && lit.v.toLowerCase() === 'null') return null;
      if (lit.k !== 'str' && lit.k !== 'atom') throw new Error(`expected a ${typeName(t)} value`);
      return parseScalar(t.code, lit.v, ts);
    };
  }
  const vec = vectorOf(t);
  if (vec) {
    const item = literalReader(vec.sub, ts);
    return (lit) => (isNull(lit) ? null : makeVector(vec.sub, vec.dim, items(lit, 'list').map(item)));
  }
  switch (t.code) {
    case C.list: case C.set: {
      const item = literalReader(t.info as DriverType, ts);
      const shape = t.code === C.list ? 'list' : 'braces';
      return (lit) => (isNull(lit) ? null : items(lit, shape).map(item));
    }
    case C.tuple: {
      const parts = (t.info as DriverType[]).map((x) => literalReader(x, ts));
      return (lit) => {
        if (isNull(lit)) return null;
        const xs = items(lit, 'tuple');
        if (xs.length > parts.length) throw new Error(`expected at most ${parts.length} tuple items, got ${xs.length}`);
        return driverTypes().Tuple.fromArray(xs.map((x, i) => parts[i]!(x)));
      };
    }
    case C.map: {
      const [kt, vt] = t.info as [DriverType, DriverType];
      const keyText = mapKey(kt, ts);
      const val = literalReader(vt, ts);
      return (lit) => {
        if (isNull(lit)) return null;
        if (lit.k !== 'braces' || lit.items.length) throw new Error('expected a map {key: value, …}');
        const o: Record<string, unknown> = {};
        for (const [k, x] of lit.entries) {
          if (k.k !== 'str' && k.k !== 'atom') throw new Error('map keys must be simple values');
          o[keyText(k.v)] = val(x);
        }
        return o;
      };
    }
    case C.udt: {
      const fields = new Map((t.info as UdtInfo).fields.map((f) => [f.name, literalReader(f.type, ts)]));
      return (lit) => {
        if (isNull(lit)) return null;
        if (lit.k !== 'braces' || lit.items.length) throw new Error('expected a user type value {field: value, …}');
        const o: Record<string, unknown> = {};
        for (const [k, x] of lit.entries) {
          const read = k.k === 'atom' || k.k === 'str' ? fields.get(k.v) : undefined;
          if (!read) throw new Error(`unknown field ${k.k === 'atom' || k.k === 'str' ? k.v : '?'}`);
          o[(k as { v: string }).v] = read(x);
        }
        return o;
      };
    }
    default:
      throw new Error(`COPY cannot read values of type ${typeName(t)}`);
  }
}

/**
 * Map keys travel as object property names, which the driver encodes by the key type: only types it reads
 * exactly from text are allowed (not boolean, blob, duration or collections).
 */
function mapKey(kt: DriverType, ts: TimestampFormat): (text: string) => string {
  const t = normalizeType(kt);
  const ok = [C.ascii, C.text, C.varchar, C.int, C.smallint, C.tinyint, C.bigint, C.varint, C.decimal, C.float, C.double,
    C.uuid, C.timeuuid, C.inet, C.date, C.time, C.timestamp] as number[];
  if (!ok.includes(t.code)) throw new Error(`COPY FROM cannot write maps with ${typeName(t)} keys`);
  return (text) => {
    const v = parseScalar(t.code, text, ts);
    return v instanceof Date ? v.toISOString() : String(v);
  };
}

function makeVector(sub: DriverType, dim: number, xs: unknown[]): unknown {
  if (xs.length !== dim) throw new Error(`expected a vector of ${dim} values, got ${xs.length}`);
  if (sub.code === C.float) return new (driverTypes().Vector)(Float32Array.from(xs as number[]), 'float');
  return new (driverTypes().Vector)(xs, typeName(sub));
}

const isNull = (lit: Literal) => lit.k === 'atom' && lit.v.toLowerCase() === 'null';

function items(lit: Literal, shape: 'list' | 'braces' | 'tuple'): Literal[] {
  if (lit.k === 'braces' && lit.entries.length === 0 && (shape === 'braces' || lit.items.length === 0)) return lit.items;
  if ((lit.k === 'list' || lit.k === 'tuple') && (lit.k === shape || shape === 'list' || shape === 'braces')) return lit.items;
  throw new Error(`expected ${shape === 'list' ? '[…]' : shape === 'tuple' ? '(…)' : '{…}'}`);
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : fail('expected a JSON array'));

function fail(message: string): never {
  throw new Error(message);
}

const NAMES = new Map<number, string>(Object.entries(C).map(([k, v]) => [v, k === 'varchar' ? 'text' : k]));

export function typeName(t: DriverType): string {
  return NAMES.get(t.code) ?? 'custom';
}
