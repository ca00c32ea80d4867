// windowChange: moving the window touches only the rows that enter or leave it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindow, windowChange } from '../../../src/webview/common/virtualWindow.js';

const range = (r: { start: number; end: number }) => Array.from({ length: Math.max(0, r.end - r.start) }, (_, k) => r.start + k);

/** The rows in the DOM after applying a change: kept rows, with `before` in front and `after` behind. */
function apply(from: { start: number; end: number }, to: { start: number; end: number }): number[] {
  const c = windowChange(from, to);
  const kept = range(from).filter((i) => !c.remove.includes(i));
  return [...range(c.before), ...kept, ...range(c.after)];
}

test('scrolling down removes the rows above and adds only the rows below', () => {
  const c = windowChange({ start: 0, end: 50 }, { start: 18, end: 68 });
  assert.deepEqual(c.remove, range({ start: 0, end: 18 }));
  assert.deepEqual(c.before, { start: 18, end: 18 });
  assert.deepEqual(c.after, { start: 50, end: 68 });
});

test('scrolling up removes the rows below and adds only the rows above', () => {
  const c = windowChange({ start: 100, end: 150 }, { start: 90, end: 140 });
  assert.deepEqual(c.remove, range({ start: 140, end: 150 }));
  assert.deepEqual(c.before, { start: 90, end: 100 });
  assert.deepEqual(c.after, { start: 140, end: 140 });
});

test('rows appended below a window that stays put change nothing in the DOM', () => {
  const c = windowChange({ start: 0, end: 40 }, { start: 0, end: 40 });
  assert.deepEqual(c, { remove: [], before: { start: 0, end: 0 }, after: { start: 40, end: 40 } });
});

test('a window that grows at the end (a short list getting more rows) adds the new rows behind', () => {
  const c = windowChange({ start: 0, end: 20 }, { start: 0, end: 49 });
  assert.deepEqual(c.remove, []);
  assert.deepEqual(c.after, { start: 20, end: 49 });
});

test('a jump with no row in common replaces the whole window; the first paint adds it whole', () => {
  const jump = windowChange({ start: 0, end: 50 }, { start: 900, end: 950 });
  assert.deepEqual(jump.remove, range({ start: 0, end: 50 }));
  assert.deepEqual(range(jump.before), []);
  assert.deepEqual(jump.after, { start: 900, end: 950 });
  assert.deepEqual(windowChange({ start: 0, end: 0 }, { start: 0, end: 30 }), { remove: [], before: { start: 0, end: 0 }, after: { start: 0, end: 30 } });
});

test('any sequence of windows leaves exactly the rows of the last one, in order', () => {
  let dom = { start: 0, end: 0 };
  let rows: number[] = [];
  for (const scrollTop of [0, 300, 900, 880, 20_000, 19_000, 0, 10, 21_978]) {
    const w = computeWindow({ scrollTop, viewportHeight: 700, rowHeight: 22, rowCount: 1000, overscan: 10 });
    const next = apply(dom, w);
    // Rows kept from the DOM before the move must be the rows the DOM had.
    assert.ok(next.filter((i) => i >= dom.start && i < dom.end).every((i) => rows.includes(i)));
    assert.deepEqual(next, range(w), `scrollTop ${scrollTop}`);
    dom = w;
    rows = next;
  }
  assert.equal(rows.at(-1), 999, 'scrolled to the end, the last row is in the window');
});
