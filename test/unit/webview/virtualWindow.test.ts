// windowChange: moving the window touches only the rows that enter or leave it. stepWindow: a window that grows by
// many rows at once is reached over a few frames, the rows in view first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindow, stepWindow, windowChange } from '../../../src/webview/common/virtualWindow.js';

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

const added = (from: { start: number; end: number }, to: { start: number; end: number }) => {
  const c = windowChange(from, to);
  return c.before.end - c.before.start + c.after.end - c.after.start;
};

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
