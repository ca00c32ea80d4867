// The document table's columns and one-line cells (the window is computed from one row height).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellLine, MAX_COLUMNS, mergeColumns } from '../../../src/webview/documents/documentCells.js';
import type { DocumentRow } from '../../../src/shared/documentBrowserMessages.js';

const doc = (fields: string[]): DocumentRow => ({ index: 0, id: 'x', fields: fields.map((f) => [f, 'v']), json: '{}' });

test('columns in first-seen order, _id first; more rows only add the fields not seen before', () => {
  const columns: string[] = [];
  assert.equal(mergeColumns(columns, [doc(['name', '_id', 'price'])]), true);
  assert.deepEqual(columns, ['_id', 'name', 'price']);
  assert.equal(mergeColumns(columns, [doc(['_id', 'price', 'name'])]), false, 'same fields: the table only grows');
  assert.equal(mergeColumns(columns, [doc(['_id', 'tags'])]), true);
  assert.deepEqual(columns, ['_id', 'name', 'price', 'tags']);
});

test('at most MAX_COLUMNS columns; fields past them are left to the JSON view', () => {
  const columns: string[] = [];
  mergeColumns(columns, [doc(Array.from({ length: MAX_COLUMNS + 5 }, (_, i) => `f${i}`))]);
  assert.equal(columns.length, MAX_COLUMNS);
  assert.equal(mergeColumns(columns, [doc(['another'])]), false);
});

test('a cell is one line: line breaks show as ↵, everything else as it is', () => {
  assert.equal(cellLine('a\nb\r\nc\rd'), 'a↵b↵c↵d');
  assert.equal(cellLine('  two  spaces\t'), '  two  spaces\t');
});
