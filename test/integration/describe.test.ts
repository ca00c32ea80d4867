// DESCRIBE round trip: build a schema with every object kind, DESCRIBE it, run the DDL into an empty keyspace,
// and compare what the driver's metadata says about both keyspaces.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'cassandra-driver';
import { nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';
import { describeAggregate, describeFunction, describeKeyspace, describeTable } from '../../src/extension/schema/describe.js';
import { readAggregates, readFunctions, readKeyspaceSchema, readTable } from '../../src/extension/schema/schemaReader.js';
import { normalize, runAll, runScript, schemaDdl } from './explorer-schema.js';

let target: TestTarget;
let client: Client;
const astraTarget = () => target.kind === 'astra' || (target.kind === 'sandbox' && !!target.bundlePath);

before(async () => {
  target = await testTarget({ mode: 'plain', seed: 'none' });
  client = new Client(nodeClientOptions(target));
  await client.connect();
  await runAll(client, schemaDdl(target.keyspace, { functions: !astraTarget() }));
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

test('DESCRIBE KEYSPACE re-executed into an empty keyspace recreates identical schema', async (t) => {
  if (target.kind === 'astra') return t.skip('keyspaces cannot be created over CQL on Astra');
  const ks = target.keyspace;
  const original = await readKeyspaceSchema(client, ks);
  assert.equal(original.tables.length, 3);
  assert.equal(original.types.length, 2);
  if (!astraTarget()) {
    assert.equal(original.functions.length, 2);
    assert.equal(original.aggregates.length, 1);
    assert.equal(original.views.length, 1);
  }
  const script = describeKeyspace(original);
  const copy = `${ks}_copy`;
  // Every object is qualified with the keyspace name, which is unique enough to swap textually.
  const copyScript = script.split(`${ks}.`).join(`${copy}.`).replace(`CREATE KEYSPACE ${ks} `, `CREATE KEYSPACE ${copy} `);
  assert.ok(!copyScript.includes(`${ks}.`), 'every reference was retargeted');
  const executed = await runScript(client, copyScript);
  assert.ok(executed >= 10, `ran ${executed} statements`);
  try {
    const recreated = await readKeyspaceSchema(client, copy);
    assert.deepEqual(normalize(recreated), normalize(original));
    // And DESCRIBE of the copy prints the same text, modulo the name.
    assert.equal(describeKeyspace(recreated), copyScript);
  } finally {
    await client.execute(`DROP KEYSPACE IF EXISTS ${copy}`);
  }
});

test('DESCRIBE TABLE prints clustering order, static column, options and every index', async () => {
  const text = describeTable(target.keyspace, await readTable(client, target.keyspace, 'events'));
  assert.match(text, /^CREATE TABLE \S+\.events \(\n {4}tenant text,\n {4}day int,\n {4}ts timestamp,\n {4}"Seq" int,/);
  assert.match(text, /owner text static,/);
  assert.match(text, /PRIMARY KEY \(\(tenant, day\), ts, "Seq"\)\n\) WITH CLUSTERING ORDER BY \(ts DESC, "Seq" ASC\)/);
  assert.match(text, /AND comment = 'it''s events'/);
  assert.match(text, /AND default_time_to_live = 3600/);
  assert.match(text, /CREATE CUSTOM INDEX events_ann ON \S+\.events \(embedding\) USING '[\w.]*StorageAttachedIndex' WITH OPTIONS = \{'similarity_function': 'COSINE'\};/);
  assert.match(text, /CREATE INDEX events_payload_idx ON \S+\.events \(values\(payload\)\);/);
  assert.match(text, /CREATE CUSTOM INDEX events_owner_sai ON \S+\.events \(owner\) USING '[\w.]*StorageAttachedIndex';/);
});

test('Describe on one function or aggregate overload, as the tree asks for it', async (t) => {
  if (astraTarget()) return t.skip('Astra refuses user functions');
  const ks = target.keyspace;
  const [fn] = await readFunctions(client, ks, 'add_one', ['int', 'int']);
  assert.equal(
    describeFunction(fn),
    `CREATE FUNCTION ${ks}.add_one(state int, v int)\n    CALLED ON NULL INPUT\n    RETURNS int\n    LANGUAGE java\n` +
      '    AS $$return (state == null ? 0 : state) + (v == null ? 0 : v);$$;',
  );
  const [agg] = await readAggregates(client, ks, 'total', ['int']);
  assert.equal(describeAggregate(agg), `CREATE AGGREGATE ${ks}.total(int)\n    SFUNC add_one\n    STYPE int\n    FINALFUNC half\n    INITCOND 0;`);
  await assert.rejects(readFunctions(client, ks, 'add_one', ['text']), /not found/);
});
