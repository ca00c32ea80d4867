// A page read row by row (eachRow) and a page read whole (execute) encode to the same rows: the session picks one
// or the other by the width of the rows, so both must give the payload the golden test pins. Every CQL type, with
// nulls, through the bench's all-types table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'cassandra-driver';
import { readPage } from '../../src/extension/cql/pageReader.js';
import { createAllTypesTable, type BenchColumn } from '../bench/allTypesTable.js';
import { nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';

let target: TestTarget;
let client: Client;
let columns: BenchColumn[];
let table: string;

before(async () => {
  target = await testTarget({ seed: 'none' });
  client = new Client(nodeClientOptions(target));
  await client.connect();
  columns = await createAllTypesTable(client, target.keyspace, 40, (b) => target.name(b));
  table = `${target.keyspace}.${target.name('bench_all_types')}`;
  await client.execute(`INSERT INTO ${table} (id) VALUES (-1)`);
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

const options = (pageState?: string) => ({ prepare: false, fetchSize: 15, autoPage: false, ...(pageState ? { pageState } : {}) });

test('every type encodes alike row by row and by whole page, over every page', async () => {
  const query = `SELECT * FROM ${table}`;
  let pageState: string | undefined;
  let rows = 0;
  do {
    const byRow = await readPage(client, query, options(pageState), 'Europe/Paris');
    assert.ok(byRow.columns && byRow.columns.length === columns.length + 1);
    const whole = await readPage(client, query, options(pageState), 'Europe/Paris', byRow.columns.slice(0, 1));
    assert.deepEqual(whole.rows, byRow.rows);
    assert.equal(whole.pageState, byRow.pageState);
    rows += byRow.rows.length;
    pageState = byRow.pageState;
  } while (pageState);
  assert.equal(rows, 41);
});

test('a result without rows has no columns either way', async () => {
  const insert = `INSERT INTO ${table} (id) VALUES (-2)`;
  const page = await readPage(client, insert, options(), 'UTC');
  assert.deepEqual({ columns: page.columns, rows: page.rows }, { columns: null, rows: [] });
});
