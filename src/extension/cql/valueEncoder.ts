// cassandra-driver result values → lossless EncodedValues, driven by the column's CQL type (not by guessing from the
// JS value: a driver `Long` and a `BigDecimal` both print as digits, but only the type says which one it was).
// vscode-free so integration tests and benchmarks use exactly this code.

import type { EncodedValue, ExactTag } from '../../shared/valueEncoding.js';

/** The driver's column type descriptor (`result.columns[i].type`). */
export interface DriverType {
  code: number;
  type?: unknown;
  info?: unknown;
  customTypeName?: string;
}

// cassandra-driver `types.dataTypes` codes (protocol v4 §6).
const T = {
  custom: 0x00, ascii: 0x01, bigint: 0x02, blob: 0x03, boolean: 0x04, counter: 0x05, decimal: 0x06, double: 0x07,
  float: 0x08, int: 0x09, text: 0x0a, timestamp: 0x0b, uuid: 0x0c, varchar: 0x0d, varint: 0x0e, timeuuid: 0x0f,
  inet: 0x10, date: 0x11, time: 0x12, smallint: 0x13, tinyint: 0x14, duration: 0x15,
  list: 0x20, map: 0x21, set: 0x22, udt: 0x30, tuple: 0x31,
} as const;

// varchar and text are one type; servers send the varchar id for both, and cqlsh calls it text.
const NAMES = new Map<number, string>(Object.entries(T).map(([k, v]) => [v, k === 'varchar' ? 'text' : k]));

const EXACT: Partial<Record<number, ExactTag>> = {
  [T.bigint]: 'bigint', [T.counter]: 'counter', [T.varint]: 'varint', [T.decimal]: 'decimal', [T.uuid]: 'uuid',
  [T.timeuuid]: 'timeuuid', [T.date]: 'date', [T.time]: 'time', [T.duration]: 'duration', [T.inet]: 'inet',
};

interface UdtInfo {
  name: string;
  keyspace?: string;
  fields: { name: string; type: DriverType }[];
}

// Server marshal classes that may appear as vector element types (the driver leaves custom types as class names).
const MARSHAL: Record<string, number> = {
  FloatType: T.float, DoubleType: T.double, Int32Type: T.int, LongType: T.bigint, UTF8Type: T.text, AsciiType: T.ascii,
  BooleanType: T.boolean, ShortType: T.smallint, ByteType: T.tinyint, UUIDType: T.uuid, TimeUUIDType: T.timeuuid,
  DecimalType: T.decimal, IntegerType: T.varint, TimestampType: T.timestamp, SimpleDateType: T.date, TimeType: T.time,
  BytesType: T.blob, InetAddressType: T.inet, DurationType: T.duration,
};

/** Vector element type and dimension, from the driver's parsed form or the raw `…VectorType(…FloatType, 3)`. */
function vectorInfo(t: DriverType): { sub: DriverType; dim: number } | undefined {
  if (t.code !== T.custom) return undefined;
  if (t.customTypeName === 'vector' && Array.isArray(t.info)) return { sub: t.info[0] as DriverType, dim: t.info[1] as number };
  const m = typeof t.info === 'string' ? /VectorType\((?:[\w.]+\.)?(\w+)\s*,\s*(\d+)\)$/.exec(t.info) : null;
  if (!m) return undefined;
  return { sub: { code: MARSHAL[m[1]!] ?? T.custom, ...(MARSHAL[m[1]!] === undefined ? { info: m[1] } : {}) }, dim: Number(m[2]) };
}

/** Protocol v4 has no id for some types (duration): they arrive as custom marshal classes; map those back. */
function normalize(t: DriverType): DriverType {
  if (t.code !== T.custom || typeof t.info !== 'string') return t;
  const code = MARSHAL[/(?:^|\.)(\w+)$/.exec(t.info)?.[1] ?? ''];
  return code === undefined ? t : { code };
}

/** CQL text of a driver type: `map<text, frozen<list<int>>>` style (frozen is not on the wire, so not shown). */
export function cqlTypeText(type: DriverType): string {
  const t = normalize(type);
  const vec = vectorInfo(t);
  if (vec) return `vector<${cqlTypeText(vec.sub)}, ${vec.dim}>`;
  switch (t.code) {
    case T.list:
    case T.set:
      return `${NAMES.get(t.code)}<${cqlTypeText(t.info as DriverType)}>`;
    case T.map:
    case T.tuple:
      return `${NAMES.get(t.code)}<${(t.info as DriverType[]).map(cqlTypeText).join(', ')}>`;
    case T.udt:
      return (t.info as UdtInfo).name;
    case T.custom:
      return typeof t.info === 'string' ? `'${t.info}'` : 'custom';
    default:
      return NAMES.get(t.code) ?? `unknown(${t.code})`;
  }
}

export interface EncodeOptions {
  /** IANA zone for timestamp display ('UTC' when unset). */
  timeZone?: string;
}

export function encodeValue(value: unknown, driverType: DriverType, opts: EncodeOptions = {}): EncodedValue {
  if (value === null || value === undefined) return null;
  const type = normalize(driverType);
  const exact = EXACT[type.code];
  if (exact) return { t: exact, v: String(value) };
  switch (type.code) {
    case T.ascii:
    case T.text:
    case T.varchar:
      return String(value);
    case T.boolean:
      return Boolean(value);
    case T.int:
    case T.smallint:
    case T.tinyint:
      return Number(value);
    case T.double:
      return Number.isFinite(value) ? (value as number) : { t: 'double', v: String(value) };
    case T.float:
      return { t: 'float', v: Number.isFinite(value) ? (value as number) : String(value) };
    case T.timestamp:
      return encodeTimestamp(value, opts.timeZone ?? 'UTC');
    case T.blob:
      return { t: 'blob', hex: `0x${Buffer.isBuffer(value) ? value.toString('hex') : String(value)}` };
    case T.list:
    case T.set:
      return { t: type.code === T.list ? 'list' : 'set', items: toArray(value).map((x) => encodeValue(x, type.info as DriverType, opts)) };
    case T.map:
      return encodeMap(value, type.info as [DriverType, DriverType], opts);
    case T.tuple: {
      const types = type.info as DriverType[];
      const items = typeof (value as { get?: unknown }).get === 'function'
        ? types.map((st, i) => encodeValue((value as { get(i: number): unknown }).get(i), st, opts))
        : toArray(value).map((x, i) => encodeValue(x, types[i] ?? { code: T.custom }, opts));
      return { t: 'tuple', items };
    }
    case T.udt: {
      const info = type.info as UdtInfo;
      const o = value as Record<string, unknown>;
      return { t: 'udt', fields: info.fields.map((f) => [f.name, encodeValue(o[f.name], f.type, opts)]) };
    }
    default:
      const vec = vectorInfo(type);
      if (vec) return { t: 'vector', items: toArray(value).map((x) => vectorItem(x, vec.sub)) };
      return { t: 'unknown', v: Buffer.isBuffer(value) ? `0x${value.toString('hex')}` : String(value) };
  }
}

function vectorItem(x: unknown, sub: DriverType): number | string {
  if (typeof x === 'number') return Number.isFinite(x) ? x : String(x);
  const e = encodeValue(x, sub);
  return typeof e === 'number' ? e : e === null ? 'null' : typeof e === 'string' ? e : String((e as { v?: unknown }).v ?? '');
}

function toArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  const v = value as { elements?: unknown[]; length?: number };
  if (Array.isArray(v.elements)) return v.elements; // driver types.Vector
  if (typeof v.length === 'number') return Array.from(value as ArrayLike<unknown>);
  return [];
}

const NUMERIC_KEYS = new Set<number>([T.int, T.smallint, T.tinyint, T.double, T.float, T.bigint, T.varint, T.decimal, T.counter]);

function encodeMap(value: unknown, [kt, vt]: [DriverType, DriverType], opts: EncodeOptions): EncodedValue {
  if (value instanceof Map) {
    return { t: 'map', entries: [...value].map(([k, v]) => [encodeValue(k, kt, opts), encodeValue(v, vt, opts)]) };
  }
  // Without the client's `encoding.map` option the driver builds a plain object, so keys arrive as strings and
  // integer-like keys lose their order; numeric keys are re-sorted as the server sorted them.
  let keys = Object.keys(value as object);
  if (NUMERIC_KEYS.has(kt.code)) keys = keys.sort((a, b) => compareNumericText(a, b));
  return {
    t: 'map',
    entries: keys.map((k) => [keyFromString(k, kt, opts), encodeValue((value as Record<string, unknown>)[k], vt, opts)]),
  };
}

function compareNumericText(a: string, b: string): number {
  try {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  } catch {
    return Number(a) - Number(b);
  }
}

function keyFromString(k: string, kt: DriverType, opts: EncodeOptions): EncodedValue {
  switch (kt.code) {
    case T.int:
    case T.smallint:
    case T.tinyint:
    case T.double:
      return Number(k);
    case T.float:
      return { t: 'float', v: Number(k) };
    case T.boolean:
      return k === 'true';
    case T.timestamp:
      return encodeTimestamp(new Date(k), opts.timeZone ?? 'UTC');
    case T.blob:
      return { t: 'blob', hex: `0x${k}` };
    default: {
      const exact = EXACT[kt.code];
      return exact ? { t: exact, v: k } : k;
    }
  }
}

function encodeTimestamp(value: unknown, timeZone: string): EncodedValue {
  const ms = value instanceof Date ? value.getTime() : Number(value);
  if (!Number.isFinite(ms)) return { t: 'unknown', v: String(value) };
  return { t: 'timestamp', ms, iso: formatTimestamp(ms, timeZone) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** ISO 8601 text of `ms` in `timeZone`, with its offset: `2024-03-01T13:00:00.000+01:00` (`Z` for UTC). */
export function formatTimestamp(ms: number, timeZone: string): string {
  if (timeZone === 'UTC') return new Date(ms).toISOString();
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', era: 'short',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  let year = Number(parts['year']);
  if (parts['era'] === 'BC' || parts['era'] === 'B') year = 1 - year;
  const wallUtc = Date.UTC(year, Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  const millis = ((ms % 1000) + 1000) % 1000;
  const offsetMin = Math.round((wallUtc - (ms - millis)) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const y = year < 0 ? `-${pad(-year, 6)}` : year > 9999 ? `+${pad(year, 6)}` : pad(year, 4);
  return `${y}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}.${pad(millis, 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
