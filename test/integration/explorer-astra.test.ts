// The explorer against the sandbox in Astra mode (secure connect bundle + token): Astra's internal keyspaces stay
// in the System folder, and DESCRIBE KEYSPACE comments out the keyspace DDL while the rest still re-executes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'cassandra-driver';
import { serverFeatures } from '../support/features.js';
import { nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';
import { describeKeyspace } from '../../src/extension/schema/describe.js';
import { itemSpec, type ExplorerNode } from '../../src/extension/explorer/model.js';
import { isSystemKeyspace } from '../../src/extension/schema/schemaTypes.js';
import { readKeyspaceSchema } from '../../src/extension/schema/schemaReader.js';
import { SchemaTreeLoader } from '../../src/extension/explorer/treeLoader.js';
import { normalize, runAll, runScript, schemaDdl } from './explorer-schema.js';

let target: TestTarget;
let client: Client;
let fixtureStatements: number;

before(async () => {
  target = await testTarget({ mode: 'astra', seed: 'none' });
  client = new Client(nodeClientOptions(target));
  await client.connect();
  const { vector, sai } = await serverFeatures(client, target);
  const ddl = schemaDdl(target.keyspace, { functions: false, views: false, vector, sai, n: target.name });
  fixtureStatements = ddl.length;
  await runAll(client, ddl);
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

test('Astra internal keyspaces are grouped under System keyspaces', async () => {
  const loader = new SchemaTreeLoader();
  const connection: ExplorerNode = { kind: 'connection', profileId: 'a', name: 'Astra', state: 'connected', astra: true };
  const top = await loader.children(connection, client);
  const keyspaces = top.filter((n) => n.kind === 'keyspace').map((n) => itemSpec(n).label);
  assert.ok(keyspaces.includes(target.keyspace));
  assert.deepEqual(keyspaces.filter(isSystemKeyspace), []);
  const system = top.find((n) => n.kind === 'systemKeyspaces');
  assert.ok(system);
  const hidden = (await loader.children(system, client)).map((n) => itemSpec(n).label);
  assert.ok(hidden.includes('system_schema'), hidden.join(', '));
});

test('DESCRIBE KEYSPACE on Astra: keyspace DDL as a comment, the rest recreates the schema', async (t) => {
  if (!target.sandbox) return t.skip('needs the sandbox to create a second keyspace (DevOps API stand-in)');
  const ks = target.keyspace;
  const original = await readKeyspaceSchema(client, ks);
  const script = describeKeyspace(original, { astra: true });
  assert.match(script, /^\/\*\nAstra DB keyspaces are created in the Astra console or with the DevOps API, not with CQL\.\nCREATE KEYSPACE /);
  const copy = `${ks}_copy`;
  target.sandbox.createKeyspace(copy);
  await client.metadata.refreshKeyspaces();
  const copyScript = script.split(`${ks}.`).join(`${copy}.`);
  const executed = await runScript(client, copyScript);
  assert.ok(executed >= fixtureStatements, `ran ${executed} of at least ${fixtureStatements} statements`);
  assert.deepEqual(normalize(await readKeyspaceSchema(client, copy)), normalize(original));
});
