// Row-edit statements executed for real: each generated INSERT / UPDATE / DELETE runs on the sandbox (or a real
// cluster) and the row read back holds exactly the values typed, for every type and key shape; LWT conflicts report
// the current values; single-partition edits run as one batch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, types } from 'cassandra-driver';
import { literalFromInput } from '../../src/shared/cqlLiteral.js';
import { parseCqlType } from '../../src/shared/cqlType.js';
import { literalFromEncoded } from '../../src/shared/encodedLiteral.js';
import type { EncodedValue } from '../../src/shared/valueEncoding.js';
import type { KeyPart } from '../../src/shared/rowEditMessages.js';
import { editInfo, selectSource, type EditTable } from '../../src/extension/rowEdits/editTarget.js';
import { loadEditTable } from '../../src/extension/rowEdits/editTable.js';
import { buildStatements } from '../../src/extension/rowEdits/statementBuilder.js';
import { runEdits } from '../../src/extension/rowEdits/editRunner.js';
import { cqlTypeText, encoderFor } from '../../src/extension/cql/valueEncoder.js';
import { serverFeatures } from '../support/features.js';
import { nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';

let target: TestTarget;
let client: Client;
let ks: string;
let tableName: string;
let counters: string;
let table: EditTable;
const opts = { consistency: types.consistencies.localQuorum };

/** Column → a value typed into its cell editor. */
const INPUTS: Record<string, string> = {
  select: 'static text',
  b: '0xCAFEbabe',
  bi: '-9223372036854775808',
  bo: 'true',
  de: '12345678901234567890.000000001',
  dbl: '-1.7976931348623157e+308',
  fl: '0.1',
  i: '-2147483648',
  si: '-32768',
  ti: '127',
  vi: '123456789012345678901234567890',
  u: '123e4567-e89b-12d3-a456-426614174000',
  tu: 'd2177dd0-eaa2-11de-a572-001b779c76e3',
  ip: '2001:db8::1',
  tm: '12:34:56.123456789',
  du: '1h30m',
  tx: "it's \"quoted\" ; DROP TABLE x; --",
  l: "['a', 'it''s']",
  s: '{1, 2, 3}',
  m: "{'k': [1, 2], 'z': []}",
  tup: "(1, 'x')",
  ad: `{street: 'Main', "Zip": 12345}`,
};

before(async () => {
  target = await testTarget({ seed: 'none' });
  ks = target.keyspace;
  client = new Client(nodeClientOptions(target));
  await client.connect();
  const features = await serverFeatures(client, target);
  tableName = target.name('Edits');
  counters = target.name('hits');
  const addr = target.name('addr');
  if (features.vector) INPUTS['vec'] = '[0.5, -1, 2.25]';
  await client.execute(`CREATE TYPE IF NOT EXISTS ${ks}.${addr} (street text, "Zip" int)`);
  await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}."${tableName}" ("Part" text, day date, ts timestamp, seq int, "select" text static,
    b blob, bi bigint, bo boolean, de decimal, dbl double, fl float, i int, si smallint, ti tinyint, vi varint, u uuid, tu timeuuid,
    ip inet, tm time, du duration, tx text, l list<text>, s set<int>, m map<text, frozen<list<int>>>, tup tuple<int, text>,
    ad frozen<${addr}>${features.vector ? ', vec vector<float, 3>' : ''}, PRIMARY KEY (("Part", day), ts, seq))`);
  await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}.${counters} (page text PRIMARY KEY, n counter)`);
  const t = await loadEditTable(client, ks, tableName);
  assert.ok(!('reason' in t), 'the table loads');
  table = t as EditTable;
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

const keyInputs = [
  { column: 'Part', input: { text: "O'Part" } },
  { column: 'day', input: { text: '2024-02-29' } },
  { column: 'ts', input: { text: '2024-02-29T10:00:00.123Z' } },
  { column: 'seq', input: { text: '1' } },
];

async function readRow(seq = 1): Promise<Map<string, EncodedValue>> {
  const rs = await client.execute(`SELECT * FROM ${ks}."${tableName}" WHERE "Part" = ? AND day = ? AND ts = ? AND seq = ?`,
    ["O'Part", types.LocalDate.fromString('2024-02-29'), new Date('2024-02-29T10:00:00.123Z'), seq], { prepare: true });
  const row = rs.first();
  const out = new Map<string, EncodedValue>();
  if (!row) return out;
  for (const c of rs.columns) out.set(c.name, encoderFor(c.type as never, { timeZone: 'UTC' })(row[c.name]));
  return out;
}

const keyOf = (row: Map<string, EncodedValue>): KeyPart[] => ['Part', 'day', 'ts', 'seq'].map((column) => ({ column, value: row.get(column)! }));
const expected = (column: string) => {
  const r = literalFromInput(parseCqlType(table.columns.get(column)!.type), INPUTS[column]!);
  assert.ok(r.ok, column);
  return r.literal;
};

test('the table is editable from SELECT *, with its key shape and roles', async () => {
  const rs = await client.execute(`SELECT * FROM ${ks}."${tableName}" LIMIT 1`);
  const info = editInfo(selectSource(`SELECT * FROM ${ks}."${tableName}"`) as never, table, rs.columns.map((c) => ({ name: c.name, type: cqlTypeText(c.type as never) })));
  assert.ok(info.editable);
  assert.deepEqual([table.partitionKey, table.clustering], [['Part', 'day'], ['ts', 'seq']]);
  assert.equal(table.columns.get('select')!.role, 'static');
});

test('INSERT of every type, then the row reads back with exactly those values', async () => {
  const values = [...keyInputs, ...Object.entries(INPUTS).map(([column, text]) => ({ column, input: { text } }))];
  const built = buildStatements(table, [{ kind: 'insert', values }], false);
  const { reports } = await runEdits(client, built, opts);
  assert.deepEqual(reports.map((r) => r.ok), [true], JSON.stringify(reports));
  const row = await readRow();
  for (const column of Object.keys(INPUTS)) assert.equal(literalFromEncoded(row.get(column)!), expected(column), column);
});

test('UPDATE of each column (static alone on the partition) and to null, read back equal', async () => {
  const row = await readRow();
  const changes = [
    { column: 'i', old: row.get('i')!, input: { text: '42' } },
    { column: 'm', old: row.get('m')!, input: { text: "{'a': [7]}" } },
    { column: 'tx', old: row.get('tx')!, input: { null: true as const } },
  ];
  const built = buildStatements(table, [
    { kind: 'update', key: keyOf(row), changes },
    { kind: 'update', key: keyOf(row), changes: [{ column: 'select', old: row.get('select')!, input: { text: 'new static' } }] },
  ], false);
  assert.doesNotMatch(built[1]!.text, /ts =/, 'a static-only update restricts the partition only');
  const run = await runEdits(client, built, opts);
  assert.equal(run.batched, true, 'one partition: one batch');
  assert.ok(run.reports.every((r) => r.ok), JSON.stringify(run.reports));
  const after = await readRow();
  assert.equal(after.get('i'), 42);
  assert.equal(literalFromEncoded(after.get('m')!), "{'a': [7]}");
  assert.equal(after.get('tx'), null);
  assert.equal(after.get('select'), 'new static');
});

test('LWT: applies while the row is unchanged, else reports the current values and writes nothing', async () => {
  const row = await readRow();
  const ok = buildStatements(table, [{ kind: 'update', key: keyOf(row), changes: [{ column: 'i', old: row.get('i')!, input: { text: '43' } }] }], true);
  assert.deepEqual((await runEdits(client, ok, opts)).reports.map((r) => r.ok), [true]);
  // Same edit again: the value read (42) is stale now.
  const stale = buildStatements(table, [{ kind: 'update', key: keyOf(row), changes: [{ column: 'i', old: row.get('i')!, input: { text: '44' } }] }], true);
  const [report] = (await runEdits(client, stale, opts)).reports;
  assert.equal(report!.ok, false);
  assert.match(report!.conflict ?? '', /i = 43/);
  assert.equal((await readRow()).get('i'), 43);
});

test('DELETE with the full key removes exactly that row; IF EXISTS on a gone row is a conflict', async () => {
  await runEdits(client, buildStatements(table, [{ kind: 'insert', values: [...keyInputs.slice(0, 3), { column: 'seq', input: { text: '2' } }] }], false), opts);
  const row = await readRow();
  const del = buildStatements(table, [{ kind: 'delete', key: keyOf(row) }], false);
  assert.ok((await runEdits(client, del, opts)).reports[0]!.ok);
  assert.equal((await readRow()).size, 0);
  assert.equal((await readRow(2)).get('seq'), 2, 'the other clustering row stays');
  const again = buildStatements(table, [{ kind: 'delete', key: keyOf(row) }], true);
  const [report] = (await runEdits(client, again, opts)).reports;
  assert.equal(report!.ok, false);
  assert.ok(report!.conflict);
});

test('counters change by +/- and read back', async () => {
  const t = (await loadEditTable(client, ks, counters)) as EditTable;
  assert.equal(t.columns.get('n')!.role, 'counter');
  const key = [{ column: 'page', value: '/home' }];
  const built = buildStatements(t, [
    { kind: 'update', key, changes: [{ column: 'n', old: null, delta: '+5' }] },
    { kind: 'update', key, changes: [{ column: 'n', old: null, delta: '-2' }] },
  ], false);
  const run = await runEdits(client, built, opts);
  assert.equal(run.batched, false);
  assert.ok(run.reports.every((r) => r.ok), JSON.stringify(run.reports));
  const rs = await client.execute(`SELECT n FROM ${ks}.${counters} WHERE page = '/home'`);
  assert.equal(String(rs.first()?.['n']), '3');
});

test('a failing statement is reported and the ones after it are not run', async () => {
  const row = new Map<string, EncodedValue>([['Part', 'p'], ['day', { t: 'date', v: '2024-01-01' }], ['ts', { t: 'timestamp', ms: 0, iso: '' }], ['seq', 1]]);
  const built = buildStatements(table, [{ kind: 'delete', key: keyOf(row) }, { kind: 'delete', key: keyOf(row) }], false);
  built[0]!.text = built[0]!.text.replace('DELETE FROM', 'DELETE FROM nonexistent_ks_x.');
  built[1]!.partition = 'another';
  const { reports } = await runEdits(client, built, opts);
  assert.equal(reports[0]!.ok, false);
  assert.match(reports[1]!.message ?? '', /Not run/);
});
