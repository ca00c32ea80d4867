import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNSET } from '../../engine/api.js';
import { parseCqlType } from '../../types/cqltype-text.js';
import { compareValues } from '../../types/compare.js';
import type { CqlValue } from '../../types/cqltype.js';
import { ErrorCode } from '../../errors.js';
import { bound, cqlError, fixture } from './engine-helpers.js';

const SAMPLES: [string, CqlValue][] = [
  ['ascii', 'plain ascii'],
  ['bigint', -(2n ** 63n)],
  ['blob', Buffer.from('00ff10', 'hex')],
  ['boolean', true],
  ['decimal', { unscaled: -123456789012345678901234567890n, scale: 7 }],
  ['double', -1.5e300],
  ['float', Math.fround(3.14)],
  ['int', -2147483648],
  ['text', 'héllo 🌍 wörld'],
  ['timestamp', 1700000000123n],
  ['uuid', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
  ['varint', 123456789012345678901234567890n],
  ['timeuuid', 'e3b0c442-98fc-11ee-8c90-0242ac120002'],
  ['inet', '2001:db8::ff00:42:8329'],
  ['date', -719162],
  ['time', 86399999999999n],
  ['smallint', -32768],
  ['tinyint', 127],
  ['duration', { months: 14, days: 3, nanoseconds: 3723000000001n }],
  ['list<int>', [3, 1, 3]],
  ['set<text>', ['a', 'b', 'c']],
  ['map<text, int>', [['x', 1], ['y', 2]]],
  ['frozen<list<frozen<set<int>>>>', [[1, 2], [3]]],
  ['tuple<int, text, boolean>', [1, 'two', null]],
  ['vector<float, 3>', [0.5, -1, 2]],
  ['frozen<map<int, frozen<tuple<text, bigint>>>>', [[1, ['a', 5n]], [2, ['b', -5n]]]],
];

test('every type is stored and read back exactly (bound values)', () => {
  const f = fixture();
  const cols = SAMPLES.map(([t], i) => `c${i} ${t}`).join(', ');
  f.q(`CREATE TABLE all_types (id int PRIMARY KEY, ${cols})`);
  const names = SAMPLES.map((_, i) => `c${i}`);
  const insert = `INSERT INTO all_types (id, ${names.join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`;
  const prepared = f.engine.prepare(insert, f.ctx);
  assert.deepEqual(prepared.pkIndexes, [0]);
  const values = [bound(parseCqlType('int'), 1), ...SAMPLES.map(([t, v]) => bound(parseCqlType(t), v))];
  f.engine.execute(prepared.id, { positional: values }, f.ctx);
  const [row] = f.rows('SELECT * FROM all_types WHERE id = 1');
  SAMPLES.forEach(([t, v], i) => assert.deepEqual(row[`c${i}`], v, t));
});

test('literals of every kind coerce to their column type', () => {
  const f = fixture();
  f.q(`CREATE TABLE lit (id int PRIMARY KEY, ts timestamp, d date, t time, ip inet, du duration, dec decimal, b blob,
       u uuid, vi varint, f float, m map<int, text>, s set<int>, tu tuple<int, text>, l list<bigint>)`);
  f.q(`INSERT INTO lit (id, ts, d, t, ip, du, dec, b, u, vi, f, m, s, tu, l) VALUES (1, '2024-02-29 12:34:56.789+0100',
       '2024-02-29', '01:02:03.5', '10.0.0.1', 1h30m, 12.340, 0xCAFE, 3f2504e0-4f89-41d3-9a0c-0305e82c3301,
       -99999999999999999999, 1.5, {2: 'b', 1: 'a'}, {3, 1, 3}, (7, 'x'), [1, 2])`);
  const [r] = f.rows('SELECT * FROM lit');
  assert.equal(r.ts, BigInt(Date.UTC(2024, 1, 29, 11, 34, 56, 789)));
  assert.equal(r.d, Date.UTC(2024, 1, 29) / 86400000);
  assert.equal(r.t, 3723500000000n);
  assert.equal(r.ip, '10.0.0.1');
  assert.deepEqual(r.du, { months: 0, days: 0, nanoseconds: 5400000000000n });
  assert.deepEqual(r.dec, { unscaled: 12340n, scale: 3 });
  assert.deepEqual(r.b, Buffer.from('cafe', 'hex'));
  assert.equal(r.vi, -99999999999999999999n);
  assert.deepEqual(r.m, [[1, 'a'], [2, 'b']]);
  assert.deepEqual(r.s, [1, 3]);
  assert.deepEqual(r.tu, [7, 'x']);
  assert.deepEqual(r.l, [1n, 2n]);
});

test('JSON and text casts print floats like Java', () => {
  const f = fixture();
  f.q('CREATE TABLE fl (id int PRIMARY KEY, f float, d double)');
  f.q('INSERT INTO fl (id, f, d) VALUES (1, 3.14, 1e20)');
  assert.deepEqual(f.rows('SELECT JSON f, d FROM fl'), [{ '[json]': '{"f": 3.14, "d": 1.0E20}' }]);
  assert.deepEqual(f.rows('SELECT CAST(f AS text) AS a, CAST(d AS text) AS b FROM fl'), [{ a: '3.14', b: '1.0E20' }]);
});

test('mismatched literals fail with Cassandra wording', () => {
  const f = fixture();
  f.q('CREATE TABLE t (id int PRIMARY KEY, v text)');
  const e = cqlError(() => f.q(`INSERT INTO t (id, v) VALUES ('abc', 'x')`));
  assert.equal(e.code, ErrorCode.INVALID);
  assert.equal(e.message, 'Invalid STRING constant (abc) for "id" of type int');
  assert.equal(cqlError(() => f.q('INSERT INTO t (id, v) VALUES (1, 2)')).message, 'Invalid INTEGER constant (2) for "v" of type text');
  assert.equal(cqlError(() => f.q(`INSERT INTO t (v) VALUES ('x')`)).message, 'Some partition key parts are missing: id');
  f.q('CREATE TABLE c (id int PRIMARY KEY, l list<int>)');
  assert.equal(cqlError(() => f.q('INSERT INTO c (id, l) VALUES (1, [1, null])')).message, 'null is not supported inside collections');
  assert.equal(cqlError(() => f.q('CREATE TABLE d (id duration PRIMARY KEY)')).message, "duration type is not supported for PRIMARY KEY column 'id'");
  assert.equal(cqlError(() => f.q(`INSERT INTO t (id, nope) VALUES (1, 2)`)).message, 'Undefined column name nope');
  assert.equal(cqlError(() => f.q('INSERT INTO t (id, v) VALUES (?, ?)', { positional: [bound(parseCqlType('int'), 1)] })).message,
    'Invalid amount of bind variables: expected 2, received 1');
});

test('unset bound values leave columns untouched; named values bind by name', () => {
  const f = fixture();
  f.q('CREATE TABLE t (id int PRIMARY KEY, a text, b text)');
  f.q(`INSERT INTO t (id, a, b) VALUES (1, 'a', 'b')`);
  f.q('INSERT INTO t (id, a, b) VALUES (?, ?, ?)', { positional: [bound(parseCqlType('int'), 1), UNSET, bound(parseCqlType('text'), 'B')] });
  assert.deepEqual(f.rows('SELECT a, b FROM t WHERE id = 1'), [{ a: 'a', b: 'B' }]);
  const named = new Map([['id', bound(parseCqlType('int'), 1)], ['x', bound(parseCqlType('text'), 'X')]]);
  f.q('UPDATE t SET a = :x WHERE id = :id', { named });
  assert.deepEqual(f.rows('SELECT a FROM t WHERE id = 1'), [{ a: 'X' }]);
});

test('compareValues follows Cassandra ordering', () => {
  const t = (s: string) => parseCqlType(s);
  const sorted = (type: string, vals: CqlValue[]) => [...vals].sort((a, b) => compareValues(t(type), a, b));
  // UTF-8 byte order: a supplementary character sorts after U+FFFD, unlike UTF-16 order.
  assert.deepEqual(sorted('text', ['\u{1F600}', '\uFFFD', 'b', 'a', 'ab']), ['a', 'ab', 'b', '\uFFFD', '\u{1F600}']);
  assert.deepEqual(sorted('blob', [Buffer.from([2]), Buffer.from([1, 0]), Buffer.from([1])]), [Buffer.from([1]), Buffer.from([1, 0]), Buffer.from([2])]);
  // timeuuid by embedded time, not by bytes.
  const early = '00000001-0000-1000-8000-000000000000';
  const late = 'ffffffff-0000-1000-8000-000000000000';
  const later = '00000000-0001-1000-8000-000000000000';
  assert.deepEqual(sorted('timeuuid', [later, late, early]), [early, late, later]);
  // uuid: version first.
  assert.deepEqual(sorted('uuid', ['00000000-0000-4000-8000-000000000000', 'ffffffff-0000-1000-8000-000000000000']),
    ['ffffffff-0000-1000-8000-000000000000', '00000000-0000-4000-8000-000000000000']);
  assert.deepEqual(sorted('decimal', [{ unscaled: 1n, scale: 0 }, { unscaled: 95n, scale: 2 }, { unscaled: -1n, scale: 5 }]),
    [{ unscaled: -1n, scale: 5 }, { unscaled: 95n, scale: 2 }, { unscaled: 1n, scale: 0 }]);
  assert.deepEqual(sorted('varint', [10n ** 30n, -(10n ** 30n), 0n]), [-(10n ** 30n), 0n, 10n ** 30n]);
  // inet compares address bytes: ::1 starts with 0x00.
  assert.deepEqual(sorted('inet', ['10.0.0.2', '9.255.255.255', '::1']), ['::1', '9.255.255.255', '10.0.0.2']);
  assert.deepEqual(sorted('frozen<list<int>>', [[1, 2], [1], [0, 9]]), [[0, 9], [1], [1, 2]]);
  assert.deepEqual(sorted('double', [0, -0, NaN, -Infinity]), [-Infinity, -0, 0, NaN]);
});
