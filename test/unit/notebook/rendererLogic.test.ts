import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindow, MAX_SCROLL_HEIGHT, scrollTopFor } from '../../../src/webview/common/virtualWindow.js';
import { cellText, CELL_TEXT_LIMIT, initialWidths, tsv } from '../../../src/webview/renderer/cellText.js';

test('virtual window renders only the visible rows plus overscan', () => {
  const w = computeWindow({ scrollTop: 0, viewportHeight: 400, rowHeight: 20, rowCount: 100_000, overscan: 5 });
  assert.deepEqual([w.start, w.end, w.offsetY, w.totalHeight], [0, 26, 0, 2_000_000]);
  const mid = computeWindow({ scrollTop: 1_000_000, viewportHeight: 400, rowHeight: 20, rowCount: 100_000, overscan: 5 });
  assert.equal(mid.start, 49_995);
  assert.equal(mid.end, 50_026);
  assert.equal(mid.offsetY, 49_995 * 20);
  assert.ok(mid.end - mid.start < 40, 'a bounded number of DOM rows at any position');
  const end = computeWindow({ scrollTop: 5_000_000, viewportHeight: 400, rowHeight: 20, rowCount: 100_000, overscan: 5 });
  assert.equal(end.end, 100_000);
  assert.deepEqual(computeWindow({ scrollTop: 0, viewportHeight: 400, rowHeight: 20, rowCount: 0 }), { start: 0, end: 0, offsetY: 0, totalHeight: 0 });
});

test('very tall results are scaled to a scroll height browsers accept and still reach the last row', () => {
  const rows = 2_000_000;
  const top = computeWindow({ scrollTop: 0, viewportHeight: 400, rowHeight: 22, rowCount: rows });
  assert.equal(top.totalHeight, MAX_SCROLL_HEIGHT);
  const bottom = computeWindow({ scrollTop: MAX_SCROLL_HEIGHT, viewportHeight: 400, rowHeight: 22, rowCount: rows });
  assert.equal(bottom.end, rows);
  assert.ok(bottom.offsetY <= MAX_SCROLL_HEIGHT && bottom.offsetY >= 0);
});

test('scrollTopFor moves minimally to show a row', () => {
  assert.equal(scrollTopFor(0, 100, 400, 20, 1000), 0);
  assert.equal(scrollTopFor(10, 100, 400, 20, 1000), 100, 'already visible');
  assert.equal(scrollTopFor(50, 0, 400, 20, 1000), 51 * 20 - 400);
});

test('cell text: null marked, long values truncated, vectors compact, newlines visible', () => {
  assert.deepEqual(cellText(null), { text: 'null', truncated: false, isNull: true });
  assert.equal(cellText('').text, '');
  assert.equal(cellText('null').isNull, false, 'the text "null" is not a null');
  const long = cellText('x'.repeat(1000));
  assert.equal(long.text.length, CELL_TEXT_LIMIT + 1);
  assert.equal(long.truncated, true);
  assert.equal(cellText({ t: 'vector', items: Array.from({ length: 768 }, (_, i) => i / 10) }).text, '[0, 0.1, 0.2, 0.3, …] (768 dims)');
  assert.equal(cellText({ t: 'vector', items: [1, 2, 3] }).text, '[1, 2, 3]');
  assert.deepEqual(cellText('a\nb'), { text: 'a↵b', truncated: true, isNull: false });
  assert.equal(cellText('<img src=x onerror=alert(1)>').text, '<img src=x onerror=alert(1)>');
});

test('initial widths fit header and values within bounds; TSV for copies', () => {
  const w = initialWidths([{ name: 'id', type: 'int' }, { name: 'description', type: 'text' }], [[1, 'y'.repeat(500)]]);
  assert.equal(w[0], 60);
  assert.equal(w[1], 360);
  assert.equal(tsv([[1, null, 'a\tb'], [{ t: 'bigint', v: '9223372036854775807' }, '', 'c']]), '1\t\ta b\n9223372036854775807\t\tc');
});
