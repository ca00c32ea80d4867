import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeValue, encodeValue, readTypeOption, writeTypeOption, parseTypeClassName, typeClassName,
  encodeVInt, decodeVInt, encodeUnsignedVInt, decodeUnsignedVInt, formatInet, inetBytes,
} from '../../types/codec.js';
import { native, type CqlType, type CqlValue } from '../../types/cqltype.js';
import { CqlError, ErrorCode } from '../../errors.js';

const hex = (t: CqlType, v: CqlValue) => encodeValue(t, v).toString('hex');
const roundTrip = (t: CqlType, v: CqlValue) => assert.deepEqual(decodeValue(t, encodeValue(t, v)), v);
const invalidWith = (msg: string | RegExp) => (e: unknown) => {
  assert.ok(e instanceof CqlError, `expected CqlError, got ${String(e)}`);
  assert.equal(e.code, ErrorCode.INVALID);
  if (typeof msg === 'string') assert.equal(e.message, msg);
  else assert.match(e.message, msg);
  return true;
};

test('bigint extremes encode as 8-byte two’s complement', () => {
  assert.equal(hex(native('bigint'), 9223372036854775807n), '7fffffffffffffff');
  assert.equal(hex(native('bigint'), -9223372036854775808n), '8000000000000000');
  assert.equal(hex(native('bigint'), -1n), 'ffffffffffffffff');
  roundTrip(native('bigint'), 9223372036854775807n);
  roundTrip(native('counter'), -42n);
});

test('varint is minimal two’s complement', () => {
  const cases: [bigint, string][] = [
    [0n, '00'], [-1n, 'ff'], [127n, '7f'], [128n, '0080'], [-128n, '80'], [-129n, 'ff7f'], [255n, '00ff'],
    [2n ** 64n, '010000000000000000'],
  ];
  for (const [v, h] of cases) {
    assert.equal(hex(native('varint'), v), h, `varint ${v}`);
    roundTrip(native('varint'), v);
  }
});

test('decimal keeps scale and unscaled value', () => {
  assert.equal(hex(native('decimal'), { unscaled: 110n, scale: 2 }), '000000026e');
  // Text input is accepted too, and keeps the trailing zero's scale like Java's BigDecimal("1.10").
  assert.equal(hex(native('decimal'), '1.10'), '000000026e');
  assert.equal(hex(native('decimal'), '-0.5'), '00000001fb');
  assert.equal(hex(native('decimal'), '1E+3'), 'fffffffd01');
  roundTrip(native('decimal'), { unscaled: -123456789012345678901234567890n, scale: 7 });
});

test('date: epoch is 2^31, negative days before it', () => {
  assert.equal(hex(native('date'), 0), '80000000');
  assert.equal(hex(native('date'), -1), '7fffffff');
  roundTrip(native('date'), 19000);
  roundTrip(native('date'), -2147483648);
});

test('floats, doubles and NaN', () => {
  assert.equal(hex(native('float'), NaN), '7fc00000');
  assert.equal(hex(native('double'), NaN), '7ff8000000000000');
  assert.equal(hex(native('float'), 1.5), '3fc00000');
  assert.ok(Number.isNaN(decodeValue(native('double'), Buffer.from('7ff8000000000000', 'hex'))));
  assert.equal(decodeValue(native('double'), encodeValue(native('double'), -Infinity)), -Infinity);
  roundTrip(native('double'), 0.1);
});

test('small integers, booleans, strings, blobs', () => {
  assert.equal(hex(native('int'), -2), 'fffffffe');
  assert.equal(hex(native('smallint'), -32768), '8000');
  assert.equal(hex(native('tinyint'), -1), 'ff');
  assert.equal(hex(native('boolean'), true), '01');
  assert.equal(hex(native('text'), 'héllo'), '68c3a96c6c6f');
  assert.equal(hex(native('blob'), Buffer.alloc(0)), '');
  assert.deepEqual(decodeValue(native('blob'), Buffer.alloc(0)), Buffer.alloc(0));
  assert.equal(decodeValue(native('text'), Buffer.alloc(0)), '');
  assert.throws(() => encodeValue(native('int'), 2 ** 31), /32-bit/);
  for (const [t, v] of [['int', 7], ['smallint', 300], ['tinyint', -100], ['boolean', false], ['ascii', 'abc']] as const) {
    roundTrip(native(t), v);
  }
});

test('uuid, timestamp, time, inet', () => {
  const u = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
  assert.equal(hex(native('timeuuid'), u), u.replace(/-/g, ''));
  roundTrip(native('timeuuid'), u);
  roundTrip(native('timestamp'), 1700000000123n);
  roundTrip(native('time'), 86_399_999_999_999n);
  assert.equal(hex(native('inet'), '127.0.0.1'), '7f000001');
  assert.equal(formatInet(inetBytes('2001:DB8:0:0:1:0:0:1')), '2001:db8::1:0:0:1');
  assert.equal(formatInet(inetBytes('::1')), '::1');
  assert.equal(formatInet(inetBytes('::ffff:1.2.3.4')), '::ffff:102:304');
  roundTrip(native('inet'), 'fe80::1');
});

test('duration is three zig-zag vints', () => {
  const t = native('duration');
  assert.equal(hex(t, { months: 1, days: 2, nanoseconds: 3n }), '020406');
  assert.equal(hex(t, { months: -1, days: 0, nanoseconds: -1n }), '010001');
  roundTrip(t, { months: 14, days: 3, nanoseconds: 3_600_000_000_000n });
  assert.throws(() => decodeValue(t, Buffer.from('020401', 'hex')), invalidWith(/same sign/));
});

test('vints match Cassandra VIntCoding', () => {
  assert.equal(encodeUnsignedVInt(127).toString('hex'), '7f');
  assert.equal(encodeUnsignedVInt(128).toString('hex'), '8080');
  assert.equal(encodeUnsignedVInt(16383).toString('hex'), 'bfff');
  assert.equal(encodeUnsignedVInt(16384).toString('hex'), 'c04000');
  assert.equal(encodeUnsignedVInt(2n ** 64n - 1n).toString('hex'), 'ff' + 'ff'.repeat(8));
  for (const v of [0n, -1n, 1n, 63n, -64n, 64n, 1n << 40n, -(1n << 62n), 9223372036854775807n, -9223372036854775808n]) {
    const b = encodeVInt(v);
    assert.deepEqual(decodeVInt(b), [v, b.length]);
  }
  assert.deepEqual(decodeUnsignedVInt(Buffer.from('c04000', 'hex')), [16384n, 3]);
});

test('collections, tuples and UDTs', () => {
  const list: CqlType = { kind: 'list', element: native('int'), frozen: false };
  assert.equal(hex(list, [1, 2]), '00000002' + '0000000400000001' + '0000000400000002');
  assert.deepEqual(decodeValue(list, Buffer.from('00000002ffffffff0000000400000005', 'hex')), [null, 5]);
  const map: CqlType = { kind: 'map', key: native('text'), value: native('bigint'), frozen: true };
  roundTrip(map, [['a', 1n], ['b', -2n]]);
  assert.equal(hex(map, new Map([['a', 1n]]) as unknown as CqlValue), '00000001' + '0000000161' + '00000008' + '0000000000000001');
  const set: CqlType = { kind: 'set', element: native('text'), frozen: false };
  roundTrip(set, ['x', 'y']);
  const tuple: CqlType = { kind: 'tuple', elements: [native('int'), native('text'), native('boolean')] };
  assert.equal(hex(tuple, [1, null, true]), '0000000400000001' + 'ffffffff' + '0000000101');
  roundTrip(tuple, [3, 'z', false]);
  const udt: CqlType = {
    kind: 'udt', keyspace: 'ks', name: 'addr', frozen: true,
    fields: [{ name: 'street', type: native('text') }, { name: 'zip', type: native('int') }],
  };
  roundTrip(udt, ['Main', 12345]);
  // Fewer fields on the wire than the type has: the rest are null (a field added by ALTER TYPE).
  assert.deepEqual(decodeValue(udt, Buffer.from('000000024869', 'hex')), ['Hi', null]);
});

test('vector<float, n> is fixed-width with no length prefix; variable elements use vint lengths', () => {
  const vf: CqlType = { kind: 'vector', element: native('float'), dimension: 3 };
  assert.equal(hex(vf, [1, 0, -2]), '3f80000000000000c0000000');
  roundTrip(vf, [0.5, 0.25, -8]);
  assert.throws(() => decodeValue(vf, Buffer.alloc(8)), invalidWith('Not enough bytes to read a vector<3>'));
  assert.throws(() => decodeValue(vf, Buffer.alloc(13)), invalidWith(/1 extraneous bytes/));
  const vt: CqlType = { kind: 'vector', element: native('text'), dimension: 2 };
  assert.equal(hex(vt, ['ab', '']), '02616200');
  roundTrip(vt, ['a'.repeat(200), 'é']);
});

test('decode errors use Cassandra wording', () => {
  const cases: [CqlType, string, string][] = [
    [native('int'), '0000000000000000', 'Expected 4 or 0 byte int (8)'],
    [native('bigint'), '000000', 'Expected 8 or 0 byte long (3)'],
    [native('smallint'), '000000', 'Expected 2 bytes for a smallint (3)'],
    [native('boolean'), '0000', 'Expected 1 or 0 byte value (2)'],
    [native('uuid'), '00', 'UUID should be 16 or 0 bytes (1)'],
    [native('timeuuid'), '6ba7b8109dad41d180b400c04fd430c8', 'Invalid version for TimeUUID type.'],
    [native('ascii'), 'c8', 'Invalid byte for ascii: 200'],
    [native('text'), 'ff', "String didn't validate."],
    [native('date'), '00', 'Expected 4 byte long for date (1)'],
    [{ kind: 'list', element: native('int'), frozen: false }, '0000000200000004', 'Not enough bytes to read a list'],
    [{ kind: 'tuple', elements: [native('int')] }, '000000040000000100', 'Invalid remaining data after end of tuple value'],
  ];
  for (const [t, h, msg] of cases) assert.throws(() => decodeValue(t, Buffer.from(h, 'hex')), invalidWith(msg));
  assert.equal(decodeValue(native('int'), Buffer.alloc(0)), null);
});

test('type options round-trip, with duration and vector as custom classes', () => {
  const types: CqlType[] = [
    native('ascii'), native('text'), native('varint'), native('tinyint'),
    { kind: 'map', key: native('text'), value: { kind: 'list', element: native('uuid'), frozen: false }, frozen: false },
    { kind: 'set', element: native('inet'), frozen: false },
    { kind: 'tuple', elements: [native('int'), native('date')] },
    { kind: 'udt', keyspace: 'ks', name: 'pt', frozen: false, fields: [{ name: 'x', type: native('double') }] },
    { kind: 'vector', element: native('float'), dimension: 1536 },
    native('duration'),
  ];
  for (const t of types) {
    const b = writeTypeOption(t);
    assert.deepEqual(readTypeOption(Buffer.concat([Buffer.from([9]), b]), 1), [t, b.length + 1]);
  }
  assert.equal(writeTypeOption(native('text')).toString('hex'), '000d');
  assert.equal(writeTypeOption({ kind: 'list', element: native('int'), frozen: false }).toString('hex'), '00200009');
  const vec = writeTypeOption({ kind: 'vector', element: native('float'), dimension: 3 });
  assert.equal(
    vec.subarray(4).toString(),
    'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 3)',
  );
  assert.equal(vec.readUInt16BE(0), 0);
  assert.equal(typeClassName(native('duration')), 'org.apache.cassandra.db.marshal.DurationType');
  assert.deepEqual(parseTypeClassName('org.apache.cassandra.db.marshal.FrozenType(org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type))'),
    { kind: 'list', element: native('int'), frozen: true });
  assert.deepEqual(parseTypeClassName('com.example.Custom'), { kind: 'custom', className: 'com.example.Custom' });
});
