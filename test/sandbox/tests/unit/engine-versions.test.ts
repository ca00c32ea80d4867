// One Cassandra release at a time: 5.0 (default) has vector types and SAI; 4.0 reports 4.0.x and refuses both with
// its own errors. Also the materialized-view options and the keyspace-DDL refusal that imitate real servers / Astra.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '../../errors.js';
import { seedDemo } from '../../seed/demo.js';
import { asObjects, cqlError, fixture } from './engine-helpers.js';

test('5.0 by default: release_version 5.0.x, vector columns and SAI indexes', () => {
  const f = fixture();
  assert.match(String(f.rows("SELECT release_version FROM system.local WHERE key = 'local'")[0].release_version), /^5\.0\.\d+$/);
  f.q('CREATE TABLE docs (id int PRIMARY KEY, v vector<float, 3>, tag text)');
  f.q("CREATE CUSTOM INDEX ON docs (v) USING 'StorageAttachedIndex'");
  f.q("CREATE CUSTOM INDEX ON docs (tag) USING 'sai'");
});

test('4.0 says 4.0.x and refuses vector<…> as a syntax error, in table and ALTER definitions', () => {
  const f = fixture('ks', { cassandraVersion: '4.0' });
  assert.equal(f.rows("SELECT release_version FROM system.local WHERE key = 'local'")[0].release_version, '4.0.11');
  const create = cqlError(() => f.q('CREATE TABLE docs (id int PRIMARY KEY, v vector<float, 3>)'));
  assert.equal(create.code, ErrorCode.SYNTAX);
  // `vector` is an ordinary identifier in 4.0 (a user type name), so the '<' after it is where parsing stops.
  assert.equal(create.message, "line 1:47 mismatched input '<' expecting ')' (...int PRIMARY KEY, v vector[<]...)");
  f.q('CREATE TABLE docs (id int PRIMARY KEY, tag text)');
  const alter = cqlError(() => f.q('ALTER TABLE docs ADD v vector<float, 3>'));
  assert.equal(alter.code, ErrorCode.SYNTAX);
  assert.match(alter.message, /^line 1:29 mismatched input '<' expecting EOF/);
});

test('4.0 has no StorageAttachedIndex class: a configuration error naming it', () => {
  const f = fixture('ks', { cassandraVersion: '4.0' });
  f.q('CREATE TABLE docs (id int PRIMARY KEY, tag text)');
  for (const cls of ['StorageAttachedIndex', 'org.apache.cassandra.index.sai.StorageAttachedIndex']) {
    const e = cqlError(() => f.q(`CREATE CUSTOM INDEX ON docs (tag) USING '${cls}'`));
    assert.equal(e.code, ErrorCode.CONFIG);
    assert.equal(e.message, `Unable to find custom indexer class '${cls}'`);
  }
  f.q('CREATE INDEX ON docs (tag)');
});

test('the demo seed loads on 4.0 without the vector column and index', () => {
  const f = fixture('ks', { cassandraVersion: '4.0' });
  seedDemo(f.engine, { ...f.ctx, keyspace: null }, { vector: false });
  const cols = f.rows("SELECT column_name FROM system_schema.columns WHERE keyspace_name = 'demo' AND table_name = 'all_types'");
  assert.ok(!cols.some((c) => c.column_name === 'c_vector'));
  assert.equal(cols.length, 29);
  assert.equal(asObjects(f.q('SELECT count(*) FROM demo.products')).at(0)?.count, 50n);
});

test('materialized views take table options, refuse default_time_to_live (even 0) and can be altered', () => {
  const f = fixture();
  f.q('CREATE TABLE users (id int PRIMARY KEY, name text)');
  const ttl = cqlError(() =>
    f.q('CREATE MATERIALIZED VIEW by_name AS SELECT * FROM users WHERE name IS NOT NULL AND id IS NOT NULL PRIMARY KEY (name, id) WITH default_time_to_live = 0'),
  );
  assert.equal(ttl.code, ErrorCode.INVALID);
  assert.match(ttl.message, /^Cannot set default_time_to_live for a materialized view\. Data in a materialized view always expire/);
  const bad = cqlError(() =>
    f.q("CREATE MATERIALIZED VIEW by_name AS SELECT * FROM users WHERE name IS NOT NULL AND id IS NOT NULL PRIMARY KEY (name, id) WITH no_such_option = 1"),
  );
  assert.equal(bad.code, ErrorCode.SYNTAX);
  f.q(`CREATE MATERIALIZED VIEW by_name AS SELECT * FROM users WHERE name IS NOT NULL AND id IS NOT NULL PRIMARY KEY (name, id)
       WITH CLUSTERING ORDER BY (id DESC) AND comment = 'by name' AND gc_grace_seconds = 60 AND read_repair = 'NONE'`);
  const view = () => f.rows("SELECT comment, gc_grace_seconds, read_repair, default_time_to_live FROM system_schema.views WHERE keyspace_name = 'ks' AND view_name = 'by_name'")[0];
  assert.deepEqual(view(), { comment: 'by name', gc_grace_seconds: 60, read_repair: 'NONE', default_time_to_live: 0 });
  f.q("ALTER MATERIALIZED VIEW by_name WITH comment = 'renamed'");
  assert.equal(view().comment, 'renamed');
  assert.equal(cqlError(() => f.q('ALTER MATERIALIZED VIEW by_name WITH default_time_to_live = 5')).code, ErrorCode.INVALID);
});

test('refuseKeyspaceDdl refuses CREATE/ALTER/DROP KEYSPACE as Astra does; other DDL still runs', () => {
  const f = fixture();
  const refused = { refuseKeyspaceDdl: true };
  for (const [cql, what] of [
    ["CREATE KEYSPACE other WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", 'CREATE'],
    ["ALTER KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}", 'ALTER'],
    ['DROP KEYSPACE ks', 'DROP'],
  ]) {
    const e = cqlError(() => f.q(cql, null, refused));
    assert.equal(e.code, ErrorCode.UNAUTHORIZED);
    assert.equal(e.message, `User anonymous has no ${what} permission on <all keyspaces> or any of its parents`);
  }
  f.q('CREATE TABLE t (id int PRIMARY KEY)', null, refused);
  assert.ok(f.rows("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'ks'").length === 1);
});
