import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '../../errors.js';
import type { Result } from '../../engine/api.js';
import { parseCqlType } from '../../types/cqltype-text.js';
import { asObjects, bound, cqlError, fixture, type Fixture } from './engine-helpers.js';

function timeSeries(): Fixture {
  const f = fixture();
  f.q('CREATE TABLE ts (k text, c1 int, c2 int, v int, PRIMARY KEY (k, c1, c2)) WITH CLUSTERING ORDER BY (c1 DESC, c2 ASC)');
  for (const k of ['a', 'b']) for (let c1 = 0; c1 < 4; c1++) for (let c2 = 0; c2 < 3; c2++) {
    f.q(`INSERT INTO ts (k, c1, c2, v) VALUES ('${k}', ${c1}, ${c2}, ${c1 * 10 + c2})`);
  }
  return f;
}

const FILTERING =
  'Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING';

const keys = (rows: Record<string, unknown>[]) => rows.map((r) => `${r.c1}.${r.c2}`);

test('rows come back in clustering order (DESC then ASC) and ORDER BY reverses it', () => {
  const f = timeSeries();
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a'`)), ['3.0', '3.1', '3.2', '2.0', '2.1', '2.2', '1.0', '1.1', '1.2', '0.0', '0.1', '0.2']);
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a' ORDER BY c1 ASC, c2 DESC LIMIT 4`)), ['0.2', '0.1', '0.0', '1.2']);
  const merged = f.rows(`SELECT k, c1, c2 FROM ts WHERE k IN ('b', 'a') AND c1 = 1 ORDER BY c1 ASC, c2 DESC LIMIT 3`);
  assert.deepEqual(keys(merged), ['1.2', '1.2', '1.1'], 'IN + ORDER BY merges partitions before LIMIT');
  assert.match(cqlError(() => f.q(`SELECT * FROM ts WHERE k IN ('b', 'a') ORDER BY c1 ASC`, null, { pageSize: 5 })).message, /^Cannot page queries with both ORDER BY and a IN restriction/);
  assert.equal(cqlError(() => f.q(`SELECT * FROM ts WHERE k = 'a' ORDER BY c2 ASC`)).message,
    'Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY');
  assert.equal(cqlError(() => f.q(`SELECT * FROM ts ORDER BY c1 ASC`)).message,
    'ORDER BY is only supported when the partition key is restricted by an EQ or an IN.');
});

test('clustering slices, prefixes, IN and multi-column relations', () => {
  const f = timeSeries();
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a' AND c1 = 2`)), ['2.0', '2.1', '2.2']);
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a' AND c1 = 2 AND c2 > 0`)), ['2.1', '2.2']);
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a' AND c1 >= 1 AND c1 < 3`)), ['2.0', '2.1', '2.2', '1.0', '1.1', '1.2']);
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a' AND c1 IN (0, 3) AND c2 = 1`)), ['3.1', '0.1']);
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a' AND (c1, c2) >= (2, 1) AND (c1, c2) < (3, 1)`)), ['3.0', '2.1', '2.2']);
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a' AND (c1, c2) IN ((1, 1), (0, 2))`)), ['1.1', '0.2']);
  assert.equal(cqlError(() => f.q(`SELECT * FROM ts WHERE k = 'a' AND c2 = 1`)).message,
    'PRIMARY KEY column "c2" cannot be restricted as preceding column "c1" is not restricted');
  assert.deepEqual(keys(f.rows(`SELECT * FROM ts WHERE k = 'a' AND c2 = 1 ALLOW FILTERING`)), ['3.1', '2.1', '1.1', '0.1']);
});

test('filtering requires ALLOW FILTERING unless an index serves the restriction', () => {
  const f = timeSeries();
  const e = cqlError(() => f.q('SELECT * FROM ts WHERE v = 21'));
  assert.equal(e.code, ErrorCode.INVALID);
  assert.equal(e.message, FILTERING);
  assert.equal(f.rows('SELECT * FROM ts WHERE v = 21 ALLOW FILTERING').length, 2);
  f.q('CREATE INDEX ON ts (v)');
  assert.deepEqual(f.rows('SELECT k FROM ts WHERE v = 21').map((r) => r.k).sort(), ['a', 'b']);
  assert.equal(cqlError(() => f.q('SELECT k FROM ts WHERE v = 21 AND c2 = 1')).message, FILTERING);
  f.q('CREATE INDEX ON ts (c2)');
  assert.equal(f.rows('SELECT k FROM ts WHERE c2 = 1').length, 8, 'an index on a clustering column serves it');
  assert.equal(f.rows(`SELECT k FROM ts WHERE k = 'a' AND c2 = 1`).length, 4);
  assert.equal(cqlError(() => f.q(`SELECT * FROM ts WHERE v = 21 AND c2 = 1 AND c1 > 0 AND k > 'a'`)).message,
    'Only EQ and IN relation are supported on the partition key (unless you use the token() function)');
  assert.equal(cqlError(() => f.q(`SELECT * FROM ts WHERE k = 'a' AND v != 3 ALLOW FILTERING`)).message, 'Unsupported "!=" relation: v != 3');
  assert.equal(cqlError(() => f.q(`SELECT * FROM ts WHERE k = 'a' AND c1 = 1 AND c1 = 2`)).message,
    'c1 cannot be restricted by more than one relation if it includes an Equal');
});

test('LIMIT, PER PARTITION LIMIT, DISTINCT, IN on the partition key, token ranges', () => {
  const f = timeSeries();
  assert.equal(f.rows('SELECT * FROM ts LIMIT 5').length, 5);
  const ppl = f.rows('SELECT k, c1, c2 FROM ts PER PARTITION LIMIT 2');
  assert.equal(ppl.length, 4);
  assert.deepEqual(f.rows('SELECT DISTINCT k FROM ts').map((r) => r.k).sort(), ['a', 'b']);
  assert.equal(f.rows(`SELECT * FROM ts WHERE k IN ('b', 'a', 'zz') AND c1 = 0 AND c2 = 0`).length, 2);
  const all = f.rows('SELECT k, token(k) FROM ts');
  const tokens = all.map((r) => r['system.token(k)'] as bigint);
  assert.deepEqual(tokens, [...tokens].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'full scans are in token order');
  const first = tokens[0];
  const after = f.rows(`SELECT DISTINCT k FROM ts WHERE token(k) > ${first}`);
  assert.equal(after.length, 1);
  assert.equal(cqlError(() => f.q('SELECT DISTINCT c1 FROM ts')).message,
    'SELECT DISTINCT queries must only request partition key columns and/or static columns (not c1)');
});

test('IN on the partition key returns partitions in key order (not token order), also across pages', () => {
  const f = timeSeries();
  // token('c') < token('b'), while 'b' < 'c' as text.
  for (let c1 = 0; c1 < 4; c1++) f.q(`INSERT INTO ts (k, c1, c2, v) VALUES ('c', ${c1}, 0, 0)`);
  assert.deepEqual(f.rows('SELECT DISTINCT k FROM ts').map((r) => r.k), ['a', 'c', 'b'], 'scans are in token order');
  assert.deepEqual(f.rows(`SELECT k FROM ts WHERE k IN ('c', 'zz', 'b', 'c') AND c1 = 0 AND c2 = 0`).map((r) => r.k), ['b', 'c'],
    'IN lookups come back in key order, de-duplicated');
  const seen: string[] = [];
  let st: Buffer | undefined;
  do {
    const r = f.q(`SELECT k, c1 FROM ts WHERE k IN ('c', 'b') AND c2 = 0 ALLOW FILTERING`, null, { pageSize: 3, pagingState: st });
    if (r.kind !== 'rows') break;
    seen.push(...r.rows.map((x) => `${x[0]}${x[1]}`));
    st = r.pagingState;
  } while (st);
  assert.deepEqual(seen, ['b3', 'b2', 'b1', 'b0', 'c3', 'c2', 'c1', 'c0']);
});

test('aggregates, GROUP BY, aliases and casts', () => {
  const f = timeSeries();
  const [agg] = f.rows(`SELECT count(*), min(v), max(v), sum(v), avg(v) AS mean FROM ts WHERE k = 'a'`);
  assert.deepEqual(agg, { count: 12n, 'system.min(v)': 0, 'system.max(v)': 32, 'system.sum(v)': 192, mean: 16 });
  const groups = f.rows(`SELECT k, c1, count(*) FROM ts WHERE k = 'b' GROUP BY k, c1`);
  assert.deepEqual(groups.map((g) => [g.c1, g.count]), [[3, 3n], [2, 3n], [1, 3n], [0, 3n]]);
  const [c] = f.rows(`SELECT CAST(v AS text) AS t FROM ts WHERE k = 'a' AND c1 = 1 AND c2 = 2`);
  assert.equal(c.t, '12');
  assert.deepEqual(f.rows(`SELECT count(*) FROM ts WHERE k = 'nope'`), [{ count: 0n }]);
  assert.deepEqual(f.q('SELECT count(*) FROM ts').warnings, ['Aggregation query used without partition key']);
  assert.equal(f.q(`SELECT count(*) FROM ts WHERE k = 'a'`).warnings, undefined);
});

test('SELECT JSON and INSERT JSON round-trip', () => {
  const f = fixture();
  f.q('CREATE TABLE j (id int PRIMARY KEY, "Name" text, tags set<text>, m map<int, boolean>, ts timestamp, b blob, d decimal)');
  f.q(`INSERT INTO j JSON '{"id": 1, "\\"Name\\"": "x", "tags": ["b", "a"], "m": {"2": true}, "ts": "2020-01-02 03:04:05.006Z", "b": "0x0102", "d": "1.50"}'`);
  const [row] = f.rows('SELECT JSON * FROM j');
  assert.deepEqual(JSON.parse(row['[json]'] as string), {
    id: 1, '"Name"': 'x', tags: ['a', 'b'], m: { '2': true }, ts: '2020-01-02 03:04:05.006Z', b: '0x0102', d: 1.5,
  });
  assert.equal(row['[json]'], '{"id": 1, "\\"Name\\"": "x", "b": "0x0102", "d": 1.50, "m": {"2": true}, "tags": ["a", "b"], "ts": "2020-01-02 03:04:05.006Z"}');
  assert.equal(cqlError(() => f.q(`INSERT INTO j JSON '{"id": 2, "zz": 1}'`)).message, 'JSON values map contains unrecognized column: zz');
});

test('static columns and static-only partitions', () => {
  const f = fixture();
  f.q('CREATE TABLE s (k int, c int, st text static, v int, PRIMARY KEY (k, c))');
  f.q(`INSERT INTO s (k, st) VALUES (1, 'only static')`);
  assert.deepEqual(f.rows('SELECT * FROM s'), [{ k: 1, c: null, st: 'only static', v: null }]);
  f.q('INSERT INTO s (k, c, v) VALUES (1, 1, 10)');
  f.q('INSERT INTO s (k, c, v) VALUES (1, 2, 20)');
  assert.deepEqual(f.rows('SELECT * FROM s'), [{ k: 1, c: 1, st: 'only static', v: 10 }, { k: 1, c: 2, st: 'only static', v: 20 }]);
  assert.deepEqual(f.rows('SELECT DISTINCT k, st FROM s'), [{ k: 1, st: 'only static' }]);
});

function page(f: Fixture, cql: string, pageSize: number, state?: Buffer): Result {
  return f.q(cql, null, { pageSize, pagingState: state });
}

test('paging through 10,000 rows in small pages has no duplicates or gaps', () => {
  const f = fixture();
  f.q('CREATE TABLE p (k int, c int, v int, PRIMARY KEY (k, c))');
  const ins = f.engine.prepare('INSERT INTO p (k, c, v) VALUES (?, ?, ?)', f.ctx);
  const int = parseCqlType('int');
  for (let i = 0; i < 10_000; i++) {
    f.engine.execute(ins.id, { positional: [bound(int, i % 37), bound(int, i), bound(int, i * 2)] }, f.ctx);
  }
  for (const [cql, size] of [['SELECT k, c FROM p', 333], ['SELECT k, c FROM p WHERE k = 5 ORDER BY c DESC', 7], ['SELECT k, c FROM p PER PARTITION LIMIT 3', 10]] as const) {
    const seen = new Set<string>();
    let state: Buffer | undefined;
    let pages = 0;
    do {
      const r = page(f, cql, size, state);
      assert.equal(r.kind, 'rows');
      if (r.kind !== 'rows') return;
      assert.ok(r.rows.length <= size);
      for (const row of r.rows) {
        const key = `${row[0]}:${row[1]}`;
        assert.ok(!seen.has(key), `duplicate ${key} in ${cql}`);
        seen.add(key);
      }
      state = r.pagingState;
      pages++;
    } while (state);
    const expected = f.rows(cql).length;
    assert.equal(seen.size, expected, cql);
    assert.equal(pages, Math.max(1, Math.ceil(expected / size)), cql);
  }
  assert.equal(f.rows('SELECT k, c FROM p').length, 10_000);
  const withLimit = page(f, 'SELECT * FROM p LIMIT 25', 10);
  assert.ok(withLimit.kind === 'rows' && withLimit.pagingState);
  let total = withLimit.kind === 'rows' ? withLimit.rows.length : 0;
  let st = withLimit.kind === 'rows' ? withLimit.pagingState : undefined;
  while (st) {
    const r = page(f, 'SELECT * FROM p LIMIT 25', 10, st);
    if (r.kind !== 'rows') break;
    total += r.rows.length;
    st = r.pagingState;
  }
  assert.equal(total, 25);
  const foreign = withLimit.kind === 'rows' ? withLimit.pagingState : undefined;
  const e = cqlError(() => page(f, 'SELECT k FROM p', 10, foreign));
  assert.equal(e.message, 'Invalid value for the paging state');
});

test('prepared SELECT metadata: bind names like Cassandra and result columns', () => {
  const f = timeSeries();
  const p = f.engine.prepare(`SELECT c1, ttl(v), count(*) FROM ts WHERE k = ? AND c1 IN ? LIMIT ?`, f.ctx);
  assert.deepEqual(p.bindVariables.map((b) => b.name), ['k', 'in(c1)', '[limit]']);
  assert.deepEqual(p.bindVariables.map((b) => b.type.kind === 'native' ? b.type.name : b.type.kind), ['text', 'list', 'int']);
  assert.deepEqual(p.resultColumns?.map((c) => c.name), ['c1', 'ttl(v)', 'count']);
  assert.deepEqual(p.pkIndexes, [0]);
  const t = f.engine.prepare('SELECT * FROM ts WHERE token(k) > ? AND token(k) <= token(?) PER PARTITION LIMIT ?', f.ctx);
  assert.deepEqual(t.bindVariables.map((b) => b.name), ['partition key token', 'k', '[per_partition_limit]']);
  assert.deepEqual(t.pkIndexes, []);
  const rows = asObjects(f.engine.execute(p.id, {
    positional: [bound(parseCqlType('text'), 'a'), bound(parseCqlType('list<int>'), [1, 2]), bound(parseCqlType('int'), 100)],
  }, f.ctx));
  assert.equal(rows.length, 1);
});
