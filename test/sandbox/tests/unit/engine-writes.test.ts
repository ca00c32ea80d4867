import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode } from '../../errors.js';
import { parseCqlType } from '../../types/cqltype-text.js';
import { asObjects, bound, cqlError, fixture } from './engine-helpers.js';

test('lightweight transactions report [applied] and the existing values', () => {
  const f = fixture();
  f.q('CREATE TABLE users (id int PRIMARY KEY, name text, age int)');
  const first = f.q(`INSERT INTO users (id, name, age) VALUES (1, 'ann', 30) IF NOT EXISTS`);
  assert.deepEqual(asObjects(first), [{ '[applied]': true }]);
  const again = f.q(`INSERT INTO users (id, name, age) VALUES (1, 'bob', 40) IF NOT EXISTS`);
  assert.ok(again.kind === 'rows');
  assert.deepEqual(again.kind === 'rows' && again.columns.map((c) => c.name), ['[applied]', 'id', 'age', 'name']);
  assert.deepEqual(asObjects(again), [{ '[applied]': false, id: 1, age: 30, name: 'ann' }]);
  assert.deepEqual(asObjects(f.q(`UPDATE users SET age = 31 WHERE id = 1 IF name = 'zed'`)), [{ '[applied]': false, name: 'ann' }]);
  assert.deepEqual(asObjects(f.q(`UPDATE users SET age = 31 WHERE id = 1 IF name = 'ann' AND age < 40`)), [{ '[applied]': true }]);
  assert.deepEqual(asObjects(f.q(`UPDATE users SET age = 1 WHERE id = 9 IF EXISTS`)), [{ '[applied]': false }]);
  assert.deepEqual(asObjects(f.q(`DELETE FROM users WHERE id = 1 IF age IN (30, 31)`)), [{ '[applied]': true }]);
  assert.deepEqual(f.rows('SELECT * FROM users'), []);
});

test('TTL: ttl() counts down, expired cells and rows disappear, default_time_to_live applies', async () => {
  const f = fixture();
  f.q('CREATE TABLE t (id int PRIMARY KEY, a text, b text)');
  f.q(`INSERT INTO t (id, a) VALUES (1, 'short') USING TTL 1`);
  f.q(`UPDATE t USING TTL 100 SET b = 'long' WHERE id = 2`);
  const [r] = f.rows('SELECT ttl(a) FROM t WHERE id = 1');
  assert.equal(r['ttl(a)'], 1);
  const [r2] = f.rows('SELECT ttl(b), writetime(b) FROM t WHERE id = 2');
  assert.ok((r2['ttl(b)'] as number) > 98 && (r2['ttl(b)'] as number) <= 100);
  assert.ok(typeof r2['writetime(b)'] === 'bigint');
  await sleep(1100);
  assert.deepEqual(f.rows('SELECT id FROM t'), [{ id: 2 }]);
  f.q('CREATE TABLE d (id int PRIMARY KEY, v int) WITH default_time_to_live = 50');
  f.q('INSERT INTO d (id, v) VALUES (1, 1)');
  const [dr] = f.rows('SELECT ttl(v) FROM d');
  assert.equal(dr['ttl(v)'], 50);
  assert.equal(cqlError(() => f.q('INSERT INTO t (id, a) VALUES (3, ?) USING TTL -1', { positional: [null] })).message,
    'A TTL must be greater or equal to 0, but was -1');
});

test('USING TIMESTAMP: last write wins by timestamp', () => {
  const f = fixture();
  f.q('CREATE TABLE t (id int PRIMARY KEY, v text)');
  f.q(`INSERT INTO t (id, v) VALUES (1, 'new') USING TIMESTAMP 2000`);
  f.q(`INSERT INTO t (id, v) VALUES (1, 'old') USING TIMESTAMP 1000`);
  assert.deepEqual(f.rows('SELECT v, writetime(v) FROM t'), [{ v: 'new', 'writetime(v)': 2000n }]);
  f.q('DELETE FROM t USING TIMESTAMP 1500 WHERE id = 1');
  assert.equal(f.rows('SELECT * FROM t').length, 1, 'older delete does not remove newer data');
});

test('counters increment and decrement; counter tables refuse plain writes', () => {
  const f = fixture();
  f.q('CREATE TABLE c (id text PRIMARY KEY, hits counter, misses counter)');
  f.q(`UPDATE c SET hits = hits + 5 WHERE id = 'x'`);
  f.q(`UPDATE c SET hits = hits - 2, misses = misses + 1 WHERE id = 'x'`);
  const p = f.engine.prepare('UPDATE c SET hits = hits + ? WHERE id = ?', f.ctx);
  assert.deepEqual(p.bindVariables.map((b) => [b.name, b.type.kind === 'native' && b.type.name]), [['hits', 'bigint'], ['id', 'text']]);
  f.engine.execute(p.id, { positional: [bound(parseCqlType('bigint'), 10n), bound(parseCqlType('text'), 'x')] }, f.ctx);
  assert.deepEqual(f.rows(`SELECT hits, misses FROM c WHERE id = 'x'`), [{ hits: 13n, misses: 1n }]);
  assert.equal(cqlError(() => f.q(`INSERT INTO c (id, hits) VALUES ('y', 1)`)).message, 'INSERT statements are not allowed on counter tables, use UPDATE instead');
  assert.equal(cqlError(() => f.q(`UPDATE c SET hits = 3 WHERE id = 'y'`)).message,
    'Cannot set the value of counter column hits (counters can only be incremented/decremented, not set)');
  const [flags] = f.rows(`SELECT flags FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = 'c'`);
  assert.deepEqual(flags.flags, ['compound', 'counter']);
});

test('collection updates: append, prepend, remove, put, set by index, element delete', () => {
  const f = fixture();
  f.q('CREATE TABLE col (id int PRIMARY KEY, l list<int>, s set<text>, m map<text, int>)');
  f.q(`INSERT INTO col (id, l, s, m) VALUES (1, [1, 2], {'b'}, {'x': 1})`);
  f.q(`UPDATE col SET l = l + [3], s = s + {'a', 'c'}, m = m + {'y': 2} WHERE id = 1`);
  f.q(`UPDATE col SET l = [0] + l, s = s - {'b'}, m['z'] = 26 WHERE id = 1`);
  f.q(`UPDATE col SET l[1] = 10, m = m - {'x'} WHERE id = 1`);
  f.q(`DELETE m['y'], l[0] FROM col WHERE id = 1`);
  assert.deepEqual(f.rows('SELECT l, s, m FROM col'), [{ l: [10, 2, 3], s: ['a', 'c'], m: [['z', 26]] }]);
  f.q(`UPDATE col SET l = l - [2, 3], s = s - {'a', 'c'} WHERE id = 1`);
  assert.deepEqual(f.rows('SELECT l, s FROM col'), [{ l: [10], s: null }]);
  f.q('CREATE TABLE fz (id int PRIMARY KEY, l frozen<list<int>>, s set<int>)');
  f.q('INSERT INTO fz (id, l, s) VALUES (1, [], {})');
  assert.deepEqual(f.rows('SELECT l, s FROM fz'), [{ l: [], s: null }], 'empty frozen values stay empty; empty collections are null');
  assert.equal(cqlError(() => f.q('UPDATE col SET l[5] = 1 WHERE id = 1')).message, 'List index 5 out of bound, list has size 1');
  assert.equal(f.rows(`SELECT * FROM col WHERE m CONTAINS KEY 'z' ALLOW FILTERING`).length, 1);
  assert.equal(f.rows(`SELECT * FROM col WHERE m['z'] = 26 ALLOW FILTERING`).length, 1);
});

test('range and partition deletes', () => {
  const f = fixture();
  f.q('CREATE TABLE r (k int, c int, v int, PRIMARY KEY (k, c))');
  for (let c = 0; c < 10; c++) f.q(`INSERT INTO r (k, c, v) VALUES (1, ${c}, ${c})`);
  f.q('INSERT INTO r (k, c, v) VALUES (2, 0, 0)');
  f.q('DELETE FROM r WHERE k = 1 AND c >= 3 AND c < 7');
  assert.deepEqual(f.rows('SELECT c FROM r WHERE k = 1').map((r) => r.c), [0, 1, 2, 7, 8, 9]);
  f.q('DELETE v FROM r WHERE k = 1 AND c = 0');
  assert.deepEqual(f.rows('SELECT v FROM r WHERE k = 1 AND c = 0'), [{ v: null }]);
  f.q('DELETE FROM r WHERE k = 1');
  assert.deepEqual(f.rows('SELECT k FROM r'), [{ k: 2 }]);
  assert.equal(cqlError(() => f.q('UPDATE r SET v = 1 WHERE k = 1')).message, 'Some clustering keys are missing: c');
  assert.equal(cqlError(() => f.q('UPDATE r SET v = 1 WHERE k = 1 AND c = 1 AND v = 2')).message, 'Non PRIMARY KEY columns found in where clause: v');
});

test('batches: logged, conditional single-partition, counter rules', () => {
  const f = fixture();
  f.q('CREATE TABLE b (k int, c int, v text, PRIMARY KEY (k, c))');
  f.q('CREATE TABLE cnt (k int PRIMARY KEY, n counter)');
  f.q(`BEGIN BATCH INSERT INTO b (k, c, v) VALUES (1, 1, 'a'); INSERT INTO b (k, c, v) VALUES (2, 1, ?); APPLY BATCH`, {
    positional: [bound(parseCqlType('text'), 'b')],
  });
  assert.equal(f.rows('SELECT * FROM b').length, 2);
  const p = f.engine.prepare('UPDATE b SET v = ? WHERE k = ? AND c = ? IF v = ?', f.ctx);
  const text = parseCqlType('text');
  const int = parseCqlType('int');
  const res = f.engine.batch('LOGGED', [
    { id: p.id, values: [bound(text, 'x'), bound(int, 1), bound(int, 1), bound(text, 'a')] },
    { query: `INSERT INTO b (k, c, v) VALUES (1, 2, 'y')`, values: [] },
  ], f.ctx);
  assert.deepEqual(asObjects(res), [{ '[applied]': true }]);
  assert.deepEqual(f.rows('SELECT c, v FROM b WHERE k = 1'), [{ c: 1, v: 'x' }, { c: 2, v: 'y' }]);
  const span = cqlError(() => f.engine.batch('LOGGED', [
    { id: p.id, values: [bound(text, 'x'), bound(int, 1), bound(int, 1), bound(text, 'a')] },
    { query: `INSERT INTO b (k, c, v) VALUES (2, 2, 'y')`, values: [] },
  ], f.ctx));
  assert.equal(span.message, 'Batch with conditions cannot span multiple partitions');
  assert.equal(cqlError(() => f.engine.batch('COUNTER', [{ query: `INSERT INTO b (k, c, v) VALUES (2, 2, 'y')`, values: [] }], f.ctx)).message,
    'Cannot include non-counter statement in a counter batch');
  f.engine.batch('COUNTER', [{ query: 'UPDATE cnt SET n = n + 2 WHERE k = 1', values: [] }, { query: 'UPDATE cnt SET n = n + 3 WHERE k = 1', values: [] }], f.ctx);
  assert.deepEqual(f.rows('SELECT n FROM cnt'), [{ n: 5n }]);
  assert.equal(cqlError(() => f.engine.batch('LOGGED', [{ query: 'SELECT * FROM b', values: [] }], f.ctx)).code, ErrorCode.INVALID);
  const wide = f.engine.batch('UNLOGGED', Array.from({ length: 12 }, (_, i) => ({ query: `INSERT INTO b (k, c, v) VALUES (${i}, 0, 'w')`, values: [] })), f.ctx);
  assert.deepEqual(wide.warnings, ['Unlogged batch covering 12 partitions detected against table [ks.b]. You should use a logged batch for atomicity, or asynchronous writes for performance.']);
  const sys = cqlError(() => f.q(`INSERT INTO system.local (key) VALUES ('x')`));
  assert.equal(sys.code, ErrorCode.UNAUTHORIZED);
  assert.equal(sys.message, 'system keyspace is not user-modifiable.');
});

test('now(), uuid(), toTimestamp(), toDate(), currentTimestamp() in writes and selects', () => {
  const f = fixture();
  f.q('CREATE TABLE ev (id timeuuid PRIMARY KEY, u uuid, at timestamp, d date)');
  const before = Date.now();
  f.q('INSERT INTO ev (id, u, at, d) VALUES (now(), uuid(), toTimestamp(now()), toDate(now()))');
  f.q('INSERT INTO ev (id, u, at, d) VALUES (now(), uuid(), currentTimestamp(), currentDate())');
  const rows = f.rows('SELECT id, u, at, d, toTimestamp(id) AS t FROM ev');
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.match(String(r.id), /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-/);
    assert.match(String(r.u), /^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    assert.ok(Number(r.at) >= before && Number(r.at) <= Date.now());
    assert.ok(Math.abs(Number(r.t) - Number(r.at)) < 1000);
    assert.equal(r.d, Math.floor(Date.now() / 86400000));
  }
});

test('prepared modification metadata names bind variables like Cassandra', () => {
  const f = fixture();
  f.q('CREATE TABLE pm (k int, c text, m map<text, int>, l list<int>, v text, PRIMARY KEY ((k), c))');
  const p = f.engine.prepare('UPDATE pm USING TTL ? AND TIMESTAMP ? SET m[?] = ?, l = l + ? WHERE k = ? AND c IN ? IF v = ?', f.ctx);
  assert.deepEqual(p.bindVariables.map((b) => b.name), ['[ttl]', '[timestamp]', 'key(m)', 'value(m)', 'l', 'k', 'in(c)', 'v']);
  assert.deepEqual(p.bindVariables.map((b) => (b.type.kind === 'native' ? b.type.name : b.type.kind)), ['int', 'bigint', 'text', 'int', 'list', 'int', 'list', 'text']);
  assert.deepEqual(p.pkIndexes, [5]);
  const d = f.engine.prepare('DELETE l[?] FROM pm WHERE k = :key AND c = :col', f.ctx);
  assert.deepEqual(d.bindVariables.map((b) => b.name), ['idx(l)', 'key', 'col']);
  assert.deepEqual(d.pkIndexes, [1]);
  const j = f.engine.prepare('INSERT INTO pm JSON ?', f.ctx);
  assert.deepEqual(j.bindVariables.map((b) => b.name), ['[json]']);
});

test('an empty one-column partition key is refused as Cassandra does; an empty part of a composite key is kept', () => {
  const f = fixture();
  f.q('CREATE TABLE b (k blob PRIMARY KEY, v int)');
  f.q('CREATE TABLE s (k text PRIMARY KEY, v int)');
  f.q('CREATE TABLE c (a text, b int, v int, PRIMARY KEY ((a, b)))');
  for (const cql of [`INSERT INTO b (k, v) VALUES (0x, 1)`, `UPDATE s SET v = 1 WHERE k = ''`, `DELETE FROM s WHERE k = ''`]) {
    const e = cqlError(() => f.q(cql));
    assert.equal(e.code, ErrorCode.INVALID, cql);
    assert.equal(e.message, 'Key may not be empty', cql);
  }
  f.q(`INSERT INTO c (a, b, v) VALUES ('', 1, 2)`);
  assert.deepEqual(f.rows(`SELECT v FROM c WHERE a = '' AND b = 1`), [{ v: 2 }]);
});
