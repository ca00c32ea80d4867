// Output bytes: plain JSON to any reader, and readable in steps (fields + first rows, then the rest) by the renderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readStagedPayload, writePayloadText } from '../../../src/shared/payloadText.js';
import type { ResultPayload } from '../../../src/shared/resultPayload.js';

const payload = (rows: ResultPayload['rows']): ResultPayload => ({
  version: 1, kind: 'rows', statement: 'SELECT * FROM t WHERE a = \'"rows":[\n\'', columns: [{ name: 'a', type: 'text' }, { name: 'b', type: 'list<int>' }],
  rows, pageInfo: { pageSize: 100, pagesFetched: 1 }, elapsedMs: 3, consistency: 'ONE', warnings: ['w\nx'], hasMore: false, queryId: 'q:1',
});
const bytes = (text: string) => new TextEncoder().encode(text);
const rows: ResultPayload['rows'] = [
  ['line\nbreak', { t: 'list', items: [1, 2] }], [null, null], ['', { t: 'list', items: [] }], ['ü 😀 ,\n]}', null], ['last', null],
];

test('the text is the payload as JSON, whatever the rows hold', () => {
  for (const rs of [rows, [], rows.slice(0, 1)]) assert.deepEqual(JSON.parse(writePayloadText(payload(rs))), payload(rs));
});

test('staged reading gives the fields and first rows, then every other row in order', () => {
  const text = bytes(writePayloadText(payload(rows)));
  for (const first of [0, 1, 2, 5, 9]) {
    for (const step of [1, 2, 100]) {
      const staged = readStagedPayload(text, first)!;
      assert.equal(staged.total, rows.length);
      const head = staged.head as ResultPayload;
      assert.deepEqual({ ...head, rows: [] }, payload([]));
      const all = [...head.rows];
      for (let more = staged.next(step); more.length; more = staged.next(step)) all.push(...(more as ResultPayload['rows']));
      assert.deepEqual(all, rows, `first ${first}, step ${step}`);
    }
  }
  const empty = readStagedPayload(bytes(writePayloadText(payload([]))), 10)!;
  assert.equal(empty.total, 0);
  assert.deepEqual(empty.next(10), []);
});

test('a row count given with the text only sizes the view: the rows read are the rows written', () => {
  const text = bytes(writePayloadText(payload(rows)));
  for (const hint of [0, 2, 5, 50]) {
    const staged = readStagedPayload(text, 1, hint)!;
    assert.equal(staged.total, hint);
    const all = [...(staged.head as ResultPayload).rows];
    for (let more = staged.next(2); more.length; more = staged.next(2)) all.push(...(more as ResultPayload['rows']));
    assert.deepEqual(all, rows);
  }
});

test('plain or indented JSON (saved notebooks, other writers) is not taken for the staged layout', () => {
  assert.equal(readStagedPayload(bytes(JSON.stringify(payload(rows))), 2), undefined);
  assert.equal(readStagedPayload(bytes(JSON.stringify(payload(rows), undefined, '\t')), 2), undefined);
  assert.equal(readStagedPayload(bytes(''), 2), undefined);
});
