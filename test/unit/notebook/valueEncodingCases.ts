// Values of every CQL type, as the driver hands them to the extension: each value is written to protocol bytes and
// read back by cassandra-driver's own Encoder, so the encoder under test sees exactly the driver's objects
// (plain-object maps, Tuple, Vector, Long, BigDecimal…). Shared by the golden test and its regeneration.
import * as cassandra from 'cassandra-driver';
import type { DriverType } from '../../../src/extension/cql/valueEncoder.js';

// The driver's Encoder is exported at run time but missing from its type declarations.
interface DriverEncoder {
  encode(value: unknown, type: unknown): Buffer;
  decode(bytes: Buffer, type: unknown): unknown;
}
const { types } = cassandra;
const driver = new (cassandra as unknown as { Encoder: new (protocolVersion: number, options: object) => DriverEncoder }).Encoder(4, {});
const { Long, Integer, BigDecimal, Uuid, TimeUuid, InetAddress, LocalDate, LocalTime, Duration, Tuple, Vector } = types;

const C = {
  ascii: 0x01, bigint: 0x02, blob: 0x03, boolean: 0x04, counter: 0x05, decimal: 0x06, double: 0x07, float: 0x08,
  int: 0x09, text: 0x0a, timestamp: 0x0b, uuid: 0x0c, varchar: 0x0d, varint: 0x0e, timeuuid: 0x0f, inet: 0x10,
  date: 0x11, time: 0x12, smallint: 0x13, tinyint: 0x14,
} as const;
const s = (name: keyof typeof C): DriverType => ({ code: C[name] });
const list = (t: DriverType): DriverType => ({ code: 0x20, info: t });
const set = (t: DriverType): DriverType => ({ code: 0x22, info: t });
const map = (k: DriverType, v: DriverType): DriverType => ({ code: 0x21, info: [k, v] });
const tuple = (...ts: DriverType[]): DriverType => ({ code: 0x31, info: ts });
const udt = (name: string, fields: [string, DriverType][]): DriverType => ({
  code: 0x30, info: { name, keyspace: 'ks', fields: fields.map(([n, type]) => ({ name: n, type })) },
});
const vector = (t: DriverType, dim: number): DriverType => ({ code: 0x00, customTypeName: 'vector', info: [t, dim] });
const DURATION_CLASS: DriverType = { code: 0x00, info: 'org.apache.cassandra.db.marshal.DurationType' };

export interface GoldenCase {
  name: string;
  type: DriverType;
  /** Values as the driver decodes them (null stays null). */
  values: unknown[];
  timeZones?: string[];
}

const roundTrip = (type: DriverType, values: unknown[]) =>
  values.map((v) => (v === null ? null : driver.decode(driver.encode(v, type), type)));

const big = (e: number) => 10n ** BigInt(e);

function cases(): { name: string; type: DriverType; raw: unknown[]; timeZones?: string[]; asIs?: boolean }[] {
  const point = udt('point', [['x', s('int')], ['label', s('text')], ['at', s('timestamp')]]);
  return [
    { name: 'ascii', type: s('ascii'), raw: ['', 'a', "it's", ' spaced ', 'x'.repeat(300)] },
    { name: 'text', type: s('varchar'), raw: ['', 'ü — 日本語 😀', '<img src=x onerror=alert(1)>', 'line\nbreak\ttab', '"quoted"'] },
    { name: 'boolean', type: s('boolean'), raw: [true, false, null] },
    { name: 'int', type: s('int'), raw: [0, 1, -1, 2147483647, -2147483648] },
    { name: 'smallint', type: s('smallint'), raw: [0, 32767, -32768] },
    { name: 'tinyint', type: s('tinyint'), raw: [0, 127, -128] },
    {
      name: 'bigint', type: s('bigint'),
      raw: ['0', '1', '-1', '9223372036854775807', '-9223372036854775808', '9007199254740993', '-4294967296', '4294967295'].map((x) => Long.fromString(x)),
    },
    { name: 'counter', type: s('counter'), raw: ['0', '-5', '9223372036854775807'].map((x) => Long.fromString(x)) },
    {
      name: 'varint', type: s('varint'),
      raw: [0n, 1n, -1n, 127n, 128n, -128n, -129n, 255n, 256n, 65535n, -65536n, 2147483647n, -2147483648n, 2n ** 63n, -(2n ** 63n) - 1n,
        2n ** 64n, big(40), -big(40) - 7n, big(120) + 12345n, -(2n ** 200n)].map((x) => Integer.fromString(String(x))),
    },
    {
      name: 'decimal', type: s('decimal'),
      raw: [
        ...['0', '0.00', '-0.5', '1.2300', '-1.2300', '12345678901234567890.000000000000000001', '0.000000000000000000001', '-99999999999999999999.99'].map((x) => BigDecimal.fromString(x)),
        new BigDecimal(1, -3), new BigDecimal(-25, -10), new BigDecimal(7, 30), new BigDecimal(Integer.fromString(String(big(50))) as unknown as number, 25),
        new BigDecimal(Integer.fromString(String(-(2n ** 70n))) as unknown as number, 3), new BigDecimal(0, 5),
      ],
    },
    { name: 'double', type: s('double'), raw: [0, -0, 0.1 + 0.2, 42, 1e308, -1e-308, 5e-324, 1e21, 123456789.125, Number.NaN, Infinity, -Infinity] },
    {
      name: 'float', type: s('float'),
      raw: [0, -0, 1.1, 0.3, -2.5, 3.4028234663852886e38, 1.401298464324817e-45, 16777217, Number.NaN, Infinity, -Infinity].map(Math.fround),
    },
    {
      name: 'timestamp', type: s('timestamp'), timeZones: ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'],
      raw: [0, -1, 1, 1700000000123, -2208988800000, -62135596800000, -62135596800001, 253402300799999, 253402300800000, 8640000000000000, -8640000000000000, 1711846800000]
        .map((ms) => new Date(ms)),
    },
    {
      name: 'uuid', type: s('uuid'),
      raw: ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'].map((x) => Uuid.fromString(x)),
    },
    {
      name: 'timeuuid', type: s('timeuuid'),
      raw: [TimeUuid.fromDate(new Date(0), 0, 'abcdef', 'ab'), TimeUuid.fromDate(new Date(1700000000000), 9999, '010203', '0f'), TimeUuid.fromString('d2177dd0-eaa2-11de-a572-001b779c76e3')],
    },
    {
      name: 'inet', type: s('inet'),
      raw: ['0.0.0.0', '127.0.0.1', '255.255.255.255', '::', '::1', '2001:db8::ff00:42:8329', 'fe80::1:2:3:4', '::ffff:10.0.0.1'].map((x) => InetAddress.fromString(x)),
    },
    { name: 'blob', type: s('blob'), raw: [Buffer.alloc(0), Buffer.from([0]), Buffer.from([0xde, 0xad, 0xbe, 0xef]), Buffer.from(Array.from({ length: 300 }, (_, i) => i & 255))] },
    { name: 'blob around 255 bytes', type: s('blob'), raw: [254, 255, 256].map((n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37) & 255))) },
    {
      name: 'varint of many words', type: s('varint'),
      raw: [2n ** 767n - 1n, -(2n ** 768n), 2n ** 768n, -(big(300) + 1n), big(232) - 1n].map((x) => Integer.fromString(String(x))),
    },
    {
      name: 'decimal with long fractions', type: s('decimal'),
      raw: [[big(20), 255], [-big(20) - 3n, 255], [-1n, 256], [2n ** 800n, 40], [-(2n ** 64n), 300]]
        .map(([x, scale]) => new BigDecimal(Integer.fromString(String(x)) as unknown as number, Number(scale))),
    },
    {
      name: 'date', type: s('date'),
      raw: [LocalDate.fromString('1970-01-01'), LocalDate.fromString('1969-12-31'), LocalDate.fromString('0001-01-01'), LocalDate.fromString('9999-12-31'),
        LocalDate.fromString('2024-02-29'), LocalDate.fromBuffer(Buffer.from([0, 0, 0, 0])), LocalDate.fromBuffer(Buffer.from([255, 255, 255, 255])), LocalDate.fromString('-0044-03-15')],
    },
    {
      name: 'time', type: s('time'),
      raw: [LocalTime.fromString('00:00:00'), LocalTime.fromString('23:59:59.999999999'), LocalTime.fromString('12:30:00.5'), new LocalTime(Long.fromNumber(1))],
    },
    {
      name: 'duration', type: DURATION_CLASS,
      raw: [new Duration(0, 0, Long.ZERO), new Duration(1, 2, Long.fromNumber(3_000_000_000)), new Duration(-14, -3, Long.fromNumber(-1)), Duration.fromString('1y2mo3w4d5h6m7s8ms9us10ns')],
    },
    { name: 'list<int>', type: list(s('int')), raw: [[1, 2, 3], [-1], [2147483647, -2147483648]] },
    { name: 'list<decimal>', type: list(s('decimal')), raw: [[BigDecimal.fromString('1.50'), BigDecimal.fromString('-0.001')]] },
    { name: 'set<text>', type: set(s('text')), raw: [['a', "it's"], ['']] },
    { name: 'set<uuid>', type: set(s('uuid')), raw: [[Uuid.fromString('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'), Uuid.fromString('ffffffff-ffff-ffff-ffff-ffffffffffff')]] },
    { name: 'map<text, int>', type: map(s('text'), s('int')), raw: [{ b: 2, a: 1, '': 0 }] },
    { name: 'map<int, text>', type: map(s('int'), s('text')), raw: [{ 10: 'ten', 2: 'two', '-3': 'minus three' }] },
    { name: 'map<bigint, boolean>', type: map(s('bigint'), s('boolean')), raw: [{ '9223372036854775807': true, '-9223372036854775808': false, 5: true }] },
    { name: 'map<varint, double>', type: map(s('varint'), s('double')), raw: [{ [String(big(30))]: 1.5, '-7': -0, 3: Number.NaN }] },
    { name: 'map<timestamp, blob>', type: map(s('timestamp'), s('blob')), raw: [new Map([[new Date(-1000), Buffer.from([1, 2])], [new Date(1700000000000), Buffer.alloc(0)]])], timeZones: ['UTC', 'Europe/Paris'] },
    { name: 'map<float, uuid>', type: map(s('float'), s('uuid')), raw: [{ 1.5: Uuid.fromString('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d') }] },
    { name: 'map<boolean, inet>', type: map(s('boolean'), s('inet')), raw: [{ true: InetAddress.fromString('::1'), false: InetAddress.fromString('10.1.2.3') }] },
    { name: 'map<date, time>', type: map(s('date'), s('time')), raw: [{ '2024-01-02': LocalTime.fromString('01:02:03') }] },
    { name: 'list<frozen<list<int>>>', type: list(list(s('int'))), raw: [[[1, 2], [3]]] },
    { name: 'map<text, frozen<map<int, text>>>', type: map(s('text'), map(s('int'), s('text'))), raw: [{ outer: { 2: 'b', 1: 'a' } }] },
    { name: 'set<frozen<tuple<int, text>>>', type: set(tuple(s('int'), s('text'))), raw: [[new Tuple(1, 'a'), new Tuple(2, null)]] },
    { name: 'tuple<int, text, decimal>', type: tuple(s('int'), s('text'), s('decimal')), raw: [new Tuple(1, 'x', BigDecimal.fromString('2.50')), new Tuple(null, null, null), new Tuple(-1, '', null)] },
    { name: 'tuple<timestamp, frozen<list<blob>>, tuple<uuid, varint>>', type: tuple(s('timestamp'), list(s('blob')), tuple(s('uuid'), s('varint'))), timeZones: ['UTC', 'Asia/Kolkata'],
      raw: [new Tuple(new Date(-1), [Buffer.from([255])], new Tuple(Uuid.fromString('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'), Integer.fromString('-99999999999999999999')))] },
    { name: 'point', type: point, raw: [{ x: 1, label: 'a', at: new Date(0) }, { x: null, label: null, at: null }, { x: -5, label: '', at: new Date(-86400000) }] },
    {
      name: 'frozen<address>', type: udt('address', [['street', s('text')], ['tags', set(s('text'))], ['where', point], ['codes', map(s('int'), s('bigint'))]]),
      raw: [{ street: 'Main', tags: ['x', 'y'], where: { x: 2, label: null, at: new Date(1) }, codes: { 1: Long.fromString('-2'), 11: Long.fromString('9223372036854775807') } },
        { street: null, tags: null, where: null, codes: null }],
    },
    { name: 'vector<float, 3>', type: vector(s('float'), 3), raw: [new Vector(Float32Array.from([1, -0.5, 3.25]), 'float'), new Vector(Float32Array.from([Number.NaN, Infinity, -0]), 'float')] },
    { name: 'vector<double, 2>', type: vector(s('double'), 2), raw: [new Vector([0.1, -1e300], 'double')] },
    { name: 'vector<int, 2>', type: vector(s('int'), 2), raw: [new Vector([7, -7], 'int')] },
    { name: 'vector<text, 2>', type: vector(s('text'), 2), raw: [new Vector(['a', 'bc'], 'text')] },
    { name: 'vector<bigint, 2>', type: vector(s('bigint'), 2), raw: [new Vector([Long.fromNumber(5), Long.fromString('-9223372036854775808')], 'bigint')] },
    // Values handed over as-is (not through driver bytes): other shapes the driver can produce with other options.
    { name: 'set<int> as Set', type: set(s('int')), raw: [new Set([3, 1])], asIs: true },
    { name: 'list<int> empty', type: list(s('int')), raw: [[]], asIs: true },
    { name: 'map<int, text> as Map', type: map(s('int'), s('text')), raw: [new Map([[10, 'a'], [2, 'b']])], asIs: true },
    { name: 'tuple as array', type: tuple(s('int'), s('text')), raw: [[1, 'x'], [2]], asIs: true },
    { name: 'vector<float, 3> as Float32Array', type: vector(s('float'), 3), raw: [Float32Array.from([1, 2, 3]), [4, 5, Number.NaN]], asIs: true },
    { name: 'vector<float, 2> as class name', type: { code: 0x00, info: 'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 2)' }, raw: [[1.5, 2]], asIs: true },
    { name: 'custom', type: { code: 0x00, info: 'com.example.Weird' }, raw: [Buffer.from([1, 2, 255]), 'text-ish'], asIs: true },
    { name: 'int as string', type: s('int'), raw: ['12', true], asIs: true },
    { name: 'timestamp as number', type: s('timestamp'), raw: [1700000000000, 'nope'], asIs: true },
    { name: 'blob as string', type: s('blob'), raw: ['cafe'], asIs: true },
    { name: 'text undefined', type: s('text'), raw: [undefined], asIs: true },
  ];
}

export function goldenCases(): GoldenCase[] {
  return cases().map((c) => ({
    name: c.name,
    type: c.type,
    values: c.asIs ? c.raw : roundTrip(c.type, c.raw),
    ...(c.timeZones ? { timeZones: c.timeZones } : {}),
  }));
}
