// Cell input → literals checked against the column type; encoded values → literals and editor text that round-trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literalFromInput } from '../../../src/shared/cqlLiteral.js';
import { parseCqlType } from '../../../src/shared/cqlType.js';
import { editText, literalFromEncoded } from '../../../src/shared/encodedLiteral.js';
import type { EncodedValue } from '../../../src/shared/valueEncoding.js';

const lit = (type: string, input: string) => literalFromInput(parseCqlType(type), input);
const ok = (type: string, input: string, expected: string) => assert.deepEqual(lit(type, input), { ok: true, literal: expected }, `${type} ${input}`);
const bad = (type: string, input: string, error: RegExp) => {
  const r = lit(type, input);
  assert.ok(!r.ok && error.test(r.error), `${type} ${input}: ${JSON.stringify(r)}`);
};

test('scalars: exact integers with ranges, numbers, booleans, uuids, blobs, times and text as typed', () => {
  ok('text', "it's", "'it''s'");
  ok('text', '', "''");
  ok('bigint', '-9223372036854775808', '-9223372036854775808');
  ok('varint', '123456789012345678901234567890', '123456789012345678901234567890');
  bad('int', '2147483648', /int range/);
  bad('tinyint', '1.5', /integer/);
  ok('decimal', '0.1000000000000000055511151231257827', '0.1000000000000000055511151231257827');
  ok('double', '-Infinity', '-Infinity');
  ok('float', '1e-3', '1e-3');
  ok('boolean', 'False', 'false');
  bad('boolean', 'yes', /true or false/);
  ok('uuid', '123E4567-E89B-12D3-A456-426614174000', '123e4567-e89b-12d3-a456-426614174000');
  bad('timeuuid', '123e4567-e89b-42d3-a456-426614174000', /version 1/);
  ok('blob', '0xDEADbeef', '0xdeadbeef');
  bad('blob', '0xabc', /even/);
  ok('timestamp', '2024-01-02T03:04:05.678Z', '1704164645678');
  ok('timestamp', '2024-01-02 03:04:05+0100', '1704161045000');
  bad('timestamp', 'yesterday', /timestamp/);
  ok('date', '2024-02-29', "'2024-02-29'");
  ok('time', '12:34:56.123456789', "'12:34:56.123456789'");
  ok('inet', '::1', "'::1'");
  bad('inet', 'localhost', /IP address/);
  ok('duration', '1h30m', '1h30m');
  ok('duration', 'P1DT2H', 'P1DT2H');
  bad('int', '', /Enter a value/);
});

test('collections, tuples, UDTs and vectors take CQL literal syntax, checked element by element', () => {
  ok('list<int>', '[ 1,2 ]', '[1, 2]');
  ok('set<text>', "{'a', 'b'}", "{'a', 'b'}");
  ok('set<text>', '{}', '{}');
  ok('map<int, boolean>', '{1: true}', '{1: true}');
  ok('frozen<map<text, frozen<set<uuid>>>>', "{'k': {123e4567-e89b-12d3-a456-426614174000}}", "{'k': {123e4567-e89b-12d3-a456-426614174000}}");
  ok('tuple<int, text, boolean>', "(1, null, true)", '(1, null, true)');
  ok('address', "{street: 'Main', zip: 12345, tags: ['x']}", "{street: 'Main', zip: 12345, tags: ['x']}");
  ok('vector<float, 2>', '[0.5, -1]', '[0.5, -1]');
  bad('list<int>', "[1, 'two']", /integer/);
  bad('map<int, int>', '{1, 2}', /map/);
  bad('set<int>', '{1: 2}', /set/);
  bad('tuple<int, int>', '(1)', /tuple of 2/);
  bad('list<int>', '[1, 2', /Expected "\]"/);
  bad('list<int>', '[1]; DROP TABLE x', /Unexpected/);
  bad('address', '{street: DROP}', /not a value/);
});

const samples: [string, EncodedValue][] = [
  ['text', "O'Brien"],
  ['int', -5],
  ['double', 2.5],
  ['boolean', true],
  ['bigint', { t: 'bigint', v: '9007199254740993' }],
  ['decimal', { t: 'decimal', v: '1.10' }],
  ['uuid', { t: 'uuid', v: '123e4567-e89b-12d3-a456-426614174000' }],
  ['date', { t: 'date', v: '2024-01-02' }],
  ['time', { t: 'time', v: '01:02:03.000000004' }],
  ['inet', { t: 'inet', v: '10.1.2.3' }],
  ['duration', { t: 'duration', v: '1mo2d3h' }],
  ['timestamp', { t: 'timestamp', ms: 1704164645678, iso: '2024-01-02 04:04:05.678+0100' }],
  ['blob', { t: 'blob', hex: '0xcafe' }],
  ['float', { t: 'float', v: 0.10000000149011612 }],
  ['double', { t: 'double', v: 'NaN' }],
  ['list<text>', { t: 'list', items: ['a', "b'c"] }],
  ['set<int>', { t: 'set', items: [1, 2] }],
  ['map<text, frozen<list<int>>>', { t: 'map', entries: [['k', { t: 'list', items: [1] }]] }],
  ['tuple<int, text>', { t: 'tuple', items: [1, null] }],
  ['"Addr"', { t: 'udt', fields: [['Street', 'x'], ['zip', 5]] }],
  ['vector<float, 2>', { t: 'vector', items: [0.5, -1] }],
];

test('the editor opens with text that reads back as the same literal as the value itself', () => {
  for (const [type, v] of samples) {
    const r = lit(type, editText(v));
    assert.deepEqual(r, { ok: true, literal: literalFromEncoded(v) }, `${type} ${JSON.stringify(v)}`);
  }
});

test('unknown values cannot be written back', () => {
  assert.throws(() => literalFromEncoded({ t: 'unknown', v: 'x' }), /unknown type/);
});
