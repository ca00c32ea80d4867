import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CqlError, ErrorCode } from '../../errors.js';
import type { Batch, CreateIndex, CreateTable, Delete, Insert, Select, Statement, Update } from '../../engine/ast.js';
import { parseCql } from '../../engine/parser.js';
import { CORPUS } from './parser-corpus.js';

const parse = (cql: string): Statement => parseCql(cql).statement;

function syntaxError(cql: string): string {
  try {
    parseCql(cql);
  } catch (e) {
    assert.ok(e instanceof CqlError, `not a CqlError: ${String(e)}`);
    assert.equal(e.code, ErrorCode.SYNTAX, e.message);
    return e.message;
  }
  assert.fail(`expected a syntax error for: ${cql}`);
}

describe('sandbox CQL parser: corpus', () => {
  for (const cql of CORPUS) {
    it(`parses ${cql.replace(/\s+/g, ' ').slice(0, 90)}`, () => {
      assert.ok(parse(cql).kind);
    });
  }
});

describe('sandbox CQL parser: AST shapes', () => {
  it('normalizes identifiers: unquoted lower-cased, quoted kept with "" unescaped', () => {
    const s = parse('SELECT "Name", Age, "with""q" FROM MyKs."Tbl" WHERE ID = 1') as Select;
    assert.deepEqual(s.table, { keyspace: 'myks', name: 'Tbl' });
    assert.deepEqual(s.selectors, [
      { selector: { kind: 'column', name: 'Name' }, text: '"Name"' },
      { selector: { kind: 'column', name: 'age' }, text: 'Age' },
      { selector: { kind: 'column', name: 'with"q' }, text: '"with""q"' },
    ]);
    assert.deepEqual(s.where, [{ kind: 'column', column: 'id', op: '=', value: { kind: 'integer', text: '1' } }]);
  });

  it('keeps literal text exact and decodes strings', () => {
    const ins = parse(
      "INSERT INTO t (a, b, c, d, e, f, g, h) VALUES (-123456789012345678901234567890, 'it''s', $$ a 'b' $$, 0xAbC, 0x, 1.50, -Infinity, 3h2m)",
    ) as Insert;
    assert.deepEqual(ins.values, [
      { kind: 'integer', text: '-123456789012345678901234567890' },
      { kind: 'string', value: "it's" },
      { kind: 'string', value: " a 'b' " },
      { kind: 'blob', hex: 'abc' },
      { kind: 'blob', hex: '' },
      { kind: 'float', text: '1.50' },
      { kind: 'float', text: '-Infinity' },
      { kind: 'duration', text: '3h2m' },
    ]);
  });

  it('distinguishes list, set, map, UDT, tuple literals and type hints', () => {
    const ins = parse("INSERT INTO t (a, b, c, d, e, f, g) VALUES ([1], {1}, {'k': 2}, {f: 3}, (4, 'x'), (bigint) 5, {})") as Insert;
    assert.deepEqual(ins.values.map((v) => v.kind), ['list', 'set', 'map', 'udt', 'tuple', 'typeHint', 'map']);
    assert.deepEqual(ins.values[3], { kind: 'udt', fields: [{ name: 'f', value: { kind: 'integer', text: '3' } }] });
    assert.deepEqual(ins.values[5], { kind: 'typeHint', type: 'bigint', term: { kind: 'integer', text: '5' } });
  });

  it('numbers bind markers in source order across a text batch, keeping names', () => {
    const { statement, bindMarkers } = parseCql(
      'BEGIN BATCH USING TIMESTAMP ? INSERT INTO t (k, v) VALUES (?, :val); UPDATE t SET v = ? WHERE k = :Key APPLY BATCH',
    );
    const batch = statement as Batch;
    assert.equal(batch.type, 'LOGGED');
    assert.deepEqual(batch.using.timestamp, { kind: 'bind', index: 0 });
    assert.deepEqual(bindMarkers, [
      { kind: 'bind', index: 0 },
      { kind: 'bind', index: 1 },
      { kind: 'bind', index: 2, name: 'val' },
      { kind: 'bind', index: 3 },
      { kind: 'bind', index: 4, name: 'key' },
    ]);
    assert.deepEqual(batch.statements.map((s) => s.kind), ['insert', 'update']);
  });

  it('models every UPDATE assignment form', () => {
    const u = parse(
      "UPDATE t USING TTL 5 SET a = 1, l = l + [2], l = [0] + l, s = s - {'x'}, c = c -1, m['k'] = 'v', u.f = 3, n += 4 WHERE k = 0 IF a = 1 AND m['k'] IN ('v', 'w')",
    ) as Update;
    assert.deepEqual(u.using, { ttl: { kind: 'integer', text: '5' } });
    assert.deepEqual(u.assignments.map((a) => [a.kind, a.column]), [
      ['set', 'a'], ['add', 'l'], ['prepend', 'l'], ['subtract', 's'], ['subtract', 'c'],
      ['setElement', 'm'], ['setField', 'u'], ['add', 'n'],
    ]);
    assert.deepEqual(u.assignments[4], { kind: 'subtract', column: 'c', value: { kind: 'integer', text: '1' } });
    assert.deepEqual(u.if, {
      kind: 'conditions',
      conditions: [
        { kind: 'compare', column: 'a', op: '=', value: { kind: 'integer', text: '1' } },
        { kind: 'in', column: 'm', element: { kind: 'string', value: 'k' }, values: [{ kind: 'string', value: 'v' }, { kind: 'string', value: 'w' }] },
      ],
    });
  });

  it('refuses X = Y + 1 with Cassandra\'s message', () => {
    assert.equal(syntaxError('UPDATE t SET a = b + 1 WHERE k = 0'), 'Only expressions of the form X = X +<value> are supported.');
  });

  it('parses DELETE targets and USING TIMESTAMP', () => {
    const d = parse("DELETE v, m['k'], a.b FROM t USING TIMESTAMP 7 WHERE k = 1 IF EXISTS") as Delete;
    assert.deepEqual(d.targets, [{ column: 'v' }, { column: 'm', element: { kind: 'string', value: 'k' } }, { column: 'a', field: 'b' }]);
    assert.deepEqual(d.using, { timestamp: { kind: 'integer', text: '7' } });
    assert.deepEqual(d.if, { kind: 'exists' });
  });

  it('parses CREATE TABLE keys, static columns, clustering order and options', () => {
    const t = parse(`CREATE TABLE IF NOT EXISTS ks.t (a int, b text, c timeuuid, s map<text, frozen<list<int>>> STATIC,
      PRIMARY KEY ((a, b), c)) WITH CLUSTERING ORDER BY (c DESC) AND comment = 'hi' AND compaction = {'class': 'X', 'n': 4}`) as CreateTable;
    assert.deepEqual(t.partitionKey, ['a', 'b']);
    assert.deepEqual(t.clusteringColumns, ['c']);
    assert.deepEqual(t.columns[3], { name: 's', type: 'map<text, frozen<list<int>>>', static: true });
    assert.deepEqual(t.clusteringOrder, [{ column: 'c', order: 'DESC' }]);
    assert.deepEqual(t.options, [
      { name: 'comment', value: { kind: 'constant', text: 'hi', literal: 'string' } },
      { name: 'compaction', value: { kind: 'map', entries: [['class', 'X'], ['n', '4']] } },
    ]);
    assert.equal(t.ifNotExists, true);
  });

  it('parses SAI index creation with options', () => {
    const i = parse("CREATE CUSTOM INDEX IF NOT EXISTS ON vec (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'DOT_PRODUCT'}") as CreateIndex;
    assert.equal(i.name, undefined);
    assert.equal(i.custom, true);
    assert.deepEqual(i.targets, [{ column: 'embedding', mode: 'simple' }]);
    assert.equal(i.using, 'StorageAttachedIndex');
    assert.deepEqual(i.options, [['similarity_function', 'DOT_PRODUCT']]);
    const k = parse('CREATE INDEX idx ON t (KEYS(m))') as CreateIndex;
    assert.deepEqual(k.targets, [{ column: 'm', mode: 'keys' }]);
  });

  it('parses SELECT clauses: json/distinct keywords vs columns, relations, ordering, limits', () => {
    const s = parse(
      'SELECT JSON DISTINCT k, token(k) FROM t WHERE token(k) > ? AND k IN (1, 2) AND (c, d) >= (1, 2) AND v CONTAINS KEY 3 PER PARTITION LIMIT 2 LIMIT 10 ALLOW FILTERING',
    ) as Select;
    assert.equal(s.json, true);
    assert.equal(s.distinct, true);
    assert.deepEqual(s.where.map((r) => r.kind), ['token', 'in', 'multiColumn', 'column']);
    assert.deepEqual(s.perPartitionLimit, { kind: 'integer', text: '2' });
    assert.deepEqual(s.limit, { kind: 'integer', text: '10' });
    assert.equal(s.allowFiltering, true);
    const cols = parse('SELECT json, distinct FROM t') as Select;
    assert.equal(cols.json, false);
    assert.deepEqual(cols.selectors, [
      { selector: { kind: 'column', name: 'json' }, text: 'json' },
      { selector: { kind: 'column', name: 'distinct' }, text: 'distinct' },
    ]);
  });

  it('parses selectors: count(*), ttl/writetime, CAST, aliases, vector similarity and ANN ordering', () => {
    const s = parse('SELECT count(*), ttl(v) AS t, writetime(v), CAST(k AS text), similarity_cosine(e, [1.0, 2.0]) FROM t ORDER BY e ANN OF [1.0, 2.0] LIMIT 3') as Select;
    assert.ok(Array.isArray(s.selectors));
    const sel = s.selectors as Exclude<Select['selectors'], '*'>;
    assert.deepEqual(sel[0], { selector: { kind: 'countStar' }, text: 'count(*)' });
    assert.deepEqual(sel[1], { selector: { kind: 'function', name: { name: 'ttl' }, args: [{ kind: 'column', name: 'v' }] }, alias: 't', text: 'ttl(v)' });
    assert.deepEqual(sel[3].selector, { kind: 'cast', arg: { kind: 'column', name: 'k' }, type: 'text' });
    assert.equal(sel[4].text, 'similarity_cosine(e, [1.0, 2.0])');
    assert.deepEqual(s.orderBy, []);
    assert.deepEqual(s.ann?.column, 'e');
    const ordered = parse('SELECT * FROM t WHERE k = 1 ORDER BY c DESC, d') as Select;
    assert.deepEqual(ordered.orderBy, [{ column: 'c', order: 'DESC' }, { column: 'd', order: 'ASC' }]);
  });

  it('parses function bodies, aggregates and views', () => {
    const f = parse("CREATE OR REPLACE FUNCTION ks.f (a int, b text) CALLED ON NULL INPUT RETURNS text LANGUAGE Java AS $$return b + a;$$");
    assert.deepEqual(f, {
      kind: 'createFunction', fn: { keyspace: 'ks', name: 'f' }, orReplace: true, ifNotExists: false,
      args: [{ name: 'a', type: 'int' }, { name: 'b', type: 'text' }], calledOnNullInput: true, returns: 'text',
      language: 'java', body: 'return b + a;',
    });
    const v = parse('CREATE MATERIALIZED VIEW mv AS SELECT a, b FROM t WHERE a IS NOT NULL AND b IS NOT NULL PRIMARY KEY ((b), a)');
    assert.equal(v.kind, 'createMaterializedView');
    if (v.kind === 'createMaterializedView') {
      assert.deepEqual(v.partitionKey, ['b']);
      assert.deepEqual(v.clusteringColumns, ['a']);
      assert.deepEqual(v.select.where, [{ kind: 'isNotNull', column: 'a' }, { kind: 'isNotNull', column: 'b' }]);
    }
  });

  it('ignores comments and accepts trailing semicolons', () => {
    const s = parse("/* c1 */ SELECT -- c2\n * // c3\n FROM t WHERE k = '--not a comment' ;;") as Select;
    assert.deepEqual(s.where[0], { kind: 'column', column: 'k', op: '=', value: { kind: 'string', value: '--not a comment' } });
  });
});

describe('sandbox CQL parser: Cassandra syntax errors', () => {
  const cases: [string, string][] = [
    ['SELEC * FROM t', "line 1:0 no viable alternative at input 'SELEC' ([SELEC]...)"],
    ['SELECT FROM t', "line 1:7 no viable alternative at input 'FROM' (SELECT [FROM]...)"],
    ['SELECT', "line 0:-1 no viable alternative at input '<EOF>'"],
    ['SELECT * FROM', "line 0:-1 no viable alternative at input '<EOF>'"],
    ['UPDATE t SET', "line 0:-1 no viable alternative at input '<EOF>'"],
    ['INSERT INTO t (a) VALUES', "line 0:-1 mismatched input '<EOF>' expecting '('"],
    ['SELECT * FROM t FROM', "line 1:16 mismatched input 'FROM' expecting EOF (SELECT * FROM t [FROM])"],
    ['SELECT * t', "line 1:9 mismatched input 't' expecting K_FROM (SELECT * [t])"],
    ['SELECT * FROM select', "line 1:14 no viable alternative at input 'select' (SELECT * FROM [select])"],
    ['SELECT ;', "line 1:7 no viable alternative at input ';' (SELECT [;])"],
    ['CREATE FOO bar', "line 1:7 no viable alternative at input 'FOO' ([CREATE] FOO...)"],
    ['SELECT *\nFROM t\nWHERE k = = 1', "line 3:10 no viable alternative at input '=' (...FROM tWHERE k = [=]...)"],
    ['SELECT * FROM t WHERE a = @', "line 1:26 no viable alternative at character '@'"],
    ["SELECT * FROM t WHERE a = 'abc", "line 1:30 mismatched character '<EOF>' expecting '''"],
    ['SELECT * FROM t -- no newline', "line 1:29 mismatched character '<EOF>' expecting set null"],
    ['CREATE KEYSPACE ks WITH durable_writes = true AND durable_writes = false', 'Multiple definition for property durable_writes'],
    ['CREATE TABLE t (k int PRIMARY KEY, v text', "line 0:-1 mismatched input '<EOF>' expecting ')'"],
    ['INSERT INTO t (k) VALUES (1) USING TTL 5 IF NOT EXISTS', "line 1:41 mismatched input 'IF' expecting EOF (...(1) USING TTL 5 [IF]...)"],
    ['DELETE FROM t USING TTL 5 WHERE k = 1', "line 1:20 mismatched input 'TTL' expecting K_TIMESTAMP (DELETE FROM t USING [TTL]...)"],
    ['SELECT * FROM t; SELECT * FROM u', "line 1:17 mismatched input 'SELECT' expecting EOF (SELECT * FROM t; [SELECT]...)"],
  ];
  for (const [cql, message] of cases) {
    it(`rejects ${JSON.stringify(cql)}`, () => assert.equal(syntaxError(cql), message));
  }

  it('reports the first error past a long prefix with a leading ellipsis', () => {
    const msg = syntaxError('SELECT a, b, c, d, e FROM t WHERE k = 1 LIMIT x');
    assert.equal(msg, "line 1:46 no viable alternative at input 'x' (...WHERE k = 1 LIMIT [x])");
  });
});
