// The Connections tree's hook for Data API collections: a keyspace of a connection the Data API serves gains a
// "Collections" group whose children and items come from the collections source; other connections do not.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeVscode, EventEmitter, installFakeVscode } from '../fakes/fakeVscode.js';
import type { ExplorerNode } from '../../../src/extension/explorer/model.js';
import type { CollectionTreeNode } from '../../../src/extension/dataApi/core/collectionNodes.js';

installFakeVscode(createFakeVscode());
let provider: typeof import('../../../src/extension/explorer/treeProvider.js');
before(async () => {
  provider = await import('../../../src/extension/explorer/treeProvider.js');
});

const client = {
  metadata: { keyspaces: { demo: { name: 'demo' } }, refreshKeyspaces: async () => {}, refreshKeyspace: async () => {} },
  execute: async () => ({ rows: [], pageState: null }),
};
const connections = {
  onDidChange: new EventEmitter<void>().event,
  onDidChangeSchema: new EventEmitter<string>().event,
  profiles: () => [],
  profile: () => undefined,
  state: () => 'connected',
  lastError: () => undefined,
  connectedClient: () => client,
};
const logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

function source(served: string[]) {
  const listed: string[] = [];
  return {
    listed,
    onDidChange: new EventEmitter<void>().event,
    servesProfile: (id: string) => served.includes(id),
    group: (profileId: string, db: unknown, keyspace: string) => ({ kind: 'collections', profileId, db, keyspace }),
    children: async (n: CollectionTreeNode) => {
      listed.push(`${n.profileId}/${n.keyspace}`);
      return [{ ...n, kind: 'collection', summary: { name: 'catalog', definition: { vector: { dimension: 8 } } } }];
    },
    treeItem: (n: CollectionTreeNode) => ({ label: n.kind === 'collection' ? n.summary.name : 'Collections' }),
  };
}

const keyspace = (profileId: string): ExplorerNode => ({ kind: 'keyspace', profileId, keyspace: 'demo', system: false, virtual: false });

test('a served connection: Collections under each user keyspace, listed through the source', async () => {
  const src = source(['astra']);
  const tree = new provider.SchemaTreeProvider(connections as never, logger, src as never);
  const kids = await tree.getChildren(keyspace('astra'));
  const group = kids.at(-1)!;
  assert.equal(group.kind, 'collections');
  assert.deepEqual(group.kind === 'collections' && group.db, { source: 'profile', profileId: 'astra' });
  const [coll] = await tree.getChildren(group);
  assert.equal(coll!.kind, 'collection');
  assert.deepEqual(src.listed, ['astra/demo']);
  assert.equal((tree.getTreeItem(coll!) as { label: string }).label, 'catalog');
});

test('other connections and system keyspaces get no Collections group', async () => {
  const tree = new provider.SchemaTreeProvider(connections as never, logger, source(['astra']) as never);
  assert.ok(!(await tree.getChildren(keyspace('cassandra'))).some((k) => k.kind === 'collections'));
  const sys: ExplorerNode = { kind: 'keyspace', profileId: 'astra', keyspace: 'system', system: true, virtual: false };
  assert.ok(!(await tree.getChildren(sys)).some((k) => k.kind === 'collections'));
  const plain = new provider.SchemaTreeProvider(connections as never, logger);
  assert.ok(!(await plain.getChildren(keyspace('astra'))).some((k) => k.kind === 'collections'));
});
