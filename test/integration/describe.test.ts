// DESCRIBE round trip: build a schema with every object kind, DESCRIBE it, run the DDL into an empty keyspace,
// and compare what the driver's metadata says about both keyspaces.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'cassandra-driver';
import { lacks, type ServerFeatures } from '../support/features.js';
import type { TestTarget } from '../support/target.js';
import { describeAggregate, describeFunction, describeKeyspace, describeTable, describeView } from '../../src/extension/schema/describe.js';
import {
  readAggregates, readFunctions, readKeyspaceSchema, readTable, readViewForDescribe,
} from '../../src/extension/schema/schemaReader.js';
import { normalize, openSchemaFixture, runScript } from './explorer-schema.js';

let target: TestTarget;
let client: Client;
let features: ServerFeatures;
let n: (base: string) => string;

before(async () => {
  ({ target, client, features, n } = await openSchemaFixture());
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

test('DESCRIBE KEYSPACE re-executed into an empty keyspace recreates identical schema', async (t) => {
  if (!target.canCreateKeyspaces) return t.skip(`keyspaces cannot be created over CQL on this target (${target.kind}, shared keyspace)`);
  const ks = target.keyspace;
  const original = await readKeyspaceSchema(client, ks);
  assert.equal(original.tables.length, 3);
  assert.equal(original.types.length, 2);
  assert.equal(original.functions.length, features.functions ? 2 : 0);
  assert.equal(original.aggregates.length, features.functions ? 1 : 0);
  assert.equal(original.views.length, features.views ? 1 : 0);
  const script = describeKeyspace(original);
  assert.doesNotMatch(script, /CREATE MATERIALIZED VIEW[^;]*default_time_to_live/, 'views take no TTL option');
  const copy = `${ks}_copy`;
  // Every object is qualified with the keyspace name, which is unique enough to swap textually.
  const copyScript = script.split(`${ks}.`).join(`${copy}.`).replace(`CREATE KEYSPACE ${ks} `, `CREATE KEYSPACE ${copy} `);
  assert.ok(!copyScript.includes(`${ks}.`), 'every reference was retargeted');
  try {
    const executed = await runScript(client, copyScript);
    assert.ok(executed >= 10, `ran ${executed} statements`);
    const recreated = await readKeyspaceSchema(client, copy);
    assert.deepEqual(normalize(recreated), normalize(original));
    // And DESCRIBE of the copy prints the same text, modulo the name.
    assert.equal(describeKeyspace(recreated), copyScript);
  } finally {
    await client.execute(`DROP KEYSPACE IF EXISTS ${copy}`);
  }
});

test('DESCRIBE MATERIALIZED VIEW keeps every view option but default_time_to_live, and re-executes', async (t) => {
  const missing = lacks(features, 'views');
  if (missing) return t.skip(missing);
  const ks = target.keyspace;
  const view = await readViewForDescribe(client, ks, n('users_by_name'));
  const text = describeView(ks, view);
  assert.doesNotMatch(text, /default_time_to_live/);
  assert.match(text, /AND comment = 'by name'/);
  assert.match(text, /AND gc_grace_seconds = 3600/);
  for (const option of ['additional_write_policy', 'bloom_filter_fp_chance', 'caching', 'compaction', 'compression', 'read_repair', 'speculative_retry']) {
    assert.match(text, new RegExp(`\\n {4}AND ${option} = `), `${option} is kept`);
  }
  // The text as printed recreates the view (after the original is dropped), with the same options.
  await client.execute(`DROP MATERIALIZED VIEW ${ks}.${n('users_by_name')}`);
  await client.execute(text);
  assert.equal(describeView(ks, await readViewForDescribe(client, ks, n('users_by_name'))), text);
});

test('DESCRIBE TABLE prints clustering order, static column, options and every index', async () => {
  const text = describeTable(target.keyspace, await readTable(client, target.keyspace, n('events')));
  assert.match(text, new RegExp(`^CREATE TABLE \\S+\\.${n('events')} \\(\\n {4}tenant text,\\n {4}day int,\\n {4}ts timestamp,\\n {4}"Seq" int,`));
  assert.match(text, /owner text static,/);
  assert.match(text, /PRIMARY KEY \(\(tenant, day\), ts, "Seq"\)\n\) WITH CLUSTERING ORDER BY \(ts DESC, "Seq" ASC\)/);
  assert.match(text, /AND comment = 'it''s events'/);
  assert.match(text, /AND default_time_to_live = 3600/);
  assert.match(text, new RegExp(`CREATE INDEX ${n('events_payload_idx')} ON \\S+\\.${n('events')} \\(values\\(payload\\)\\);`));
});

test('DESCRIBE TABLE prints SAI indexes, vector ones with their similarity function', async (t) => {
  const missing = lacks(features, 'vector', 'sai');
  if (missing) return t.skip(missing);
  const text = describeTable(target.keyspace, await readTable(client, target.keyspace, n('events')));
  const on = `ON \\S+\\.${n('events')}`;
  assert.match(text, new RegExp(`CREATE CUSTOM INDEX ${n('events_ann')} ${on} \\(embedding\\) USING '[\\w.]*StorageAttachedIndex' WITH OPTIONS = \\{'similarity_function': 'COSINE'\\};`));
  assert.match(text, new RegExp(`CREATE CUSTOM INDEX ${n('events_owner_sai')} ${on} \\(owner\\) USING '[\\w.]*StorageAttachedIndex';`));
});

test('Describe on one function or aggregate overload, as the tree asks for it', async (t) => {
  const missing = lacks(features, 'functions');
  if (missing) return t.skip(missing);
  const ks = target.keyspace;
  const [fn] = await readFunctions(client, ks, n('add_one'), ['int', 'int']);
  assert.equal(
    describeFunction(fn),
    `CREATE FUNCTION ${ks}.${n('add_one')}(state int, v int)\n    CALLED ON NULL INPUT\n    RETURNS int\n    LANGUAGE java\n` +
      '    AS $$return (state == null ? 0 : state) + (v == null ? 0 : v);$$;',
  );
  const [agg] = await readAggregates(client, ks, n('total'), ['int']);
  assert.equal(describeAggregate(agg), `CREATE AGGREGATE ${ks}.${n('total')}(int)\n    SFUNC ${n('add_one')}\n    STYPE int\n    FINALFUNC ${n('half')}\n    INITCOND 0;`);
  await assert.rejects(readFunctions(client, ks, n('add_one'), ['text']), /not found/);
});
