// The completion schema cache: one load per profile, paged system_schema reads, invalidation on schema change and
// disconnect, and never a connection attempt of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from 'cassandra-driver';
import { buildModel, SchemaCache } from '../../src/extension/schema/schemaCache.js';
import type { ConnectionService, ConnectionState } from '../../src/extension/connections/types.js';
import type { Logger } from '../../src/extension/logging.js';
import { EventEmitter } from './fakes/fakeVscode.js';

const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Serves system_schema rows, two per page, and counts queries. */
function fakeClient(columns: Record<string, unknown>[]) {
  const queries: string[] = [];
  const tables: Record<string, Record<string, unknown>[]> = {
    keyspaces: [{ keyspace_name: 'app' }, { keyspace_name: 'empty' }],
    tables: [{ keyspace_name: 'app', table_name: 't' }],
    views: [{ keyspace_name: 'app', view_name: 't_by_v' }],
    columns,
  };
  const client = {
    async execute(query: string, _params: unknown[], options: { pageState?: string }) {
      queries.push(query);
      const rows = tables[/system_schema\.(\w+)/.exec(query)![1]!]!;
      const from = Number(options.pageState ?? 0);
      const next = from + 2 < rows.length ? String(from + 2) : null;
      return { rows: rows.slice(from, from + 2), pageState: next };
    },
  };
  return { client: client as unknown as Client, queries };
}

function fakeConnections(client: Client | undefined) {
  const schema = new EventEmitter<string>();
  const changed = new EventEmitter<void>();
  let state: ConnectionState = client ? 'connected' : 'disconnected';
  let connectCalls = 0;
  const service = {
    onDidChangeSchema: schema.event,
    onDidChange: changed.event,
    state: () => state,
    connectedClient: () => (state === 'connected' ? client : undefined),
    client: async () => {
      connectCalls++;
      throw new Error('must not connect');
    },
  } as unknown as ConnectionService;
  return { service, schema, changed, setState: (s: ConnectionState) => (state = s), connectCalls: () => connectCalls };
}

const COLUMNS = [
  { keyspace_name: 'app', table_name: 't', column_name: 'k', kind: 'partition_key', position: 0, type: 'int', clustering_order: 'none' },
  { keyspace_name: 'app', table_name: 't', column_name: 'c', kind: 'clustering', position: 0, type: 'text', clustering_order: 'desc' },
  { keyspace_name: 'app', table_name: 't', column_name: 'v', kind: 'regular', position: -1, type: 'list<int>', clustering_order: 'none' },
  { keyspace_name: 'app', table_name: 't_by_v', column_name: 'v', kind: 'partition_key', position: 0, type: 'int', clustering_order: 'none' },
  { keyspace_name: 'gone', table_name: 'x', column_name: 'y', kind: 'regular', position: -1, type: 'int', clustering_order: 'none' },
];

test('loads once per profile, reading every page, and builds the index', async () => {
  const { client, queries } = fakeClient(COLUMNS);
  const conns = fakeConnections(client);
  const cache = new SchemaCache(conns.service, silent);
  const [a, b] = await Promise.all([cache.get('p1'), cache.get('p1')]);
  assert.ok(a);
  assert.equal(a, b);
  // 4 system_schema tables; columns has 5 rows = 3 pages, keyspaces 2 rows = 1 page.
  assert.equal(queries.filter((q) => q.includes('system_schema.columns')).length, 3);
  assert.equal(queries.length, 6);
  const t = a.table('app', 't')!;
  assert.deepEqual(t.columns.map((c) => `${c.name}:${c.kind}`), ['k:partition_key', 'c:clustering', 'v:regular']);
  assert.equal(t.columnsByName.get('c')!.clusteringOrder, 'desc');
  assert.equal(a.table('app', 't_by_v')!.table.view, true);
  assert.ok(a.keyspace('empty'));
  assert.equal(a.keyspace('gone'), undefined); // columns of tables we never saw are ignored
  cache.dispose();
});

test('schema changes and disconnects drop the cache; nothing connects on its own', async () => {
  const { client, queries } = fakeClient(COLUMNS);
  const conns = fakeConnections(client);
  const cache = new SchemaCache(conns.service, silent);
  const invalidated: string[] = [];
  cache.onDidInvalidate((id) => invalidated.push(id));
  await cache.get('p1');
  const before = queries.length;
  conns.schema.fire('p1');
  assert.deepEqual(invalidated, ['p1']);
  await cache.get('p1');
  assert.equal(queries.length, before * 2);

  conns.setState('disconnected');
  conns.changed.fire();
  assert.deepEqual(invalidated, ['p1', 'p1']);
  assert.equal(await cache.get('p1'), undefined);
  assert.equal(conns.connectCalls(), 0);
  cache.dispose();
});

test('a failed load is not cached', async () => {
  let fail = true;
  const { client } = fakeClient(COLUMNS);
  const flaky = { execute: (...args: Parameters<Client['execute']>) => (fail ? Promise.reject(new Error('boom')) : (client.execute as (...a: unknown[]) => unknown)(...args)) };
  const cache = new SchemaCache(fakeConnections(flaky as unknown as Client).service, silent);
  assert.equal(await cache.get('p1'), undefined);
  fail = false;
  assert.ok(await cache.get('p1'));
  cache.dispose();
});

test('buildModel keeps keyspaces without tables and marks views', () => {
  const m = buildModel([{ keyspace_name: 'a' }], [], [{ keyspace_name: 'a', view_name: 'v' }], []);
  assert.deepEqual(m, { keyspaces: [{ name: 'a', tables: [{ name: 'v', columns: [], view: true }] }] });
});
