import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Consistency, ErrorCode } from '../../errors.js';
import { cqlError, fixture } from './engine-helpers.js';

test('Astra refuses weak write consistency levels, allows them for reads', () => {
  const f = fixture();
  f.q('CREATE TABLE t (id int PRIMARY KEY, v int)');
  for (const cl of [Consistency.ANY, Consistency.ONE, Consistency.LOCAL_ONE]) {
    const e = cqlError(() => f.q('INSERT INTO t (id, v) VALUES (1, 1)', null, { astra: true, consistency: cl }));
    assert.equal(e.code, ErrorCode.INVALID);
    assert.match(e.message, /not allowed for Write Consistency Level/);
  }
  const e = cqlError(() => f.q('INSERT INTO t (id, v) VALUES (1, 1)', null, { astra: true, consistency: Consistency.LOCAL_ONE }));
  assert.equal(e.message, 'Provided value LOCAL_ONE is not allowed for Write Consistency Level (disallowed values are: [ANY, ONE, LOCAL_ONE])');
  assert.equal(cqlError(() => f.engine.batch('LOGGED', [{ query: 'DELETE FROM t WHERE id = 1', values: [] }], { ...f.ctx, astra: true, consistency: Consistency.ONE })).code, ErrorCode.INVALID);
  f.q('INSERT INTO t (id, v) VALUES (1, 1)', null, { astra: true, consistency: Consistency.LOCAL_QUORUM });
  assert.equal(f.rows('SELECT * FROM t', { astra: true, consistency: Consistency.LOCAL_ONE }).length, 1);
  f.q('INSERT INTO t (id, v) VALUES (2, 2)', null, { consistency: Consistency.ONE });
  assert.equal(cqlError(() => f.q('SELECT * FROM t', null, { consistency: Consistency.ANY })).message, 'ANY ConsistencyLevel is only supported for writes');
  assert.equal(cqlError(() => f.q('INSERT INTO t (id, v) VALUES (3, 3)', null, { consistency: Consistency.SERIAL })).message,
    'You must use conditional updates for serializable writes');
  f.q('INSERT INTO t (id, v) VALUES (3, 3) IF NOT EXISTS', null, { consistency: Consistency.SERIAL });
});

test('Astra refuses keyspace DDL (unauthorized), functions, aggregates and views; admin context still works', () => {
  const f = fixture();
  const astra = { astra: true };
  for (const cql of [
    `CREATE KEYSPACE k2 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    `ALTER KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}`,
    'DROP KEYSPACE ks',
  ]) {
    const e = cqlError(() => f.q(cql, null, astra));
    assert.equal(e.code, ErrorCode.UNAUTHORIZED, cql);
    assert.match(e.message, /has no (CREATE|ALTER|DROP) permission on <all keyspaces> or any of its parents/);
  }
  f.q('CREATE TABLE base (id int PRIMARY KEY, n int)', null, astra);
  const refusals = [
    `CREATE FUNCTION f (x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x;'`,
    'CREATE MATERIALIZED VIEW mv AS SELECT * FROM base WHERE n IS NOT NULL AND id IS NOT NULL PRIMARY KEY (n, id)',
  ];
  for (const cql of refusals) assert.equal(cqlError(() => f.q(cql, null, astra)).code, ErrorCode.INVALID, cql);
  f.q(`CREATE KEYSPACE k2 WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}`, null, { astra: false });
  assert.ok(f.rows('SELECT keyspace_name FROM system_schema.keyspaces').some((r) => r.keyspace_name === 'k2'));
});

test('Astra ignores unsupported table options with a warning', () => {
  const f = fixture();
  const r = f.q(`CREATE TABLE t (id int PRIMARY KEY) WITH compaction = {'class': 'LeveledCompactionStrategy'} AND comment = 'kept'`, null, { astra: true });
  assert.equal(r.kind, 'schema_change');
  assert.equal(r.warnings?.length, 1);
  assert.match(r.warnings![0], /^Ignoring provided values \[compaction\] as they are not supported for Table Properties\(ignored: \[.*compaction.*\]\)$/);
  const [t] = f.rows(`SELECT comment, compaction FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = 't'`);
  assert.equal(t.comment, 'kept');
  assert.ok((t.compaction as [string, string][]).some(([k, v]) => k === 'class' && v.endsWith('SizeTieredCompactionStrategy')));
  const plain = f.q(`CREATE TABLE t2 (id int PRIMARY KEY) WITH compaction = {'class': 'LeveledCompactionStrategy'}`);
  assert.equal(plain.warnings, undefined);
});

test('Astra refuses setting list elements by index', () => {
  const f = fixture();
  f.q('CREATE TABLE l (id int PRIMARY KEY, xs list<int>)');
  f.q('INSERT INTO l (id, xs) VALUES (1, [1, 2])');
  const e = cqlError(() => f.q('UPDATE l SET xs[0] = 5 WHERE id = 1', null, { astra: true }));
  assert.equal(e.code, ErrorCode.INVALID);
  assert.equal(e.message, 'Setting of list items by index requiring read before write is not allowed');
  f.q('UPDATE l SET xs[0] = 5 WHERE id = 1');
  assert.deepEqual(f.rows('SELECT xs FROM l'), [{ xs: [5, 2] }]);
});
