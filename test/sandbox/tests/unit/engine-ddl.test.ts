import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '../../errors.js';
import type { SchemaChange } from '../../engine/api.js';
import { asObjects, cqlError, fixture } from './engine-helpers.js';

test('CREATE TABLE shows up in system_schema.tables/columns with Cassandra 4 shapes', () => {
  const f = fixture();
  f.q(`CREATE TABLE t (k text, c1 int, c2 timeuuid, st text static, v map<text, frozen<list<int>>>, a int,
       PRIMARY KEY ((k), c1, c2)) WITH CLUSTERING ORDER BY (c1 DESC, c2 ASC) AND comment = 'hello' AND default_time_to_live = 60`);
  const [table] = f.rows(`SELECT * FROM system_schema.tables WHERE keyspace_name='ks' AND table_name='t'`);
  assert.equal(table.comment, 'hello');
  assert.equal(table.default_time_to_live, 60);
  assert.deepEqual(table.flags, ['compound']);
  assert.match(String(table.id), /^[0-9a-f-]{36}$/);
  const cols = f.rows(`SELECT * FROM system_schema.columns WHERE keyspace_name='ks' AND table_name='t'`);
  const byName = Object.fromEntries(cols.map((c) => [c.column_name, c]));
  assert.deepEqual(Object.keys(byName).sort(), ['a', 'c1', 'c2', 'k', 'st', 'v']);
  assert.equal(byName.k.kind, 'partition_key');
  assert.equal(byName.k.position, 0);
  assert.equal(byName.k.clustering_order, 'none');
  assert.equal(byName.c1.clustering_order, 'desc');
  assert.equal(byName.c2.clustering_order, 'asc');
  assert.equal(byName.c2.position, 1);
  assert.equal(byName.st.kind, 'static');
  assert.equal(byName.a.position, -1);
  assert.equal(byName.v.type, 'map<text, frozen<list<int>>>');
  assert.deepEqual(byName.v.column_name_bytes, Buffer.from('v'));
});

test('system keyspaces are listed with their replication, user keyspaces keep theirs verbatim', () => {
  const f = fixture();
  f.q(`CREATE KEYSPACE nts WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3'} AND durable_writes = false`);
  const ks = Object.fromEntries(f.rows('SELECT * FROM system_schema.keyspaces').map((r) => [r.keyspace_name, r]));
  for (const name of ['system', 'system_schema', 'system_auth', 'system_distributed', 'system_traces', 'ks', 'nts']) assert.ok(ks[name], name);
  assert.deepEqual(ks.nts.replication, [['class', 'org.apache.cassandra.locator.NetworkTopologyStrategy'], ['dc1', '3']]);
  assert.equal(ks.nts.durable_writes, false);
  const tables = f.rows(`SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'system_schema'`).map((r) => r.table_name);
  assert.deepEqual(tables, ['aggregates', 'columns', 'dropped_columns', 'functions', 'indexes', 'keyspaces', 'tables', 'triggers', 'types', 'views']);
});

test('system.local answers the driver query with the node identity and schema version', () => {
  const f = fixture();
  const [local] = f.rows(`SELECT * FROM system.local WHERE key='local'`);
  assert.equal(local.host_id, f.ctx.node.hostId);
  assert.equal(local.cluster_name, 'Test Cluster');
  assert.equal(local.schema_version, f.engine.schemaVersion());
  assert.equal(local.partitioner, 'org.apache.cassandra.dht.Murmur3Partitioner');
  assert.deepEqual(local.tokens, ['-9000000000000000000']);
  assert.ok(!('dse_version' in local) && !('workload' in local) && !('workloads' in local));
  const peersV2 = f.q('SELECT * FROM system.peers_v2', null, {
    peers: [{ hostId: 'aaaaaaaa-0000-4000-8000-000000000000', address: '127.0.0.2', port: 9043, dataCenter: 'dc1', rack: 'r1', tokens: ['1'] }],
  });
  const [peer] = asObjects(peersV2);
  assert.equal(peer.native_address, '127.0.0.2');
  assert.equal(peer.native_port, 9043);
  assert.deepEqual(asObjects(f.q('SELECT * FROM system.peers')), []);
});

test('each DDL changes the schema version and notifies listeners', () => {
  const f = fixture();
  const seen: SchemaChange[] = [];
  const off = f.engine.onSchemaChange((c) => seen.push(c));
  const v0 = f.engine.schemaVersion();
  f.q('CREATE TYPE addr (street text, zip int)');
  f.q('CREATE TABLE u (id int PRIMARY KEY, a frozen<addr>)');
  f.q('ALTER TABLE u ADD n int');
  f.q('CREATE INDEX ON u (n)');
  f.q('DROP TABLE u');
  off();
  f.q('DROP TYPE addr');
  assert.notEqual(f.engine.schemaVersion(), v0);
  assert.deepEqual(seen.map((c) => `${c.change} ${c.target} ${c.name}`), [
    'CREATED TYPE addr', 'CREATED TABLE u', 'UPDATED TABLE u', 'UPDATED TABLE u', 'DROPPED TABLE u',
  ]);
});

test('IF NOT EXISTS / IF EXISTS are quiet, otherwise Cassandra errors', () => {
  const f = fixture();
  assert.equal(f.q(`CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`).kind, 'void');
  const e = cqlError(() => f.q(`CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`));
  assert.equal(e.code, ErrorCode.ALREADY_EXISTS);
  assert.equal(e.message, 'Cannot add existing keyspace "ks"');
  assert.deepEqual(e.extra, { kind: 'already_exists', keyspace: 'ks', table: '' });
  f.q('CREATE TABLE t (id int PRIMARY KEY)');
  const te = cqlError(() => f.q('CREATE TABLE t (id int PRIMARY KEY)'));
  assert.equal(te.code, ErrorCode.ALREADY_EXISTS);
  assert.deepEqual(te.extra, { kind: 'already_exists', keyspace: 'ks', table: 't' });
  assert.equal(f.q('DROP TABLE IF EXISTS nope').kind, 'void');
  assert.equal(f.q('DROP KEYSPACE IF EXISTS nope').kind, 'void');
  assert.equal(cqlError(() => f.q('DROP TABLE nope')).message, "Table 'ks.nope' doesn't exist");
});

test('schema errors use Cassandra 4.0 wording', () => {
  const f = fixture();
  const cases: [string, string][] = [
    ['SELECT * FROM nope', 'unconfigured table nope'],
    ['SELECT * FROM other.t', 'Keyspace other does not exist'],
    ['CREATE TABLE x (a int, b int)', "No PRIMARY KEY specifed for table 'x' (exactly one required)"],
    ['CREATE TABLE x (a int PRIMARY KEY, c counter, d int)', 'Cannot mix counter and non counter columns in the same table'],
    ['CREATE TABLE x (a int, b int, PRIMARY KEY (a, z))', 'Unknown definition z referenced in PRIMARY KEY'],
  ];
  for (const [cql, msg] of cases) {
    const e = cqlError(() => f.q(cql));
    assert.equal(e.code, ErrorCode.INVALID, cql);
    assert.equal(e.message, msg);
  }
  const noKs = cqlError(() => f.q('SELECT * FROM t', null, { keyspace: null }));
  assert.equal(noKs.message, 'No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename');
  assert.deepEqual(f.q('USE ks'), { kind: 'set_keyspace', keyspace: 'ks' });
});

test('ALTER TABLE add/drop/rename and dropped_columns', () => {
  const f = fixture();
  f.q('CREATE TABLE t (id int, c int, v text, PRIMARY KEY (id, c))');
  f.q(`INSERT INTO t (id, c, v) VALUES (1, 1, 'x')`);
  f.q('ALTER TABLE t ADD w int');
  f.q('ALTER TABLE t DROP v');
  f.q('ALTER TABLE t RENAME c TO cc');
  assert.deepEqual(f.rows('SELECT * FROM t'), [{ id: 1, cc: 1, w: null }]);
  const [dropped] = f.rows(`SELECT * FROM system_schema.dropped_columns WHERE keyspace_name = 'ks'`);
  assert.equal(dropped.column_name, 'v');
  assert.equal(dropped.type, 'text');
  assert.equal(cqlError(() => f.q('ALTER TABLE t DROP id')).message, 'Cannot drop PRIMARY KEY column id');
  assert.equal(cqlError(() => f.q('ALTER TABLE t RENAME w TO z')).message, 'Cannot rename non PRIMARY KEY column w');
});

test('indexes (regular and SAI with options) and types, functions, views reach system_schema', () => {
  const f = fixture();
  f.q('CREATE TYPE addr (street text, zip int)');
  f.q('CREATE TABLE t (id int PRIMARY KEY, v vector<float, 3>, tags set<text>, a frozen<addr>)');
  f.q(`CREATE CUSTOM INDEX v_idx ON t (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'DOT_PRODUCT'}`);
  f.q('CREATE INDEX ON t (tags)');
  const idx = Object.fromEntries(f.rows(`SELECT * FROM system_schema.indexes WHERE keyspace_name = 'ks' AND table_name = 't'`).map((r) => [r.index_name, r]));
  assert.equal(idx.v_idx.kind, 'CUSTOM');
  assert.deepEqual(idx.v_idx.options, [['class_name', 'StorageAttachedIndex'], ['similarity_function', 'DOT_PRODUCT'], ['target', 'v']]);
  assert.deepEqual(idx.t_tags_idx.options, [['target', 'values(tags)']]);
  const [type] = f.rows(`SELECT * FROM system_schema.types WHERE keyspace_name = 'ks'`);
  assert.deepEqual(type.field_names, ['street', 'zip']);
  assert.deepEqual(type.field_types, ['text', 'int']);
  const cols = f.rows(`SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = 'ks' AND table_name = 't'`);
  assert.deepEqual(cols.find((c) => c.column_name === 'v')?.type, 'vector<float, 3>');
  assert.deepEqual(cols.find((c) => c.column_name === 'a')?.type, 'frozen<addr>');
  f.q(`CREATE FUNCTION twice (x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x * 2;'`);
  const [fn] = f.rows(`SELECT * FROM system_schema.functions WHERE keyspace_name = 'ks'`);
  assert.deepEqual(fn.argument_types, ['int']);
  assert.equal(fn.return_type, 'int');
  f.q('CREATE TABLE base (id int PRIMARY KEY, n int)');
  f.q('CREATE MATERIALIZED VIEW by_n AS SELECT * FROM base WHERE n IS NOT NULL AND id IS NOT NULL PRIMARY KEY (n, id)');
  const [view] = f.rows(`SELECT * FROM system_schema.views WHERE keyspace_name = 'ks'`);
  assert.equal(view.base_table_name, 'base');
  assert.equal(view.where_clause, 'n IS NOT NULL AND id IS NOT NULL');
  f.q('INSERT INTO base (id, n) VALUES (1, 20)');
  f.q('INSERT INTO base (id, n) VALUES (2, 10)');
  f.q('INSERT INTO base (id) VALUES (3)');
  assert.deepEqual(f.rows('SELECT n, id FROM by_n WHERE n = 10'), [{ n: 10, id: 2 }]);
  assert.equal(f.rows('SELECT * FROM by_n').length, 2, 'rows with a null view key are left out');
  assert.equal(cqlError(() => f.q('INSERT INTO by_n (n, id) VALUES (1, 1)')).message, 'Cannot directly modify a materialized view');
});

test('system_virtual_schema tables answer with typed rows', () => {
  const f = fixture();
  const ks = f.rows('SELECT * FROM system_virtual_schema.keyspaces').map((r) => r.keyspace_name);
  assert.ok(ks.includes('system_virtual_schema'));
  const cols = f.rows(`SELECT * FROM system_virtual_schema.columns WHERE keyspace_name = 'system_virtual_schema' AND table_name = 'tables'`);
  assert.deepEqual(cols.map((c) => c.column_name), ['comment', 'keyspace_name', 'table_name']);
});

test('server-side DESCRIBE returns create statements', () => {
  const f = fixture();
  f.q('CREATE TABLE t (k int, c text, v list<int>, PRIMARY KEY ((k), c)) WITH CLUSTERING ORDER BY (c DESC)');
  const [row] = f.rows('DESCRIBE TABLE t');
  assert.equal(row.type, 'table');
  assert.match(String(row.create_statement), /^CREATE TABLE ks\.t \(\n    k int,\n    c text,\n    v list<int>,\n    PRIMARY KEY \(k, c\)\n\) WITH CLUSTERING ORDER BY \(c DESC\)/);
  const ks = f.rows('DESCRIBE KEYSPACE ks');
  assert.deepEqual(ks.map((r) => r.type), ['keyspace', 'table']);
  assert.match(String(ks[0].create_statement), /^CREATE KEYSPACE ks WITH replication = \{'class': 'org\.apache\.cassandra\.locator\.SimpleStrategy', 'replication_factor': '1'\}/);
  assert.equal(cqlError(() => f.q('CREATE TABLE nope.t (a int PRIMARY KEY)')).message, "Keyspace 'nope' doesn't exist");
});
