// Completion's schema loader (system_schema, one query per table, paged) against the sandbox or a real cluster,
// then the engine on what it loaded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'cassandra-driver';
import { complete, diagnose, hoverAt, SchemaIndex } from '../../src/extension/language/core/index.js';
import { loadSchema } from '../../src/extension/schema/schemaCache.js';
import { serverFeatures, type ServerFeatures } from '../support/features.js';
import { nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';

let target: TestTarget;
let client: Client;
let ks: string;
let features: ServerFeatures;
let readingsName: string;
let docsName: string;

before(async () => {
  target = await testTarget({ seed: 'none' });
  ks = target.keyspace;
  client = new Client(nodeClientOptions(target));
  await client.connect();
  features = await serverFeatures(client, target);
  readingsName = target.name('readings');
  docsName = target.name('docs');
  await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}.${readingsName} (sensor text, day date, ts timestamp, "Value" double, note text static, PRIMARY KEY ((sensor, day), ts)) WITH CLUSTERING ORDER BY (ts DESC)`);
  const embedding = features.vector ? ', embedding vector<float, 3>' : '';
  await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}.${docsName} (id uuid PRIMARY KEY, body text${embedding})`);
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

test('loads keyspaces, tables and columns with kinds, positions and clustering order', async () => {
  const model = await loadSchema(client);
  assert.ok(model.keyspaces.some((k) => k.name === 'system_schema'), 'system keyspaces are listed');
  const mine = model.keyspaces.find((k) => k.name === ks);
  assert.ok(mine, `keyspace ${ks} loaded`);
  const readings = mine.tables.find((t) => t.name === readingsName);
  assert.ok(readings);
  const col = (name: string) => readings.columns.find((c) => c.name === name);
  assert.deepEqual([col('sensor')?.kind, col('sensor')?.position], ['partition_key', 0]);
  assert.deepEqual([col('day')?.kind, col('day')?.position], ['partition_key', 1]);
  assert.equal(col('ts')?.kind, 'clustering');
  assert.equal(col('ts')?.clusteringOrder, 'desc');
  assert.equal(col('note')?.kind, 'static');
  assert.equal(col('Value')?.type, 'double');
  const docs = mine.tables.find((t) => t.name === docsName)!;
  assert.equal(docs.columns.find((c) => c.name === 'embedding')?.type, features.vector ? 'vector<float, 3>' : undefined);
});

test('completion, hover and diagnostics on the loaded schema', async () => {
  const schema = new SchemaIndex(await loadSchema(client));
  const text = `SELECT  FROM ${ks}.${readingsName}`;
  const items = complete(text, 'SELECT '.length, schema).items.filter((i) => i.kind === 'column');
  assert.deepEqual(items.map((i) => i.label), ['sensor', 'day', 'ts', 'note', 'Value']);
  assert.equal(items.find((i) => i.label === 'Value')!.insertText, '"Value"');
  const tables = complete(`USE ${ks};\nSELECT * FROM `, `USE ${ks};\nSELECT * FROM `.length, schema).items.map((i) => i.label);
  assert.ok(tables.includes(readingsName) && tables.includes(docsName), tables.join(','));
  const h = hoverAt(text, text.length - 2, schema);
  assert.match(h!.markdown, /PRIMARY KEY \(\(sensor, day\), ts\)/);
  const bad = `SELECT valu FROM ${ks}.${readingsName}`;
  assert.deepEqual(diagnose(bad, schema).map((d) => d.message), [`Unknown column 'valu' in ${ks}.${readingsName}`]);
});
