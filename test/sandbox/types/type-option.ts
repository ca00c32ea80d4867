// The [option] that describes a column type in RESULT metadata (native_protocol_v4 §4.2.5.2), and Cassandra's
// marshal class names used for custom options. In v4 `duration` and `vector` have no option id of their own:
// Cassandra sends them as custom types, which is what the drivers expect.

import type { CqlType, NativeTypeName } from './cqltype.js';

const NATIVE_IDS: Record<Exclude<NativeTypeName, 'duration'>, number> = {
  ascii: 0x01, bigint: 0x02, blob: 0x03, boolean: 0x04, counter: 0x05, decimal: 0x06, double: 0x07, float: 0x08,
  int: 0x09, timestamp: 0x0b, uuid: 0x0c, text: 0x0d, varint: 0x0e, timeuuid: 0x0f, inet: 0x10, date: 0x11,
  time: 0x12, smallint: 0x13, tinyint: 0x14,
};
const BY_ID = new Map<number, NativeTypeName>(
  Object.entries(NATIVE_IDS).map(([k, v]) => [v, k as NativeTypeName]),
);
BY_ID.set(0x0a, 'text'); // "text" id of protocol v1/v2, still readable
BY_ID.set(0x15, 'duration'); // protocol v5 id

const MARSHAL = 'org.apache.cassandra.db.marshal.';
const CLASS_NAMES: Record<NativeTypeName, string> = {
  ascii: 'AsciiType', bigint: 'LongType', blob: 'BytesType', boolean: 'BooleanType', counter: 'CounterColumnType',
  decimal: 'DecimalType', double: 'DoubleType', float: 'FloatType', int: 'Int32Type', text: 'UTF8Type',
  timestamp: 'TimestampType', uuid: 'UUIDType', varint: 'IntegerType', timeuuid: 'TimeUUIDType',
  inet: 'InetAddressType', date: 'SimpleDateType', time: 'TimeType', smallint: 'ShortType', tinyint: 'ByteType',
  duration: 'DurationType',
};

function str(s: string): Buffer {
  const body = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(body.length);
  return Buffer.concat([len, body]);
}

function short(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

export function writeTypeOption(t: CqlType): Buffer {
  switch (t.kind) {
    case 'native':
      if (t.name === 'duration') return Buffer.concat([short(0), str(MARSHAL + CLASS_NAMES.duration)]);
      return short(NATIVE_IDS[t.name]);
    case 'list':
      return Buffer.concat([short(0x20), writeTypeOption(t.element)]);
    case 'set':
      return Buffer.concat([short(0x22), writeTypeOption(t.element)]);
    case 'map':
      return Buffer.concat([short(0x21), writeTypeOption(t.key), writeTypeOption(t.value)]);
    case 'udt':
      return Buffer.concat([
        short(0x30), str(t.keyspace), str(t.name), short(t.fields.length),
        ...t.fields.flatMap((f) => [str(f.name), writeTypeOption(f.type)]),
      ]);
    case 'tuple':
      return Buffer.concat([short(0x31), short(t.elements.length), ...t.elements.map(writeTypeOption)]);
    case 'vector':
    case 'custom':
      return Buffer.concat([short(0), str(typeClassName(t))]);
  }
}

/** Reads one [option] at `offset`; returns the type and the offset after it. */
export function readTypeOption(buf: Buffer, offset: number): [CqlType, number] {
  let off = offset;
  const need = (n: number) => {
    if (off + n > buf.length) throw new RangeError('Not enough bytes to read a type option');
  };
  const readShort = () => {
    need(2);
    off += 2;
    return buf.readUInt16BE(off - 2);
  };
  const readStr = () => {
    const n = readShort();
    need(n);
    off += n;
    return buf.toString('utf8', off - n, off);
  };
  const read = (): CqlType => {
    const id = readShort();
    const nat = BY_ID.get(id);
    if (nat) return { kind: 'native', name: nat };
    switch (id) {
      case 0x00:
        return parseTypeClassName(readStr());
      case 0x20:
        return { kind: 'list', element: read(), frozen: false };
      case 0x22:
        return { kind: 'set', element: read(), frozen: false };
      case 0x21:
        return { kind: 'map', key: read(), value: read(), frozen: false };
      case 0x30: {
        const keyspace = readStr();
        const name = readStr();
        const n = readShort();
        const fields = Array.from({ length: n }, () => ({ name: readStr(), type: read() }));
        return { kind: 'udt', keyspace, name, fields, frozen: false };
      }
      case 0x31: {
        const n = readShort();
        return { kind: 'tuple', elements: Array.from({ length: n }, read) };
      }
      default:
        throw new RangeError(`Unknown type option id 0x${id.toString(16)}`);
    }
  };
  const t = read();
  return [t, off];
}

/** Cassandra's marshal class name for a type (what a custom [option] and DESCRIBE-level internals use). */
export function typeClassName(t: CqlType): string {
  const wrap = (s: string, frozen: boolean) => (frozen ? `${MARSHAL}FrozenType(${s})` : s);
  switch (t.kind) {
    case 'native':
      return MARSHAL + CLASS_NAMES[t.name];
    case 'list':
      return wrap(`${MARSHAL}ListType(${typeClassName(t.element)})`, t.frozen);
    case 'set':
      return wrap(`${MARSHAL}SetType(${typeClassName(t.element)})`, t.frozen);
    case 'map':
      return wrap(`${MARSHAL}MapType(${typeClassName(t.key)},${typeClassName(t.value)})`, t.frozen);
    case 'tuple':
      return `${MARSHAL}TupleType(${t.elements.map(typeClassName).join(',')})`;
    case 'udt': {
      const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
      const fields = t.fields.map((f) => `${hex(f.name)}:${typeClassName(f.type)}`);
      return wrap(`${MARSHAL}UserType(${[t.keyspace, hex(t.name), ...fields].join(',')})`, t.frozen);
    }
    case 'vector':
      return `${MARSHAL}VectorType(${typeClassName(t.element)}, ${t.dimension})`;
    case 'custom':
      return t.className;
  }
}

const NATIVE_BY_CLASS = new Map<string, NativeTypeName>(
  Object.entries(CLASS_NAMES).map(([k, v]) => [v, k as NativeTypeName]),
);

/** Inverse of typeClassName; unknown classes become { kind: 'custom' }. */
export function parseTypeClassName(name: string): CqlType {
  const s = name.trim();
  const open = s.indexOf('(');
  const base = (open < 0 ? s : s.slice(0, open)).replace(MARSHAL, '');
  const args = open < 0 ? [] : splitArgs(s.slice(open + 1, s.lastIndexOf(')')));
  const nat = NATIVE_BY_CLASS.get(base);
  if (nat && open < 0) return { kind: 'native', name: nat };
  const frozen = (t: CqlType): CqlType => ('frozen' in t ? { ...t, frozen: true } : t) as CqlType;
  switch (base) {
    case 'VectorType':
      return { kind: 'vector', element: parseTypeClassName(args[0]), dimension: parseInt(args[1], 10) };
    case 'FrozenType':
      return frozen(parseTypeClassName(args[0]));
    case 'ListType':
      return { kind: 'list', element: parseTypeClassName(args[0]), frozen: false };
    case 'SetType':
      return { kind: 'set', element: parseTypeClassName(args[0]), frozen: false };
    case 'MapType':
      return { kind: 'map', key: parseTypeClassName(args[0]), value: parseTypeClassName(args[1]), frozen: false };
    case 'TupleType':
      return { kind: 'tuple', elements: args.map(parseTypeClassName) };
    case 'UserType': {
      const unhex = (h: string) => Buffer.from(h, 'hex').toString('utf8');
      const fields = args.slice(2).map((a) => {
        const i = a.indexOf(':');
        return { name: unhex(a.slice(0, i)), type: parseTypeClassName(a.slice(i + 1)) };
      });
      return { kind: 'udt', keyspace: args[0], name: unhex(args[1]), fields, frozen: false };
    }
    default:
      return { kind: 'custom', className: s };
  }
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (s.slice(start).trim() !== '') out.push(s.slice(start).trim());
  return out;
}
