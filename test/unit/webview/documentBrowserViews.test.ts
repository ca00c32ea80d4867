// The document browser's DOM-free parts: where the arrow keys move the focus in the windowed grid, and what the
// windowed JSON view copies (every selected document in full, as one JSON array).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyTarget } from '../../../src/webview/documents/gridKeys.js';
import { jsonArray, lineCount, selectedRows } from '../../../src/webview/documents/jsonCopy.js';
import type { DocumentRow } from '../../../src/shared/documentBrowserMessages.js';

test('keyTarget: rows by arrow and page, clamped; buttons by left/right; Ctrl+Home/End the first and last rows', () => {
  const at = { row: 10, button: 1 };
  assert.deepEqual(keyTarget('ArrowDown', false, at, 1000, 3, 30), { row: 11, button: 1 });
  assert.deepEqual(keyTarget('ArrowUp', false, { row: 0, button: 1 }, 1000, 3, 30), { row: 0, button: 1 });
  assert.deepEqual(keyTarget('PageDown', false, { row: 990, button: 0 }, 1000, 3, 30), { row: 999, button: 0 });
  assert.deepEqual(keyTarget('PageUp', false, at, 1000, 3, 30), { row: 0, button: 1 });
  assert.deepEqual(keyTarget('End', true, at, 1000, 3, 30), { row: 999, button: 1 });
  assert.deepEqual(keyTarget('Home', true, at, 1000, 3, 30), { row: 0, button: 1 });
  assert.deepEqual(keyTarget('End', false, at, 1000, 3, 30), { row: 10, button: 2 }, 'End alone: the last button');
  assert.deepEqual(keyTarget('ArrowRight', false, { row: 3, button: 2 }, 1000, 3, 30), { row: 3, button: 2 });
  assert.deepEqual(keyTarget('ArrowLeft', false, at, 1000, 3, 30), { row: 10, button: 0 });
  assert.equal(keyTarget('Enter', false, at, 1000, 3, 30), undefined, 'Enter is the button\'s own');
  assert.equal(keyTarget('a', true, at, 1000, 3, 30), undefined);
});

const doc = (i: number, json: string): DocumentRow => ({ index: i, id: `d${i}`, fields: [], json });

test('jsonArray: every document exact, one valid JSON array', () => {
  const rows = [doc(0, '{\n  "_id": "a",\n  "n": 12345678901234567890123\n}'), doc(1, '{\n  "s": "line\\nbreak"\n}')];
  const text = jsonArray(rows);
  assert.equal(text, '[\n  {\n    "_id": "a",\n    "n": 12345678901234567890123\n  },\n  {\n    "s": "line\\nbreak"\n  }\n]');
  assert.deepEqual(JSON.parse(text.replace('12345678901234567890123', '1')), [{ _id: 'a', n: 1 }, { s: 'line\nbreak' }]);
  assert.equal(jsonArray([]), '[]');
});

test('selectedRows: select all and selections across blocks take the documents whole; one block is left to the browser', () => {
  const dom = { first: 40, last: 60 };
  assert.deepEqual(selectedRows('before', 'after', 1000, dom), { from: 0, to: 999 }, 'select all');
  assert.deepEqual(selectedRows({ row: 45 }, { row: 50 }, 1000, dom), { from: 45, to: 50 });
  assert.deepEqual(selectedRows('before', { row: 50 }, 1000, dom), { from: 0, to: 50 });
  assert.deepEqual(selectedRows({ row: 45 }, { row: 60 }, 1000, dom), { from: 45, to: 999 }, 'ends in the last block in the DOM: went on past it');
  assert.deepEqual(selectedRows({ row: 40 }, { row: 45 }, 1000, dom), { from: 0, to: 45 }, 'starts in the first block in the DOM');
  assert.deepEqual(selectedRows({ row: 0 }, { row: 5 }, 1000, { first: 0, last: 20 }), { from: 0, to: 5 }, 'the real first block');
  assert.deepEqual(selectedRows('before', { row: 60 }, 1000, dom), { from: 0, to: 999 }, 'select all, as the browser ends it');
  assert.equal(selectedRows({ row: 50 }, { row: 50 }, 1000, dom), undefined, 'inside one block');
  assert.equal(selectedRows('before', 'before', 1000, dom), undefined, 'above the list');
  assert.equal(selectedRows('after', 'after', 1000, dom), undefined, 'below the list');
  assert.equal(selectedRows('before', 'after', 0, dom), undefined, 'no documents');
});

test('lineCount', () => {
  assert.equal(lineCount('{}'), 1);
  assert.equal(lineCount('{\n  "a": 1\n}'), 3);
  assert.equal(lineCount('a\n'), 2);
});
