// The explorer tree against a real driver and the sandbox: what each level shows, error isolation, refresh after DDL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'cassandra-driver';
import { nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';
import { itemSpec, type ExplorerNode } from '../../src/extension/explorer/model.js';
import { SchemaTreeLoader } from '../../src/extension/explorer/treeLoader.js';
import { runAll, schemaDdl } from './explorer-schema.js';

let target: TestTarget;
let client: Client;
const loader = new SchemaTreeLoader();
const P = 'profile-1';
const connection: ExplorerNode = { kind: 'connection', profileId: P, name: 'Sandbox', state: 'connected', astra: false };

before(async () => {
  target = await testTarget({ mode: 'plain', seed: 'none' });
  client = new Client(nodeClientOptions(target));
  await client.connect();
  await runAll(client, schemaDdl(target.keyspace, { functions: true }));
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

const label = (n: ExplorerNode) => itemSpec(n).label;
const find = (nodes: ExplorerNode[], text: string) => {
  const n = nodes.find((x) => label(x) === text);
  assert.ok(n, `no "${text}" among ${nodes.map(label).join(', ')}`);
  return n;
};

test('connection → user keyspaces and a System keyspaces folder', async () => {
  const kids = await loader.children(connection, client);
  const labels = kids.map(label);
  assert.ok(labels.includes(target.keyspace));
  assert.equal(labels.at(-1), 'System keyspaces');
  assert.ok(!labels.includes('system_schema'), 'system keyspaces are folded away');
  const system = await loader.children(find(kids, 'System keyspaces'), client);
  assert.ok(system.map(label).includes('system_schema'));
  assert.ok(system.every((n) => itemSpec(n).contextValue === 'keyspace-system'));
});

test('keyspace → folders → tables, columns in key order, indexes; types, functions, aggregates', async () => {
  const ks = find(await loader.children(connection, client), target.keyspace);
  const folders = await loader.children(ks, client);
  assert.deepEqual(folders.map(label), ['Tables', 'Views', 'User types', 'Functions', 'Aggregates']);
  assert.equal(itemSpec(folders[0]).description, '3');

  const tables = await loader.children(folders[0], client);
  assert.deepEqual(tables.map(label), ['counts', 'events', 'Users']);
  const events = await loader.children(find(tables, 'events'), client);
  const shown = events.map((n) => `${label(n)}|${itemSpec(n).description}|${n.kind === 'column' ? n.role : n.kind === 'index' ? n.flavor : ''}`);
  assert.deepEqual(shown, [
    'tenant|text|partition',
    'day|int|partition',
    'ts|timestamp DESC|clustering',
    'Seq|int ASC|clustering',
    'owner|text static|static',
    'embedding|vector<float, 3>|regular',
    'payload|map<text, int>|regular',
    'tags|set<text>|regular',
    'who|frozen<"Contact">|regular',
    'events_ann|embedding|vector',
    'events_owner_sai|owner|sai',
    'events_payload_idx|values(payload)|secondary',
  ]);

  const views = await loader.children(folders[1], client);
  assert.deepEqual(views.map((n) => `${label(n)} ${itemSpec(n).description}`), ['users_by_name on Users']);
  const viewColumns = await loader.children(views[0], client);
  assert.deepEqual(viewColumns.map((n) => `${label(n)} ${itemSpec(n).description}`), ['name text', 'id uuid DESC']);

  const types = await loader.children(folders[2], client);
  assert.deepEqual(types.map(label), ['address', 'Contact']);
  const contact = await loader.children(types[1], client);
  assert.deepEqual(contact.map((n) => `${label(n)} ${itemSpec(n).description}`), ['name text', 'home frozen<address>', 'phones list<text>']);

  const functions = await loader.children(folders[3], client);
  assert.deepEqual(functions.map((n) => `${label(n)}${itemSpec(n).description}`), ['add_one(int, int)', 'half(int)']);
  const aggregates = await loader.children(folders[4], client);
  assert.deepEqual(aggregates.map((n) => `${label(n)}${itemSpec(n).description}`), ['total(int)']);
});

test('an object that fails to load shows an error node and leaves its siblings alone', async () => {
  const ghost: ExplorerNode = { kind: 'table', profileId: P, keyspace: target.keyspace, name: 'ghost', system: false };
  const kids = await loader.children(ghost, client);
  assert.equal(kids.length, 1);
  assert.equal(kids[0].kind, 'error');
  assert.match(label(kids[0]), /ghost not found/);
  const users: ExplorerNode = { kind: 'table', profileId: P, keyspace: target.keyspace, name: 'Users', system: false };
  assert.deepEqual((await loader.children(users, client)).map(label), ['id', 'Email', 'name', 'users_name_idx']);
});

test('refresh after DDL shows new and dropped objects and altered columns', async () => {
  const ks = target.keyspace;
  const ksNode = find(await loader.children(connection, client), ks);
  const tablesFolder = () => loader.children(ksNode, client).then((f) => find(f, 'Tables'));
  await client.execute(`CREATE TABLE ${ks}.fresh (k int PRIMARY KEY)`);
  // Cached listing until the node is refreshed — the point of invalidate().
  assert.ok(!(await loader.children(await tablesFolder(), client)).map(label).includes('fresh'));
  loader.invalidate(P, ks);
  const after1 = await loader.children(await tablesFolder(), client);
  assert.ok(after1.map(label).includes('fresh'));

  await client.execute(`ALTER TABLE ${ks}.fresh ADD note text`);
  const fresh = find(after1, 'fresh');
  assert.deepEqual((await loader.children(fresh, client)).map(label), ['k', 'note']);

  await client.execute(`DROP TABLE ${ks}.fresh`);
  loader.invalidate(P);
  assert.ok(!(await loader.children(await tablesFolder(), client)).map(label).includes('fresh'));
});
