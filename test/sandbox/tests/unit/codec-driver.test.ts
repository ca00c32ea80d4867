// Cross-checks the sandbox codec against the real cassandra-driver: the driver parses our type [option]s and
// decodes our value bytes, and we decode the bytes the driver encodes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import cassandra from 'cassandra-driver';
import { decodeValue, encodeValue, writeTypeOption } from '../../types/codec.js';
import { native, type CqlType, type CqlValue } from '../../types/cqltype.js';

// The driver's internals have no typings or ESM entry points; tsx runs this file as CommonJS.
const load = createRequire(__filename);
const { FrameReader } = load('cassandra-driver/lib/readers.js') as {
  FrameReader: new (header: object, body: Buffer) => { readType(): unknown };
};
const Encoder = load('cassandra-driver/lib/encoder.js') as new (v: number, o: object) => {
  decode(b: Buffer, t: unknown): unknown;
  encode(v: unknown, t: unknown): Buffer;
};
const encoder = new Encoder(4, { encoding: { useBigIntAsLong: true, useBigIntAsVarint: true } });
const { types } = cassandra;

/** The driver's view of a column: its parsed type and the decoded value of our bytes. */
function driverDecode(t: CqlType, v: CqlValue): { type: unknown; value: unknown } {
  const type = new FrameReader({ version: 4 }, writeTypeOption(t)).readType();
  return { type, value: encoder.decode(encodeValue(t, v), type) };
}

test('driver decodes our natives', () => {
  const d = (t: CqlType, v: CqlValue) => driverDecode(t, v).value;
  assert.equal(d(native('int'), -5), -5);
  assert.equal(d(native('bigint'), 9223372036854775807n), 9223372036854775807n);
  assert.equal(d(native('varint'), -129n), -129n);
  assert.equal((d(native('decimal'), { unscaled: 110n, scale: 2 }) as { toString(): string }).toString(), '1.10');
  assert.equal(String(d(native('date'), 0)), '1970-01-01');
  assert.equal(String(d(native('date'), -1)), '1969-12-31');
  assert.equal(String(d(native('time'), 3_723_000_000_123n)), '01:02:03.000000123');
  assert.equal((d(native('timestamp'), 1700000000123n) as Date).getTime(), 1700000000123);
  assert.equal(String(d(native('inet'), '2001:db8::1')), '2001:db8::1');
  assert.equal(String(d(native('uuid'), '6ba7b810-9dad-11d1-80b4-00c04fd430c8')), '6ba7b810-9dad-11d1-80b4-00c04fd430c8');
  assert.equal(String(d(native('duration'), { months: 14, days: 3, nanoseconds: 3_600_000_000_001n })), '1y2mo3d1h1ns');
  assert.equal(d(native('smallint'), -300), -300);
  assert.equal(d(native('tinyint'), 100), 100);
  assert.ok(Number.isNaN(d(native('float'), NaN)));
});

test('driver decodes our collections, tuples, UDTs and vectors', () => {
  const map: CqlType = { kind: 'map', key: native('text'), value: { kind: 'list', element: native('int'), frozen: true }, frozen: false };
  assert.deepEqual(driverDecode(map, [['a', [1, 2]], ['b', []]]).value, { a: [1, 2], b: [] });
  const set: CqlType = { kind: 'set', element: native('text'), frozen: false };
  assert.deepEqual(driverDecode(set, ['x', 'y']).value, ['x', 'y']);
  const tuple: CqlType = { kind: 'tuple', elements: [native('int'), native('text')] };
  const tv = driverDecode(tuple, [1, null]).value as { get(i: number): unknown; length: number };
  assert.deepEqual([tv.get(0), tv.get(1), tv.length], [1, null, 2]);
  const udt: CqlType = {
    kind: 'udt', keyspace: 'ks', name: 'addr', frozen: true,
    fields: [{ name: 'street', type: native('text') }, { name: 'zip', type: native('int') }],
  };
  const u = driverDecode(udt, ['Main', 123]);
  assert.deepEqual(u.value, { street: 'Main', zip: 123 });
  assert.equal((u.type as { info: { name: string } }).info.name, 'addr');
  const vec: CqlType = { kind: 'vector', element: native('float'), dimension: 3 };
  const v = driverDecode(vec, [0.5, -1, 2]);
  assert.ok(v.value instanceof types.Vector);
  assert.deepEqual([...(v.value as Iterable<number>)], [0.5, -1, 2]);
});

test('we decode what the driver encodes', () => {
  const vecType = { code: 0, info: 'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 2)' };
  const vb = encoder.encode(new types.Vector(new Float32Array([1.25, -3])), vecType);
  assert.deepEqual(decodeValue({ kind: 'vector', element: native('float'), dimension: 2 }, vb), [1.25, -3]);
  const db = encoder.encode(types.BigDecimal.fromString('-12.345'), types.dataTypes.decimal);
  assert.deepEqual(decodeValue(native('decimal'), db), { unscaled: -12345n, scale: 3 });
  const dur = encoder.encode(types.Duration.fromString('-1mo2d3ns'), types.dataTypes.duration);
  assert.deepEqual(decodeValue(native('duration'), dur), { months: -1, days: -2, nanoseconds: -3n });
  const ld = encoder.encode(types.LocalDate.fromString('2024-02-29'), types.dataTypes.date);
  assert.equal(decodeValue(native('date'), ld), 19782);
  const vi = encoder.encode(-(2n ** 70n), types.dataTypes.varint);
  assert.equal(decodeValue(native('varint'), vi), -(2n ** 70n));
  const ip = encoder.encode(types.InetAddress.fromString('::ffff:10.0.0.1'), types.dataTypes.inet);
  assert.equal(decodeValue(native('inet'), ip), '::ffff:a00:1');
});
