import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONTEXT_VALUES,
  connectionChildren,
  folderChildren,
  itemSpec,
  keyspaceChildren,
  nodeId,
  tableChildren,
  unquoteTarget,
  type ExplorerNode,
} from '../../../src/extension/explorer/model.js';
import { isSystemKeyspace, type KeyspaceListing } from '../../../src/extension/schema/schemaTypes.js';
import { eventsTable } from './fixtures.js';

const emptyListing = (): KeyspaceListing => ({ tables: [], views: [], types: [], functions: [], aggregates: [], errors: {} });

test('system and Astra-internal keyspaces are recognised', () => {
  for (const ks of ['system', 'system_schema', 'system_auth', 'system_virtual_schema', 'system_views', 'data_endpoint_auth', 'datastax_sla']) {
    assert.ok(isSystemKeyspace(ks), ks);
  }
  for (const ks of ['shop', 'my_system', 'datastax', 'app']) assert.ok(!isSystemKeyspace(ks), ks);
});

test('connection children: user keyspaces sorted, system ones behind one collapsed folder', () => {
  const kids = connectionChildren('p1', [{ name: 'zoo' }, { name: 'system' }, { name: 'app' }, { name: 'datastax_sla' }]);
  assert.deepEqual(kids.map((k) => (k.kind === 'keyspace' ? k.keyspace : k.kind)), ['app', 'zoo', 'systemKeyspaces']);
  const folder = itemSpec(kids[2]);
  assert.equal(folder.collapsible, 'collapsed');
  assert.equal(folder.contextValue, 'systemKeyspaces');
  assert.equal(connectionChildren('p1', [{ name: 'app' }]).length, 1);
  const ks = connectionChildren('p1', [
    { name: 'app', strategy: 'org.apache.cassandra.locator.NetworkTopologyStrategy', strategyOptions: { 'dc-1': '3' } },
  ]);
  assert.equal(itemSpec(ks[0]).tooltip, 'app\nNetworkTopologyStrategy {dc-1: 3}');
});

test('keyspace folders appear only when non-empty or failed', () => {
  const ks: Extract<ExplorerNode, { kind: 'keyspace' }> = { kind: 'keyspace', profileId: 'p', keyspace: 'shop', system: false, virtual: false };
  const l = emptyListing();
  assert.deepEqual(keyspaceChildren(ks, l), []);
  l.tables = ['b', 'a'];
  l.functions = [{ name: 'f', argTypes: ['int'] }];
  l.errors.types = 'Could not list types: boom';
  const kids = keyspaceChildren(ks, l);
  assert.deepEqual(kids.map((k) => (k.kind === 'folder' ? k.folder : '?')), ['tables', 'types', 'functions']);
  const tables = folderChildren(kids[0] as Extract<ExplorerNode, { kind: 'folder' }>, l);
  assert.deepEqual(tables.map((t) => (t.kind === 'table' ? t.name : '?')), ['a', 'b']);
  const types = folderChildren(kids[1] as Extract<ExplorerNode, { kind: 'folder' }>, l);
  assert.equal(types.length, 1);
  assert.equal(types[0].kind, 'error');
  assert.equal(itemSpec(types[0]).label, 'Could not list types: boom');
});

test('table children: partition, clustering (with order), static, regular columns, then indexes', () => {
  const node: Extract<ExplorerNode, { kind: 'table' }> = { kind: 'table', profileId: 'p', keyspace: 'shop', name: 'events', system: false };
  const kids = tableChildren(node, eventsTable());
  const summary = kids.map((k) => {
    if (k.kind === 'column') return `${k.role}:${k.name}${k.order ? ':' + k.order : ''}`;
    if (k.kind === 'index') return `index:${k.name}:${k.flavor}`;
    return k.kind;
  });
  assert.deepEqual(summary, [
    'partition:tenant', 'partition:day', 'clustering:ts:DESC', 'clustering:Seq:ASC', 'static:owner', 'regular:embedding',
    'regular:payload', 'index:events_ann:vector', 'index:events_owner_idx:secondary', 'index:events_payload_sai:sai',
  ]);
  const specs = kids.map(itemSpec);
  assert.equal(specs[0].description, 'text');
  assert.equal(specs[2].description, 'timestamp DESC');
  assert.equal(specs[4].description, 'text static');
  assert.equal(specs[5].description, 'vector<float, 3>');
  // Each role looks different.
  assert.equal(new Set(specs.slice(0, 6).map((s) => s.icon)).size, 5);
  assert.equal(new Set(specs.slice(7).map((s) => s.icon)).size, 3);
  // Ids are unique (VS Code rejects duplicates).
  assert.equal(new Set(specs.map((s) => s.id)).size, specs.length);
});

test('connection item reflects its state', () => {
  const base = { kind: 'connection' as const, profileId: 'p', name: 'Prod', astra: true };
  const ok = itemSpec({ ...base, state: 'connected' });
  const err = itemSpec({ ...base, state: 'error', error: 'Bad credentials' });
  const off = itemSpec({ ...base, state: 'disconnected' });
  assert.equal(ok.contextValue, 'connection-connected');
  assert.equal(err.contextValue, 'connection-error');
  assert.equal(off.contextValue, 'connection-disconnected');
  // Linked to an Astra database id: the contextValue says so, for the DevOps API actions.
  assert.equal(itemSpec({ ...base, state: 'connected', astraDatabase: true }).contextValue, 'connection-connected-astradb');
  assert.notEqual(ok.icon + ok.iconColor, err.icon + err.iconColor);
  assert.match(err.tooltip ?? '', /Bad credentials/);
  assert.match(off.description ?? '', /Disconnected/);
});

test('every produced contextValue is a declared one', () => {
  const nodes: ExplorerNode[] = [
    { kind: 'keyspace', profileId: 'p', keyspace: 'system', system: true, virtual: false },
    { kind: 'table', profileId: 'p', keyspace: 'system', name: 'local', system: true },
    { kind: 'view', profileId: 'p', keyspace: 'k', name: 'v', baseTable: 't' },
    { kind: 'type', profileId: 'p', keyspace: 'k', name: 'u' },
    { kind: 'field', profileId: 'p', keyspace: 'k', udt: 'u', name: 'f', type: 'int' },
    { kind: 'function', profileId: 'p', keyspace: 'k', name: 'f', argTypes: ['int'] },
    { kind: 'aggregate', profileId: 'p', keyspace: 'k', name: 'a', argTypes: ['int'] },
  ];
  for (const n of nodes) assert.ok((CONTEXT_VALUES as readonly string[]).includes(itemSpec(n).contextValue));
  assert.notEqual(nodeId(nodes[5]), nodeId({ ...nodes[5], argTypes: ['text'] } as ExplorerNode));
});

test('unquoteTarget strips collection wrappers and quotes', () => {
  assert.equal(unquoteTarget('values(m)'), 'm');
  assert.equal(unquoteTarget('keys("Tags")'), 'Tags');
  assert.equal(unquoteTarget('"My""Col"'), 'My"Col');
  assert.equal(unquoteTarget('v'), 'v');
});
