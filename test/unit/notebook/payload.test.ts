import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isResultPayload, normalizeResultPayload, type ResultPayloadV1 } from '../../../src/shared/resultPayload.js';
import { isExtensionResponse, isRendererRequest } from '../../../src/shared/messages.js';
import { csvField, csvHeader, csvRows, jsonClose, JSON_OPEN, jsonRows } from '../../../src/extension/cql/exportFormat.js';
import { textTable } from '../../../src/extension/cql/textTable.js';
import { describeFailure, toCqlFailure } from '../../../src/extension/cql/cqlErrors.js';
import { splitStatements } from '../../../src/extension/cql/statements.js';

const v1: ResultPayloadV1 = {
  version: 1,
  kind: 'rows',
  statement: 'SELECT * FROM t',
  columns: [{ name: 'id', type: 'bigint' }, { name: 'name', type: 'text' }, { name: 'tags', type: 'set<text>' }],
  rows: [
    [{ t: 'bigint', v: '9223372036854775807' }, 'a, "quoted"', { t: 'set', items: ['x', 'y'] }],
    [{ t: 'bigint', v: '2' }, '', null],
  ],
  pageInfo: { pageSize: 100, pagesFetched: 1 },
  elapsedMs: 3.5,
  consistency: 'LOCAL_QUORUM',
  coordinator: '127.0.0.1:9042',
  warnings: ['Aggregation query used without partition key'],
  hasMore: true,
  queryId: 's:1',
};

test('a version 1 payload (as saved in notebooks) is accepted; anything else is not', () => {
  assert.ok(isResultPayload(v1));
  assert.ok(isResultPayload(JSON.parse(JSON.stringify(v1))));
  assert.equal(normalizeResultPayload({ ...v1, trace: { sessionId: 'x', events: [{ elapsedUs: 1, source: 'a', activity: 'b' }] } })?.version, 1);
  const broken: unknown[] = [
    { ...v1, version: 99 },
    { ...v1, rows: [[1, 2]] }, // wrong width
    { ...v1, columns: [{ name: 'x' }] },
    { ...v1, rows: [[{ t: 'bigint', v: 1 }, 'a', null]] },
    { ...v1, hasMore: 'yes' },
    { ...v1, trace: { events: [] } },
    null,
    'text',
  ];
  for (const b of broken) assert.equal(isResultPayload(b), false, JSON.stringify(b).slice(0, 80));
});

test('renderer ⇄ extension messages are validated', () => {
  assert.ok(isRendererRequest({ type: 'loadMore', requestId: 1, queryId: 'q' }));
  assert.ok(isRendererRequest({ type: 'export', requestId: 2, queryId: 'q', format: 'csv' }));
  assert.equal(isRendererRequest({ type: 'export', requestId: 2, queryId: 'q', format: 'xlsx' }), false);
  assert.equal(isRendererRequest({ type: 'loadMore', queryId: 'q' }), false);
  assert.equal(isRendererRequest({ type: 'drop', requestId: 1 }), false);
  assert.ok(isExtensionResponse({ type: 'rows', requestId: 1, queryId: 'q', rows: [[1, null]], hasMore: false }));
  assert.equal(isExtensionResponse({ type: 'rows', requestId: 1, queryId: 'q', rows: [[{ t: 'x' }]], hasMore: false }), false);
  assert.ok(isExtensionResponse({ type: 'status', requestId: 1, queryId: 'q', live: false, reason: 'r' }));
});

test('CSV: quoting, null vs empty string, exact numbers, header', () => {
  assert.equal(csvHeader(v1.columns), 'id,name,tags\r\n');
  assert.equal(csvRows(v1.rows), `9223372036854775807,"a, ""quoted""","{'x', 'y'}"\r\n2,"",\r\n`);
  assert.equal(csvField('line\nbreak'), '"line\nbreak"');
  assert.equal(csvField(' padded'), '" padded"');
});

test('JSON export: array of objects, streamed in pages, valid when joined', () => {
  const text = JSON_OPEN + jsonRows(v1.columns, v1.rows.slice(0, 1), true) + jsonRows(v1.columns, v1.rows.slice(1), false) + jsonClose(false);
  assert.deepEqual(JSON.parse(text), [
    { id: '9223372036854775807', name: 'a, "quoted"', tags: ['x', 'y'] },
    { id: '2', name: '', tags: null },
  ]);
  assert.deepEqual(JSON.parse(JSON_OPEN + jsonClose(true)), []);
});

test('text fallback: aligned table, vertical with EXPAND, void results', () => {
  const t = textTable(v1);
  const lines = t.split('\n');
  assert.equal(lines[0], ' id                  | name        | tags');
  assert.equal(lines[2], " 9223372036854775807 | a, \"quoted\" | {'x', 'y'}");
  assert.match(t, /\(2 rows \(more rows available\), 3\.5 ms\)/);
  assert.match(t, /Warning: Aggregation query/);
  assert.match(textTable({ ...v1, expand: true }), /@ Row 1\n-+\n id   \| 9223372036854775807/);
  assert.equal(textTable({ ...v1, kind: 'void', columns: [], rows: [], warnings: [], message: 'Statement applied.' }), 'Statement applied.');
});

test('driver errors map to classes; syntax errors get a cell position', () => {
  const [, stmt] = splitStatements('SELECT 1;\n  SELEC x;');
  const syntax = toCqlFailure(Object.assign(new Error("line 1:0 no viable alternative at input 'SELEC' ([SELEC]...)"), { name: 'ResponseError', code: 0x2000 }), stmt!);
  assert.equal(syntax.errorClass, 'syntax');
  assert.deepEqual(syntax.position, { line: 1, column: 2 });
  assert.match(describeFailure(syntax, 'SELECT 1;\n  SELEC x;'), /line 2, column 3 of the cell\n {2}SELEC x;\n {2}\^/);
  const unavailable = Object.assign(new Error('All host(s) tried for query failed.'), {
    name: 'NoHostAvailableError',
    innerErrors: { '127.0.0.1:9042': Object.assign(new Error('Not enough replicas'), { code: 0x1000 }) },
  });
  assert.equal(toCqlFailure(unavailable, stmt!).errorClass, 'unavailable');
  const classes = [[0x2100, 'unauthorized'], [0x2200, 'invalid'], [0x1200, 'read_timeout'], [0x1100, 'write_timeout'], [0x2400, 'already_exists']] as const;
  for (const [code, cls] of classes) assert.equal(toCqlFailure(Object.assign(new Error('x'), { code }), stmt!).errorClass, cls);
  assert.equal(toCqlFailure(Object.assign(new Error('t'), { name: 'OperationTimedOutError' }), stmt!).errorClass, 'client_timeout');
});

test('text fallback shows the trace like cqlsh', () => {
  const t = textTable({ ...v1, trace: { sessionId: 'abc', coordinator: '127.0.0.1', durationUs: 420, events: [{ elapsedUs: 12, source: '127.0.0.1', activity: 'Parsing SELECT' }] } });
  assert.match(t, /Tracing session: abc \(coordinator 127\.0\.0\.1\)/);
  assert.match(t, / Parsing SELECT \| 12 +\| 127\.0\.0\.1/);
  assert.match(t, /Request complete: 420 µs/);
  const failed = textTable({ ...v1, trace: { sessionId: 'abc', events: [], error: 'Could not read the trace: gone' } });
  assert.match(failed, /Could not read the trace: gone/);
});
