// COPY TO places each page's last row on the token ring for its progress without selecting token(pk): the token it
// computes from the decoded partition key must be the server's token(pk), for one-column keys of several types and
// for composite keys (CompositeType bytes), on the sandbox or a real cluster.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, types } from 'cassandra-driver';
import { copyTable } from '../../src/extension/copy/copyTable.js';
import { loadDriverTypes } from '../../src/extension/copy/driverTypes.js';
import { rowTokenOf } from '../../src/extension/copy/rowToken.js';
import { nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';

let target: TestTarget;
let client: Client;

before(async () => {
  target = await testTarget({ seed: 'none' });
  client = new Client(nodeClientOptions(target));
  await client.connect();
  await loadDriverTypes();
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

const KEYS: { key: string; columns: string; values: (i: number) => unknown[] }[] = [
  { key: 'k', columns: 'k int', values: (i) => [i * 7919 - 50_000] },
  { key: 'k', columns: 'k text', values: (i) => [`key ${i} é ☃`] },
  { key: 'k', columns: 'k uuid', values: () => [types.Uuid.random()] },
  { key: 'k', columns: 'k bigint', values: (i) => [types.Long.fromString(`${-9_000_000_000_000_000 + i * 123_456_789_013}`)] },
  { key: 'k', columns: 'k timestamp', values: (i) => [new Date(1_700_000_000_000 + i * 86_400_123)] },
  { key: 'k', columns: 'k blob', values: (i) => [Buffer.from(Array.from({ length: 1 + (i % 40) }, (_, j) => (i * 31 + j) & 255))] },
  { key: '(a, b)', columns: 'a int, b text', values: (i) => [i, `b${i % 7}`] },
  { key: '(a, b, c)', columns: 'a uuid, b bigint, c date', values: (i) => [types.Uuid.random(), types.Long.fromNumber(i - 20), new types.LocalDate(2020, 1 + (i % 12), 1 + (i % 28))] },
];

test('the token computed from each row is the server\'s token(pk)', async () => {
  for (const [n, k] of KEYS.entries()) {
    const table = target.name(`row_token_${n}`);
    const names = k.columns.split(', ').map((c) => c.split(' ')[0]!);
    await client.execute(`CREATE TABLE IF NOT EXISTS ${target.keyspace}.${table} (${k.columns}, v int, PRIMARY KEY (${k.key}))`);
    const insert = `INSERT INTO ${target.keyspace}.${table} (${names.join(', ')}, v) VALUES (${names.map(() => '?').join(', ')}, 1)`;
    for (let i = 0; i < 60; i++) await client.execute(insert, k.values(i), { prepare: true });
    const tokenOf = rowTokenOf(client, (await copyTable(client, target.keyspace, table)).partitionKey);
    const rs = await client.execute(`SELECT ${names.join(', ')}, token(${names.join(', ')}) AS t FROM ${target.keyspace}.${table}`);
    assert.equal(rs.rows.length, 60, k.columns);
    for (const row of rs.rows) assert.equal(tokenOf(row), BigInt(String(row['t'])), `${k.columns}: ${names.map((c) => String(row[c])).join(', ')}`);
  }
});

test('a row without its partition key has no token (progress counts ranges instead)', async () => {
  const table = await copyTable(client, target.keyspace, target.name('row_token_0'));
  const tokenOf = rowTokenOf(client, table.partitionKey);
  const rs = await client.execute(`SELECT v FROM ${target.keyspace}.${target.name('row_token_0')} LIMIT 1`);
  assert.equal(tokenOf(rs.rows[0]!), undefined);
});
