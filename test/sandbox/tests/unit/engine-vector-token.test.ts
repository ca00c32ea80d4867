import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ErrorCode } from '../../errors.js';
import { parseCqlType } from '../../types/cqltype-text.js';
import { serializePartitionKey } from '../../engine/keys.js';
import { asObjects, bound, cqlError, fixture, HOST_A, HOST_B } from './engine-helpers.js';

const require = createRequire(import.meta.url);
const { Murmur3Tokenizer } = require('cassandra-driver/lib/tokenizer.js');

test('token() matches the npm driver Murmur3 tokenizer for single and composite keys', () => {
  const f = fixture();
  const tokenizer = new Murmur3Tokenizer();
  f.q('CREATE TABLE one (k text PRIMARY KEY)');
  f.q('CREATE TABLE two (a int, b uuid, PRIMARY KEY ((a, b)))');
  // No '': Cassandra refuses an empty one-column partition key (engine-writes.test.ts).
  const texts = ['a', 'hello world', 'ünïcødé', 'x'.repeat(33)];
  for (const k of texts) f.q(`INSERT INTO one (k) VALUES ('${k}')`);
  for (const row of f.rows('SELECT k, token(k) FROM one')) {
    const expected = tokenizer.hash(Buffer.from(row.k as string, 'utf8')).getValue().toString();
    assert.equal((row['system.token(k)'] as bigint).toString(), expected, String(row.k));
  }
  const keys: [number, string][] = [[1, '3f2504e0-4f89-41d3-9a0c-0305e82c3301'], [-77, '00000000-0000-4000-8000-000000000000']];
  for (const [a, b] of keys) f.q(`INSERT INTO two (a, b) VALUES (${a}, ${b})`);
  for (const row of f.rows('SELECT a, b, token(a, b) FROM two')) {
    const key = serializePartitionKey([parseCqlType('int'), parseCqlType('uuid')], [row.a, row.b]);
    assert.equal((row['system.token(a, b)'] as bigint).toString(), tokenizer.hash(key).getValue().toString());
  }
  // WHERE token(k) = token('a') finds exactly that partition.
  assert.deepEqual(f.rows(`SELECT k FROM one WHERE token(k) = token('a')`), [{ k: 'a' }]);
});

function vectors() {
  const f = fixture();
  f.q('CREATE TABLE items (id int PRIMARY KEY, v vector<float, 2>)');
  const rows: [number, number[]][] = [[1, [1, 0]], [2, [0, 1]], [3, [3, 3]], [4, [-1, 0]], [5, [0.5, 0.1]]];
  for (const [id, v] of rows) f.q(`INSERT INTO items (id, v) VALUES (${id}, [${v.join(', ')}])`);
  return f;
}

test('ANN ordering uses the SAI similarity function (cosine, dot product, euclidean)', () => {
  const expected: Record<string, number[]> = {
    COSINE: [1, 5, 3], // angle to [1, 0.02]: 1.1°, 10.2°, 44°
    DOT_PRODUCT: [3, 1, 5], // dot with [1, 0.02]: 3.06, 1, 0.502
    EUCLIDEAN: [1, 5, 2], // distance to [1, 0.02]: 0.02, 0.51, 1.4
  };
  for (const [fn, ids] of Object.entries(expected)) {
    const f = vectors();
    f.q(`CREATE CUSTOM INDEX ON items (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': '${fn}'}`);
    const got = f.rows('SELECT id FROM items ORDER BY v ANN OF [1, 0.02] LIMIT 3').map((r) => r.id);
    assert.deepEqual(got, ids, fn);
    const p = f.engine.prepare('SELECT id, similarity_cosine(v, ?) FROM items ORDER BY v ANN OF ? LIMIT ?', f.ctx);
    assert.deepEqual(p.bindVariables.map((b) => b.name), ['v', 'v', '[limit]']);
  }
  const f = vectors();
  f.q(`CREATE CUSTOM INDEX ON items (v) USING 'StorageAttachedIndex'`);
  const [top] = f.rows('SELECT id, similarity_cosine(v, [1, 0]) AS s FROM items ORDER BY v ANN OF [1, 0] LIMIT 1');
  assert.deepEqual(top, { id: 1, s: 1 });
});

test('ANN without a SAI index or LIMIT is refused', () => {
  const f = vectors();
  assert.equal(cqlError(() => f.q('SELECT id FROM items ORDER BY v ANN OF [1, 0] LIMIT 3')).message,
    "ANN ordering by vector requires the column to be indexed using 'StorageAttachedIndex'");
  f.q(`CREATE CUSTOM INDEX ON items (v) USING 'StorageAttachedIndex'`);
  assert.match(cqlError(() => f.q('SELECT id FROM items ORDER BY v ANN OF [1, 0]')).message, /requires a LIMIT/);
});

test('prepared ids are md5(keyspace + query) and the cache is per node', () => {
  const f = fixture();
  f.q('CREATE TABLE t (id int PRIMARY KEY, v text)');
  const p = f.engine.prepare('INSERT INTO t (id, v) VALUES (?, ?)', f.ctx);
  const md5 = require('node:crypto').createHash('md5').update('ksINSERT INTO t (id, v) VALUES (?, ?)').digest();
  assert.deepEqual(p.id, md5);
  assert.deepEqual(p.bindVariables.map((b) => [b.keyspace, b.table, b.name]), [['ks', 't', 'id'], ['ks', 't', 'v']]);
  assert.equal(p.resultColumns, null);
  const values = { positional: [bound(parseCqlType('int'), 1), bound(parseCqlType('text'), 'x')] };
  const other = { ...f.ctx, node: { ...f.ctx.node, hostId: HOST_B } };
  const e = cqlError(() => f.engine.execute(p.id, values, other));
  assert.equal(e.code, ErrorCode.UNPREPARED);
  assert.deepEqual(e.extra, { kind: 'unprepared', id: p.id });
  f.engine.prepare('INSERT INTO t (id, v) VALUES (?, ?)', other);
  assert.equal(f.engine.execute(p.id, values, other).kind, 'void');
  f.engine.clearPrepared(HOST_A);
  assert.equal(cqlError(() => f.engine.execute(p.id, values, f.ctx)).code, ErrorCode.UNPREPARED);
  assert.equal(f.engine.execute(p.id, values, other).kind, 'void');
  assert.deepEqual(asObjects(f.q('SELECT * FROM t')), [{ id: 1, v: 'x' }]);
});

test('tracing writes a system_traces session and returns its id', () => {
  const f = fixture();
  f.q('CREATE TABLE t (id int PRIMARY KEY)');
  const r = f.q('SELECT * FROM t', null, { tracing: true });
  assert.match(r.traceId ?? '', /^[0-9a-f-]{36}$/);
  const [session] = f.rows(`SELECT * FROM system_traces.sessions WHERE session_id = ${r.traceId}`);
  assert.equal(session.request, 'Execute CQL3 query');
  assert.ok(f.rows(`SELECT activity FROM system_traces.events WHERE session_id = ${r.traceId}`).length > 0);
});
