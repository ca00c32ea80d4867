// The explorer tree against a real driver and the sandbox: what each level shows, error isolation, refresh after DDL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'cassandra-driver';
import type { ServerFeatures } from '../support/features.js';
import type { TestTarget } from '../support/target.js';
import { itemSpec, type ExplorerNode } from '../../src/extension/explorer/model.js';
import { SchemaTreeLoader } from '../../src/extension/explorer/treeLoader.js';
import { openSchemaFixture } from './explorer-schema.js';

let target: TestTarget;
let client: Client;
let features: ServerFeatures;
let n: (base: string) => string;
const loader = new SchemaTreeLoader();
const P = 'profile-1';
const connection: ExplorerNode = { kind: 'connection', profileId: P, name: 'Sandbox', state: 'connected', astra: false };

before(async () => {
  ({ target, client, features, n } = await openSchemaFixture());
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

/** In a shared keyspace, only the objects this run named; in a fresh one, everything (so strays show up). */
const own = (nodes: ExplorerNode[]) => (target.sharedKeyspace ? nodes.filter((x) => label(x).endsWith(n(''))) : nodes);

test('keyspace → folders → tables, columns in key order, indexes; types, functions, aggregates', async () => {
  const ks = find(await loader.children(connection, client), target.keyspace);
  const folders = await loader.children(ks, client);
  assert.deepEqual(folders.map(label), ['Tables', 'Views', 'User types', 'Functions', 'Aggregates']);
  if (!target.sharedKeyspace) assert.equal(itemSpec(folders[0]).description, '3');

  const tables = own(await loader.children(folders[0], client));
  assert.deepEqual(tables.map(label), [n('counts'), n('events'), n('Users')]);
  const events = await loader.children(find(tables, n('events')), client);
  const shown = events.map((x) => `${label(x)}|${itemSpec(x).description}|${x.kind === 'column' ? x.role : x.kind === 'index' ? x.flavor : ''}`);
  assert.deepEqual(shown, [
    'tenant|text|partition',
    'day|int|partition',
    'ts|timestamp DESC|clustering',
    'Seq|int ASC|clustering',
    'owner|text static|static',
    ...(features.vector ? ['embedding|vector<float, 3>|regular'] : []),
    'payload|map<text, int>|regular',
    'tags|set<text>|regular',
    `who|frozen<"${n('Contact')}">|regular`,
    ...(features.vector && features.sai ? [`${n('events_ann')}|embedding|vector`] : []),
    ...(features.sai ? [`${n('events_owner_sai')}|owner|sai`] : []),
    `${n('events_payload_idx')}|values(payload)|secondary`,
  ]);

  const views = own(await loader.children(folders[1], client));
  assert.deepEqual(views.map((x) => `${label(x)} ${itemSpec(x).description}`), features.views ? [`${n('users_by_name')} on ${n('Users')}`] : []);
  if (features.views) {
    const viewColumns = await loader.children(views[0], client);
    assert.deepEqual(viewColumns.map((x) => `${label(x)} ${itemSpec(x).description}`), ['name text', 'id uuid DESC']);
  }

  const types = own(await loader.children(folders[2], client));
  assert.deepEqual(types.map(label), [n('address'), n('Contact')]);
  const contact = await loader.children(types[1], client);
  assert.deepEqual(contact.map((x) => `${label(x)} ${itemSpec(x).description}`), ['name text', `home frozen<${n('address')}>`, 'phones list<text>']);

  const functions = own(await loader.children(folders[3], client));
  // Without user functions (cassandra.yaml default, Astra) the folders are there and empty.
  const fns = features.functions;
  assert.deepEqual(functions.map((x) => `${label(x)}${itemSpec(x).description}`), fns ? [`${n('add_one')}(int, int)`, `${n('half')}(int)`] : []);
  const aggregates = own(await loader.children(folders[4], client));
  assert.deepEqual(aggregates.map((x) => `${label(x)}${itemSpec(x).description}`), fns ? [`${n('total')}(int)`] : []);
});

test('an object that fails to load shows an error node and leaves its siblings alone', async () => {
  const ghost: ExplorerNode = { kind: 'table', profileId: P, keyspace: target.keyspace, name: 'ghost', system: false };
  const kids = await loader.children(ghost, client);
  assert.equal(kids.length, 1);
  assert.equal(kids[0].kind, 'error');
  assert.match(label(kids[0]), /ghost not found/);
  const users: ExplorerNode = { kind: 'table', profileId: P, keyspace: target.keyspace, name: n('Users'), system: false };
  assert.deepEqual((await loader.children(users, client)).map(label), ['id', 'Email', 'name', n('users_name_idx')]);
});

test('refresh after DDL shows new and dropped objects and altered columns', async () => {
  const ks = target.keyspace;
  const fresh = n('fresh');
  const ksNode = find(await loader.children(connection, client), ks);
  const tablesFolder = () => loader.children(ksNode, client).then((f) => find(f, 'Tables'));
  await client.execute(`CREATE TABLE ${ks}.${fresh} (k int PRIMARY KEY)`);
  // Cached listing until the node is refreshed — the point of invalidate().
  assert.ok(!(await loader.children(await tablesFolder(), client)).map(label).includes(fresh));
  loader.invalidate(P, ks);
  const after1 = await loader.children(await tablesFolder(), client);
  assert.ok(after1.map(label).includes(fresh));

  await client.execute(`ALTER TABLE ${ks}.${fresh} ADD note text`);
  const freshNode = find(after1, fresh);
  assert.deepEqual((await loader.children(freshNode, client)).map(label), ['k', 'note']);

  await client.execute(`DROP TABLE ${ks}.${fresh}`);
  loader.invalidate(P);
  assert.ok(!(await loader.children(await tablesFolder(), client)).map(label).includes(fresh));
});
