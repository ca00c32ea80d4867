// cassandra-driver result values → lossless EncodedValues, driven by the column's CQL type (not by guessing from the
// JS value: a driver `Long` and a `BigDecimal` both print as digits, but only the type says which one it was).
// vscode-free so integration tests and benchmarks use exactly this code.

import type { EncodedValue, ExactTag } from '../../shared/valueEncoding.js';
import * as scalarText from './scalarText.js';

// Bound once here: compiled to CommonJS (tests, benchmarks), each use of an imported name is a getter call, here
// per value (a sampled profile of the all-types bench showed the getter itself).
const { blobHex, decimalText, durationText, inetText, integerText, isoUtc, localDateText, longText, uuidText } = scalarText;

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

/** Turns one driver value of a fixed column type into its EncodedValue (null and undefined → null). */
export type ValueEncoder = (value: unknown) => EncodedValue;

const compiled = new WeakMap<object, Map<string, ValueEncoder>>();

/**
 * The encoder for values of `driverType`, built once per type object and zone: the type is examined when the
 * encoder is built, so encoding a value does no type dispatch and allocates only the encoded value itself.
 */
export function encoderFor(driverType: DriverType, opts: EncodeOptions = {}): ValueEncoder {
  const timeZone = opts.timeZone ?? 'UTC';
  let byZone = compiled.get(driverType);
  if (!byZone) compiled.set(driverType, (byZone = new Map()));
  let encode = byZone.get(timeZone);
  if (!encode) byZone.set(timeZone, (encode = compile(driverType, timeZone)));
  return encode;
}

export function encodeValue(value: unknown, driverType: DriverType, opts: EncodeOptions = {}): EncodedValue {
  return encoderFor(driverType, opts)(value);
}

const EXACT_TEXT: Partial<Record<number, (v: unknown) => string>> = {
  [T.bigint]: longText, [T.counter]: longText, [T.varint]: integerText, [T.decimal]: decimalText, [T.uuid]: uuidText,
  [T.timeuuid]: uuidText, [T.duration]: durationText, [T.inet]: inetText, [T.date]: localDateText,
};

function compile(driverType: DriverType, tz: string): ValueEncoder {
  const type = normalize(driverType);
  const exact = EXACT[type.code];
  if (exact) {
    const text = EXACT_TEXT[type.code] ?? String;
    return (v) => (v === null || v === undefined ? null : { t: exact, v: text(v) });
  }
  switch (type.code) {
    case T.ascii:
    case T.text:
    case T.varchar:
      return (v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : String(v));
    case T.boolean:
      return (v) => (v === null || v === undefined ? null : Boolean(v));
    case T.int:
    case T.smallint:
    case T.tinyint:
      return (v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));
    case T.double:
      return (v) => (v === null || v === undefined ? null : Number.isFinite(v) ? (v as number) : { t: 'double', v: String(v) });
    case T.float:
      return (v) => (v === null || v === undefined ? null : { t: 'float', v: Number.isFinite(v) ? (v as number) : String(v) });
    case T.timestamp:
      return compileTimestamp(tz);
    case T.blob:
      return (v) => (v === null || v === undefined ? null : { t: 'blob', hex: blobHex(v) });
    case T.list:
    case T.set:
      return compileItems(type.code === T.list ? 'list' : 'set', compile(type.info as DriverType, tz));
    case T.map:
      return compileMap(type.info as [DriverType, DriverType], tz);
    case T.tuple:
      return compileTuple(type.info as DriverType[], tz);
    case T.udt:
      return compileUdt(type.info as UdtInfo, tz);
    default: {
      const vec = vectorInfo(type);
      if (vec) return compileVector(compile(vec.sub, 'UTC'));
      return (v) => (v === null || v === undefined ? null : { t: 'unknown', v: Buffer.isBuffer(v) ? `0x${v.toString('hex')}` : String(v) });
    }
  }
}

function compileTimestamp(tz: string): ValueEncoder {
  if (tz !== 'UTC') return (v) => (v === null || v === undefined ? null : encodeTimestamp(v, tz));
  return (v) => {
    if (v === null || v === undefined) return null;
    if (!(v instanceof Date)) return encodeTimestamp(v, tz);
    const ms = v.getTime();
    return Number.isFinite(ms) ? { t: 'timestamp', ms, iso: isoUtc(ms) } : { t: 'unknown', v: String(v) };
  };
}

function compileItems(t: 'list' | 'set', item: ValueEncoder): ValueEncoder {
  return (v) => {
    if (v === null || v === undefined) return null;
    const xs = toArray(v);
    const items = sized<EncodedValue>(xs.length);
    for (let i = 0; i < xs.length; i++) items[i] = item(xs[i]);
    return { t, items };
  };
}

function compileTuple(types: DriverType[], tz: string): ValueEncoder {
  const parts = types.map((st) => compile(st, tz));
  let other: ValueEncoder | undefined;
  return (v) => {
    if (v === null || v === undefined) return null;
    const tuple = v as { get?: (i: number) => unknown };
    if (typeof tuple.get === 'function') {
      const items = sized<EncodedValue>(parts.length);
      for (let i = 0; i < parts.length; i++) items[i] = parts[i]!(tuple.get(i));
      return { t: 'tuple', items };
    }
    const xs = toArray(v);
    const items = sized<EncodedValue>(xs.length);
    for (let i = 0; i < xs.length; i++) items[i] = (parts[i] ?? (other ??= compile({ code: T.custom }, tz)))(xs[i]);
    return { t: 'tuple', items };
  };
}

function compileUdt(info: UdtInfo, tz: string): ValueEncoder {
  const names = info.fields.map((f) => f.name);
  const parts = info.fields.map((f) => compile(f.type, tz));
  return (v) => {
    if (v === null || v === undefined) return null;
    const o = v as Record<string, unknown>;
    const fields = sized<[string, EncodedValue]>(names.length);
    for (let i = 0; i < names.length; i++) fields[i] = [names[i]!, parts[i]!(o[names[i]!])];
    return { t: 'udt', fields };
  };
}

function compileVector(sub: ValueEncoder): ValueEncoder {
  const item = (x: unknown): number | string => {
    if (typeof x === 'number') return Number.isFinite(x) ? x : String(x);
    const e = sub(x);
    return typeof e === 'number' ? e : e === null ? 'null' : typeof e === 'string' ? e : String((e as { v?: unknown }).v ?? '');
  };
  return (v) => {
    if (v === null || v === undefined) return null;
    // The driver's Vector is a Proxy whose every property read runs a trap that parses the key as a number: its
    // element array is read once, and type tests that would go through the proxy again are skipped.
    const elements = Array.isArray(v) ? v : (v as { elements?: unknown }).elements;
    const xs = Array.isArray(elements) ? (elements as unknown[]) : toArray(v);
    const items = sized<number | string>(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      items[i] = typeof x === 'number' && Number.isFinite(x) ? x : item(x);
    }
    return { t: 'vector', items };
  };
}

/**
 * An array of exactly `n` slots, for the caller to fill. Pushing onto `[]` reserves 17 slots at the first push and
 * half as many again at each growth; encoded values live as long as their page, so the spare slots cost copying.
 */
export function sized<T>(n: number): T[] {
  return new Array<T>(n);
}

function toArray(value: unknown): ArrayLike<unknown> {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  const v = value as { elements?: unknown[]; length?: number };
  if (Array.isArray(v.elements)) return v.elements; // driver types.Vector
  if (typeof v.length === 'number') return Array.from(value as ArrayLike<unknown>);
  return [];
}

const NUMERIC_KEYS = new Set<number>([T.int, T.smallint, T.tinyint, T.double, T.float, T.bigint, T.varint, T.decimal, T.counter]);
const INT_KEYS = new Set<number>([T.int, T.smallint, T.tinyint]);

function compileMap([kt, vt]: [DriverType, DriverType], tz: string): ValueEncoder {
  const key = compile(kt, tz);
  const value = compile(vt, tz);
  const keyText = keyFromString(kt, tz);
  // Without the client's `encoding.map` option the driver builds a plain object, so keys arrive as strings and
  // integer-like keys lose their order; numeric keys are re-sorted as the server sorted them.
  const order = INT_KEYS.has(kt.code) ? (a: string, b: string) => Number(a) - Number(b) : NUMERIC_KEYS.has(kt.code) ? compareNumericText : undefined;
  return (v) => {
    if (v === null || v === undefined) return null;
    if (v instanceof Map) {
      const entries: [EncodedValue, EncodedValue][] = [];
      for (const [k, x] of v) entries.push([key(k), value(x)]);
      return { t: 'map', entries };
    }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (order) keys.sort(order);
    const entries = sized<[EncodedValue, EncodedValue]>(keys.length);
    for (let i = 0; i < keys.length; i++) entries[i] = [keyText(keys[i]!), value(o[keys[i]!])];
    return { t: 'map', entries };
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

function keyFromString(kt: DriverType, tz: string): (k: string) => EncodedValue {
  switch (kt.code) {
    case T.int:
    case T.smallint:
    case T.tinyint:
    case T.double:
      return (k) => Number(k);
    case T.float:
      return (k) => ({ t: 'float', v: Number(k) });
    case T.boolean:
      return (k) => k === 'true';
    case T.timestamp:
      return (k) => encodeTimestamp(new Date(k), tz);
    case T.blob:
      return (k) => ({ t: 'blob', hex: `0x${k}` });
    default: {
      const exact = EXACT[kt.code];
      return exact ? (k) => ({ t: exact, v: k }) : (k) => k;
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
  if (timeZone === 'UTC') return isoUtc(ms);
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
