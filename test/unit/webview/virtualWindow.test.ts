// stepWindow: a window that grows by many rows at once is reached over a few frames, the rows in view first.
// offsetWindow: the window over rows of different heights (the JSON view's blocks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindow, offsetWindow, stepWindow } from '../../../src/webview/common/virtualWindow.js';

const range = (r: { start: number; end: number }) => Array.from({ length: Math.max(0, r.end - r.start) }, (_, k) => r.start + k);

/** Rows of `to` not already in `from`: the rows a frame adds to the DOM. */
const added = (from: { start: number; end: number }, to: { start: number; end: number }) =>
  range(to).filter((i) => i < from.start || i >= from.end).length;

test('stepWindow: a window within the budget is reached at once', () => {
  // A scroll step of 8 rows with 10 rows of overscan either side.
  const rendered = { start: 0, end: 52 };
  const needed = { start: 18, end: 60 };
  const wanted = { start: 8, end: 70 };
  assert.deepEqual(stepWindow(rendered, needed, wanted, 20), wanted);
});

test('stepWindow: a big growth takes several frames, rows in view in the first, never more than the budget beyond them', () => {
  // The first Load more: 20 rows rendered, 33 in view, 43 wanted with the overscan.
  let rendered = { start: 0, end: 20 };
  const needed = { start: 0, end: 33 };
  const wanted = { start: 0, end: 43 };
  const first = stepWindow(rendered, needed, wanted, 5);
  assert.deepEqual(first, { start: 0, end: 33 }, 'the rows in view come in whatever the budget');
  rendered = first;
  const second = stepWindow(rendered, needed, wanted, 5);
  assert.deepEqual(second, { start: 0, end: 38 });
  assert.deepEqual(stepWindow(second, needed, wanted, 5), wanted);
});

test('stepWindow: rows already rendered in the wanted window stay; overscan grows nearest the viewport first', () => {
  // Scrolled up by 20 rows: the rows kept below stay, the 20 rows in view above come in (over the budget), no
  // overscan this frame; the next frame adds the overscan above.
  const rendered = { start: 100, end: 160 };
  const needed = { start: 80, end: 120 };
  const wanted = { start: 70, end: 130 };
  const step = stepWindow(rendered, needed, wanted, 12);
  assert.deepEqual(step, { start: 80, end: 130 });
  assert.equal(added(rendered, step), 20);
  assert.deepEqual(stepWindow(step, needed, wanted, 12), wanted);
  // A jump far away: nothing kept; the rows in view, then overscan below and above in turn until the budget.
  const jump = stepWindow({ start: 0, end: 50 }, { start: 500, end: 540 }, { start: 490, end: 550 }, 46);
  assert.deepEqual(jump, { start: 497, end: 543 });
  assert.deepEqual(stepWindow({ start: 0, end: 50 }, { start: 500, end: 540 }, { start: 490, end: 550 }, 6), { start: 500, end: 540 });
});

test('stepWindow repeated converges on the wanted window for any move, adding no more rows a frame than the budget or the rows in view', () => {
  const at = (scrollTop: number, overscan: number) => computeWindow({ scrollTop, viewportHeight: 700, rowHeight: 22, rowCount: 1000, overscan });
  let rendered = { start: 0, end: 0 };
  for (const scrollTop of [0, 400, 800, 10_000, 9_000, 21_978, 0]) {
    const needed = at(scrollTop, 0);
    const wanted = at(scrollTop, 10);
    for (let frames = 0; rendered.start !== wanted.start || rendered.end !== wanted.end; frames++) {
      assert.ok(frames < 10, `scrollTop ${scrollTop} converges`);
      const next = stepWindow(rendered, needed, wanted, 8);
      assert.ok(next.start <= needed.start && next.end >= needed.end, 'every row in view is rendered');
      assert.ok(next.start >= wanted.start && next.end <= wanted.end, 'nothing beyond the wanted window');
      const inView = range(needed).filter((i) => i < rendered.start || i >= rendered.end).length;
      assert.ok(added(rendered, next) <= Math.max(inView, 8), `scrollTop ${scrollTop}: ${added(rendered, next)} rows added in one frame`);
      rendered = next;
    }
  }
});

test('offsetWindow: rows of different heights meeting the viewport, by binary search', () => {
  // Rows 10, 20, 30, 40 px high.
  const tops = [0, 10, 30, 60, 100];
  assert.deepEqual(offsetWindow(tops, 0, 5, 0), { start: 0, end: 1 });
  assert.deepEqual(offsetWindow(tops, 9, 2, 0), { start: 0, end: 2 }, 'the viewport straddles rows 0 and 1');
  assert.deepEqual(offsetWindow(tops, 10, 1, 0), { start: 1, end: 2 }, 'a row ending at the viewport top is out');
  assert.deepEqual(offsetWindow(tops, 25, 40, 0), { start: 1, end: 4 });
  assert.deepEqual(offsetWindow(tops, 25, 5, 1), { start: 0, end: 3 }, 'overscan on both sides');
  assert.deepEqual(offsetWindow(tops, -50, 60, 0), { start: 0, end: 1 }, 'list below the viewport top');
  assert.deepEqual(offsetWindow(tops, 200, 10, 2), { start: 2, end: 4 }, 'scrolled past: the last rows, as overscan');
  assert.deepEqual(offsetWindow([0], 0, 500, 3), { start: 0, end: 0 }, 'no rows');
});

test('offsetWindow agrees with a linear scan on 1,000 random heights', () => {
  const tops = [0];
  for (let i = 0; i < 1000; i++) tops.push(tops[i]! + 20 + ((i * 7919) % 300));
  for (let y = -100; y < tops[1000]! + 100; y += 997) {
    const meets = range({ start: 0, end: 1000 }).filter((i) => tops[i + 1]! > y && tops[i]! < y + 700);
    const w = offsetWindow(tops, y, 700, 0);
    if (meets.length) assert.deepEqual(range(w), meets, `at ${y}`);
  }
});
