// Row-edit statements from typed edits: every key shape, quoting, static columns, counters, LWT, and refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchable, buildStatements, EditError } from '../../../src/extension/rowEdits/statementBuilder.js';
import type { EditTable } from '../../../src/extension/rowEdits/editTarget.js';

function table(name: string, pk: string[], ck: string[], cols: [string, string, string][]): EditTable {
  return { keyspace: 'ks', name, partitionKey: pk, clustering: ck, columns: new Map(cols.map(([n, type, role]) => [n, { type, role: role as never }])) };
}

const readings = table('Readings', ['sensor', 'day'], ['ts'], [
  ['sensor', 'text', 'partition'], ['day', 'date', 'partition'], ['ts', 'timestamp', 'clustering'],
  ['Value', 'double', 'regular'], ['note', 'text', 'static'], ['select', 'int', 'regular'],
]);
const key = [
  { column: 'sensor', value: "s'1" },
  { column: 'day', value: { t: 'date' as const, v: '2024-01-02' } },
  { column: 'ts', value: { t: 'timestamp' as const, ms: 1704164645678, iso: '2024-01-02T03:04:05.678Z' } },
];

test('UPDATE names the full primary key (composite partition key and clustering), quoting reserved and mixed-case names', () => {
  const [s] = buildStatements(readings, [{ kind: 'update', key, changes: [{ column: 'Value', old: 1.5, input: { text: '2.25' } }, { column: 'select', old: null, input: { null: true } }] }], false);
  assert.equal(s!.text, `UPDATE ks."Readings" SET "Value" = 2.25, "select" = null WHERE sensor = 's''1' AND day = '2024-01-02' AND ts = 1704164645678`);
  assert.equal(s!.lwt, false);
});

test('an UPDATE of static columns only restricts the partition key', () => {
  const [s] = buildStatements(readings, [{ kind: 'update', key, changes: [{ column: 'note', old: 'a', input: { text: 'b' } }] }], false);
  assert.equal(s!.text, `UPDATE ks."Readings" SET note = 'b' WHERE sensor = 's''1' AND day = '2024-01-02'`);
});

test('LWT adds IF with the values read (null included), IF EXISTS and IF NOT EXISTS', () => {
  const built = buildStatements(readings, [
    { kind: 'update', key, changes: [{ column: 'Value', old: null, input: { text: '3' } }, { column: 'select', old: 7, input: { text: '8' } }] },
    { kind: 'delete', key },
    { kind: 'insert', values: [{ column: 'sensor', input: { text: 'x' } }, { column: 'day', input: { text: '2024-01-03' } }, { column: 'ts', input: { text: '0' } }] },
  ], true);
  assert.match(built[0]!.text, / IF "Value" = null AND "select" = 7$/);
  assert.equal(built[1]!.text, `DELETE FROM ks."Readings" WHERE sensor = 's''1' AND day = '2024-01-02' AND ts = 1704164645678 IF EXISTS`);
  assert.equal(built[2]!.text, `INSERT INTO ks."Readings" (sensor, day, ts) VALUES ('x', '2024-01-03', 0) IF NOT EXISTS`);
  assert.ok(built.every((b) => b.lwt));
});

test('INSERT requires every key column and checks each value against its type', () => {
  assert.throws(() => buildStatements(readings, [{ kind: 'insert', values: [{ column: 'sensor', input: { text: 'x' } }] }], false), /key column day is required/);
  assert.throws(
    () => buildStatements(readings, [{ kind: 'insert', values: [{ column: 'sensor', input: { text: 'x' } }, { column: 'day', input: { text: 'tomorrow' } }, { column: 'ts', input: { text: '0' } }] }], false),
    (e: unknown) => e instanceof EditError && /day: .*not a date/.test(e.message),
  );
});

test('key columns cannot be updated, unknown columns are refused, deletes need the whole key', () => {
  assert.throws(() => buildStatements(readings, [{ kind: 'update', key, changes: [{ column: 'ts', old: null, input: { text: '1' } }] }], false), /primary key/);
  assert.throws(() => buildStatements(readings, [{ kind: 'update', key, changes: [{ column: 'nope', old: null, input: { text: '1' } }] }], false), /not a column/);
  assert.throws(() => buildStatements(readings, [{ kind: 'delete', key: key.slice(0, 2) }], false), /key column ts is missing/);
});

test('counters change by +/- only, never with IF, and counter tables take no INSERT', () => {
  const hits = table('hits', ['page'], [], [['page', 'text', 'partition'], ['n', 'counter', 'counter']]);
  const k = [{ column: 'page', value: '/' }];
  const built = buildStatements(hits, [
    { kind: 'update', key: k, changes: [{ column: 'n', old: { t: 'counter', v: '4' }, delta: '+5' }] },
    { kind: 'update', key: k, changes: [{ column: 'n', old: { t: 'counter', v: '9' }, delta: '-2' }] },
  ], true);
  assert.deepEqual(built.map((b) => b.text), [`UPDATE ks.hits SET n = n + 5 WHERE page = '/'`, `UPDATE ks.hits SET n = n - 2 WHERE page = '/'`]);
  assert.ok(built.every((b) => b.counter && !b.lwt));
  assert.throws(() => buildStatements(hits, [{ kind: 'update', key: k, changes: [{ column: 'n', old: null, input: { text: '5' } }] }], false), /counter/);
  assert.throws(() => buildStatements(hits, [{ kind: 'update', key: k, changes: [{ column: 'n', old: null, delta: '5; DROP' }] }], false), /not a change/);
  assert.throws(() => buildStatements(hits, [{ kind: 'insert', values: [{ column: 'page', input: { text: 'x' } }, { column: 'n', input: { text: '1' } }] }], false), /counter table/);
});

test('statements batch only within one partition and without counters or LWT', () => {
  const a = buildStatements(readings, [
    { kind: 'update', key, changes: [{ column: 'Value', old: 1, input: { text: '2' } }] },
    { kind: 'delete', key },
  ], false);
  assert.equal(batchable(a), true);
  const other = [{ column: 'sensor', value: 'other' }, key[1]!, key[2]!];
  assert.equal(batchable([...a, ...buildStatements(readings, [{ kind: 'delete', key: other }], false)]), false);
  assert.equal(batchable(buildStatements(readings, [{ kind: 'delete', key }, { kind: 'delete', key }], true)), false);
  assert.equal(batchable(a.slice(0, 1)), false);
});

test('values of every type become literals of that type; text cannot break out of its quotes', () => {
  const all = table('t', ['id'], [], [
    ['id', 'uuid', 'partition'], ['m', 'map<text, frozen<list<int>>>', 'regular'], ['u', 'frozen<"Addr">', 'regular'],
    ['v', 'vector<float, 3>', 'regular'], ['b', 'blob', 'regular'], ['tx', 'text', 'regular'], ['tu', 'tuple<int, text>', 'regular'],
  ]);
  const id = [{ column: 'id', value: { t: 'uuid' as const, v: '123e4567-e89b-12d3-a456-426614174000' } }];
  const [s] = buildStatements(all, [{ kind: 'update', key: id, changes: [
    { column: 'm', old: null, input: { text: "{'a' : [1,2]}" } },
    { column: 'u', old: null, input: { text: `{street: 'x', "Zip": 5}` } },
    { column: 'v', old: null, input: { text: '[1, 2.5, -3]' } },
    { column: 'b', old: null, input: { text: 'CAFE' } },
    { column: 'tx', old: null, input: { text: "'); DROP TABLE t; --" } },
    { column: 'tu', old: null, input: { text: "(1, 'x')" } },
  ] }], false);
  assert.equal(s!.text, `UPDATE ks.t SET m = {'a': [1, 2]}, u = {street: 'x', "Zip": 5}, v = [1, 2.5, -3], b = 0xcafe, tx = '''); DROP TABLE t; --', tu = (1, 'x') WHERE id = 123e4567-e89b-12d3-a456-426614174000`);
  assert.throws(() => buildStatements(all, [{ kind: 'update', key: id, changes: [{ column: 'v', old: null, input: { text: '[1, 2]' } }] }], false), /Expected 3 values/);
  assert.throws(() => buildStatements(all, [{ kind: 'update', key: id, changes: [{ column: 'u', old: null, input: { text: '{a: x}' } }] }], false), /not a value/);
});
