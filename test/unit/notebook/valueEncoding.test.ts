import { test } from 'node:test';
import assert from 'node:assert/strict';
import { types } from 'cassandra-driver';
import { cqlTypeText, encodeValue, formatTimestamp, type DriverType } from '../../../src/extension/cql/valueEncoder.js';
import { formatFloat32, formatValue, isEncodedValue, toJsonValue, type EncodedValue } from '../../../src/shared/valueEncoding.js';

const type = (name: string) => (types.dataTypes as unknown as { getByName(n: string): DriverType }).getByName(name);
const enc = (v: unknown, t: string | DriverType, tz?: string) => {
  const e = encodeValue(v, typeof t === 'string' ? type(t) : t, tz ? { timeZone: tz } : {});
  assert.ok(isEncodedValue(e), `not a valid encoded value: ${JSON.stringify(e)}`);
  // Lossless means: survives JSON unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(e)), e);
  return e;
};
const show = (v: unknown, t: string | DriverType, tz?: string) => formatValue(enc(v, t, tz));

test('bigint / counter keep all 64 bits as exact strings', () => {
  assert.deepEqual(enc(types.Long.fromString('9223372036854775807'), 'bigint'), { t: 'bigint', v: '9223372036854775807' });
  assert.equal(show(types.Long.fromString('-9223372036854775808'), 'bigint'), '-9223372036854775808');
  assert.deepEqual(enc(types.Long.fromString('9007199254740993'), 'counter'), { t: 'counter', v: '9007199254740993' });
});

test('varint and decimal are exact', () => {
  assert.equal(show(types.Integer.fromString('-123456789012345678901234567890'), 'varint'), '-123456789012345678901234567890');
  assert.equal(show(types.BigDecimal.fromString('12345678901234567890.000000000000000001'), 'decimal'), '12345678901234567890.000000000000000001');
  assert.equal(show(types.BigDecimal.fromString('-1.2300'), 'decimal'), '-1.2300');
});

test('int types, doubles, floats (shortest float32 text) and non-finite values', () => {
  assert.equal(enc(-2147483648, 'int'), -2147483648);
  assert.equal(enc(-32768, 'smallint'), -32768);
  assert.equal(enc(127, 'tinyint'), 127);
  assert.equal(enc(0.1 + 0.2, 'double'), 0.30000000000000004);
  assert.deepEqual(enc(Number.NaN, 'double'), { t: 'double', v: 'NaN' });
  assert.equal(show(Math.fround(1.1), 'float'), '1.1');
  assert.equal(show(Math.fround(3.4028234663852886e38), 'float'), '3.4028235e+38');
  assert.equal(show(Number.NEGATIVE_INFINITY, 'float'), '-Infinity');
  assert.equal(formatFloat32(Math.fround(0.3)), '0.3');
});

test('text, ascii, boolean; empty string is not null', () => {
  assert.equal(enc('', 'text'), '');
  assert.equal(enc(null, 'text'), null);
  assert.equal(enc(undefined, 'int'), null);
  assert.equal(enc('<img src=x onerror=alert(1)>', 'varchar'), '<img src=x onerror=alert(1)>');
  assert.equal(enc(false, 'boolean'), false);
  assert.equal(formatValue(null, { nullText: 'NULL' }), 'NULL');
});

test('timestamps: raw ms plus ISO text in the configured zone', () => {
  const d = new Date(Date.UTC(2024, 2, 1, 12, 0, 0, 123));
  assert.deepEqual(enc(d, 'timestamp'), { t: 'timestamp', ms: d.getTime(), iso: '2024-03-01T12:00:00.123Z' });
  assert.equal(show(d, 'timestamp', 'Europe/Paris'), '2024-03-01T13:00:00.123+01:00');
  assert.equal(show(new Date(Date.UTC(2024, 6, 1, 0, 0)), 'timestamp', 'America/New_York'), '2024-06-30T20:00:00.000-04:00');
  assert.equal(formatTimestamp(Date.UTC(2024, 0, 1, 0, 0, 0, 5), 'Asia/Kolkata'), '2024-01-01T05:30:00.005+05:30');
  assert.equal(formatTimestamp(-1, 'Europe/Paris'), '1970-01-01T00:59:59.999+01:00');
  assert.equal(enc(new Date(Number.NaN), 'timestamp') !== null, true);
});

test('date, time, duration keep their CQL text', () => {
  assert.deepEqual(enc(types.LocalDate.fromString('2024-02-29'), 'date'), { t: 'date', v: '2024-02-29' });
  assert.equal(show(types.LocalTime.fromString('23:59:59.123456789'), 'time'), '23:59:59.123456789');
  assert.equal(show(types.Duration.fromString('1y2mo3d4h5m6s7ms'), 'duration'), '1y2mo3d4h5m6s7ms');
});

test('uuid / timeuuid / inet / blob', () => {
  const u = types.Uuid.fromString('550e8400-e29b-41d4-a716-446655440000');
  assert.deepEqual(enc(u, 'uuid'), { t: 'uuid', v: '550e8400-e29b-41d4-a716-446655440000' });
  const tu = types.TimeUuid.fromString('13814001-1dd2-11b2-9dc1-c2f47c9ce897');
  assert.equal(show(tu, 'timeuuid'), '13814001-1dd2-11b2-9dc1-c2f47c9ce897');
  assert.equal(show(types.InetAddress.fromString('192.168.0.1'), 'inet'), '192.168.0.1');
  assert.equal(show(types.InetAddress.fromString('2001:db8::1'), 'inet'), '2001:db8::1');
  assert.deepEqual(enc(Buffer.from([0xca, 0xfe, 0x00]), 'blob'), { t: 'blob', hex: '0xcafe00' });
  assert.deepEqual(enc(Buffer.alloc(0), 'blob'), { t: 'blob', hex: '0x' });
});

test('collections: list, set, map (typed keys, numeric order restored), nested, nulls inside', () => {
  assert.equal(show(['a', "it's"], 'list<text>'), "['a', 'it''s']");
  assert.equal(show([types.Long.fromString('9223372036854775807')], 'set<bigint>'), '{9223372036854775807}');
  // The driver builds plain objects for maps: integer-like keys come back re-ordered; restore the server's order.
  const m = enc({ '10': 'ten', '-1': 'minus one', '2': 'two' }, 'map<int, text>');
  assert.deepEqual(m, { t: 'map', entries: [[-1, 'minus one'], [2, 'two'], [10, 'ten']] });
  assert.equal(formatValue(m), "{-1: 'minus one', 2: 'two', 10: 'ten'}");
  assert.equal(show(new Map([['k', [1, 2]]]), 'map<text, list<int>>'), "{'k': [1, 2]}");
  assert.equal(show({ a: null }, 'map<text, text>'), "{'a': null}");
  assert.deepEqual(toJsonValue(m), { '-1': 'minus one', '2': 'two', '10': 'ten' });
  assert.deepEqual(enc([], 'list<int>'), { t: 'list', items: [] });
});

test('tuples and UDTs as typed structures', () => {
  const tt = type('tuple<int, text, bigint>');
  const tuple = new types.Tuple(1, 'x', types.Long.fromString('9223372036854775807'));
  assert.deepEqual(enc(tuple, tt), { t: 'tuple', items: [1, 'x', { t: 'bigint', v: '9223372036854775807' }] });
  assert.equal(formatValue(enc(tuple, tt)), "(1, 'x', 9223372036854775807)");
  const udt: DriverType = {
    code: 0x30,
    info: { name: 'address', keyspace: 'demo', fields: [{ name: 'street', type: { code: 0x0a } }, { name: 'zip', type: { code: 0x09 } }] },
  };
  assert.equal(cqlTypeText(udt), 'address');
  assert.deepEqual(enc({ street: '1 Main St', zip: null }, udt), { t: 'udt', fields: [['street', '1 Main St'], ['zip', null]] });
  assert.equal(formatValue(enc({ street: 'a', zip: 5 }, udt)), "{street: 'a', zip: 5}");
  assert.deepEqual(toJsonValue(enc({ street: 'a', zip: 5 }, udt)), { street: 'a', zip: 5 });
});

test('vectors from driver Vector, Float32Array or arrays become plain numbers', () => {
  const vt = type('vector<float, 3>');
  assert.equal(cqlTypeText(vt), 'vector<float, 3>');
  const v = new types.Vector(new Float32Array([0.5, -1, 2.25]), 'float');
  assert.deepEqual(enc(v, vt), { t: 'vector', items: [0.5, -1, 2.25] });
  assert.deepEqual(enc(new Float32Array([1, 2, 3]), vt), { t: 'vector', items: [1, 2, 3] });
  assert.equal(show([1, 2, 3], vt), '[1, 2, 3]');
});

test('type text for nested driver types', () => {
  assert.equal(cqlTypeText(type('map<text, list<int>>')), 'map<text, list<int>>');
  assert.equal(cqlTypeText(type('tuple<int, text>')), 'tuple<int, text>');
  assert.equal(cqlTypeText(type('timeuuid')), 'timeuuid');
});

test('guards reject malformed encoded values', () => {
  const bad: unknown[] = [{ t: 'bigint', v: 1 }, { t: 'list' }, { t: 'map', entries: [[1]] }, { t: 'nope', v: '1' }, [1], undefined];
  for (const b of bad) assert.equal(isEncodedValue(b), false, JSON.stringify(b));
  const good: EncodedValue = { t: 'map', entries: [[{ t: 'uuid', v: 'x' }, { t: 'set', items: [1, null] }]] };
  assert.equal(isEncodedValue(good), true);
});

test('vectors whose type arrives as the raw server class name', () => {
  const raw: DriverType = { code: 0, info: 'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 3)' };
  assert.equal(cqlTypeText(raw), 'vector<float, 3>');
  assert.deepEqual(enc(new types.Vector([0.5, -1, 2.25], 'float'), raw), { t: 'vector', items: [0.5, -1, 2.25] });
  assert.equal(cqlTypeText({ code: 0x0d }), 'text', 'varchar is shown as text, like cqlsh');
});

test('types sent as custom marshal classes (duration on protocol v4) are recognised', () => {
  const dur: DriverType = { code: 0, info: 'org.apache.cassandra.db.marshal.DurationType' };
  assert.equal(cqlTypeText(dur), 'duration');
  assert.deepEqual(enc(types.Duration.fromString('1h'), dur), { t: 'duration', v: '1h' });
  assert.equal(cqlTypeText({ code: 0, info: 'com.example.MyType' }), "'com.example.MyType'");
});
