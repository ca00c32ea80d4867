// The document browser's message protocol: what each side accepts on arrival.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_FORM, isBrowserToHost, isHostToBrowser, isQueryForm } from '../../../src/shared/documentBrowserMessages.js';

test('webview → host: well-formed messages pass, anything else is dropped', () => {
  for (const ok of [
    { type: 'ready' }, { type: 'insert' },
    { type: 'query', queryId: 1, form: EMPTY_FORM },
    { type: 'more', queryId: 2 }, { type: 'similar', queryId: 3, index: 0 },
    { type: 'edit', index: 4 }, { type: 'delete', index: 5 },
  ]) assert.ok(isBrowserToHost(ok), JSON.stringify(ok));
  for (const bad of [
    null, 'ready', [], { type: 'nope' },
    { type: 'query', queryId: 1, form: { ...EMPTY_FORM, mode: 'sql' } },
    { type: 'query', queryId: -1, form: EMPTY_FORM },
    { type: 'query', queryId: 1, form: { ...EMPTY_FORM, filter: 7 } },
    { type: 'edit', index: 1.5 }, { type: 'delete' }, { type: 'similar', queryId: 1 },
  ]) assert.ok(!isBrowserToHost(bad), JSON.stringify(bad));
});

test('host → webview: rows must carry text fields only', () => {
  const row = { index: 0, id: 'a', fields: [['_id', 'a']], json: '{"_id":"a"}', similarity: 0.5 };
  assert.ok(isHostToBrowser({ type: 'rows', queryId: 1, append: false, rows: [row], more: true }));
  assert.ok(!isHostToBrowser({ type: 'rows', queryId: 1, append: false, rows: [{ ...row, fields: [['_id', 1]] }], more: true }));
  assert.ok(!isHostToBrowser({ type: 'rows', queryId: 1, append: false, rows: [{ ...row, similarity: '0.5' }], more: true }));
  assert.ok(isHostToBrowser({ type: 'init', collection: { keyspace: 'k', name: 'c', database: 'd' }, form: EMPTY_FORM }));
  assert.ok(!isHostToBrowser({ type: 'init', collection: { keyspace: 'k' }, form: EMPTY_FORM }));
  assert.ok(isHostToBrowser({ type: 'error', queryId: 0, message: 'x' }));
  assert.ok(!isQueryForm({ ...EMPTY_FORM, search: 'x'.repeat(1_000_001) }));
});
