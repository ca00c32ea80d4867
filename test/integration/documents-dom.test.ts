// The document browser bundle in headless chromium with a stand-in for the VS Code webview API: database values are
// text (a hostile value stays a string), the table ⇄ JSON toggle shows the exact JSON, row buttons name the
// document by index, Load more appends, and malformed host messages are ignored. With 1,000 documents only a window
// of rows (and of JSON blocks) is in the DOM, scrolling reaches the last one, a row's buttons still name its own
// document, the header stays aligned with the cells, a focused button keeps the focus while its row is scrolled
// away, the arrow keys walk every row, and the JSON view copies every document in full.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, optedOut, requireTool } from '../support/tools.js';
import type { DocumentRow, HostToBrowser } from '../../src/shared/documentBrowserMessages.js';

const skip = optedOut('chromium');
let browser: Browser;
let page: Page;

const EVIL = '<img src=x onerror="window.pwned=1">';
const row = (index: number, extra: [string, string][] = []): DocumentRow => ({
  index, id: `d${index}`, fields: [['_id', `d${index}`], ['name', index === 0 ? EVIL : `n${index}`], ...extra],
  json: `{\n  "_id": "d${index}",\n  "big": 123456789012345678901234567890\n}`,
});

before(async () => {
  if (skip) return;
  requireTool('chromium');
  const out = await build({ entryPoints: ['src/webview/documents/index.ts'], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  page = await context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="app"></div></body></html>');
  await page.addScriptTag({ content: 'window.__name = (f) => f; window.sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.sent.push(m), getState: () => undefined, setState: () => {} });' });
  await page.addScriptTag({ content: out.outputFiles[0]!.text });
});

after(async () => {
  await browser?.close();
});

/** Rows shown (rows waiting to be reused stay in the DOM, hidden). */
const ROWS = '.doc-rows > .doc-row:not(.doc-spare)';
/** The row of document `n` (1-based); the header is the grid's first row. */
const at = (n: number) => `${ROWS}[aria-rowindex="${n + 1}"]`;
const post = (m: HostToBrowser | Record<string, unknown>) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
const sent = () => page.evaluate(() => (window as unknown as { sent: { type: string; index?: number }[] }).sent);
const frames = (n = 3) => page.evaluate((k) => new Promise<void>((resolve) => {
  const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : resolve());
  next(k);
}), n);

test('rows as text, JSON view, row actions, Load more', { skip }, async () => {
  assert.deepEqual((await sent())[0], { type: 'ready' });
  await post({ type: 'init', collection: { keyspace: 'demo', name: 'catalog', database: 'db', vectorDimension: 3, metric: 'cosine' }, form: { mode: 'filter', filter: '', projection: '', sort: '', limit: '', search: '' } });
  await post({ type: 'rows', queryId: 0, append: false, rows: [row(0), row(1)], more: true, note: '2 documents · filter · 5 ms' });
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 2, ROWS);
  // Too long for its cell: cut with an ellipsis, the whole of it (as text) in the tooltip and the accessible name.
  const evil = page.locator(ROWS).first().locator('.doc-cell').nth(3);
  const shown = await evil.innerText();
  assert.ok(shown.endsWith('…') && EVIL.startsWith(shown.slice(0, -1)), shown);
  assert.equal(await evil.getAttribute('title'), EVIL);
  assert.equal(await evil.getAttribute('aria-label'), EVIL);
  assert.equal(await page.evaluate(() => document.querySelectorAll('.doc-grid img').length), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);

  await page.locator(ROWS).nth(1).locator('button.doc-similar').click();
  await page.locator(ROWS).nth(0).locator('button.doc-edit').click();
  const actions = (await sent()).filter((m) => m.type !== 'ready');
  assert.deepEqual(actions.map((m) => [m.type, m.index]), [['similar', 1], ['edit', 0]]);

  await post({ type: 'rows', queryId: 1, append: true, rows: [row(2)], more: false });
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 3, ROWS);
  assert.equal(await page.locator('#load-more').isHidden(), true);

  await page.locator('#toggle-view').click();
  await page.waitForFunction(() => document.querySelector('.doc-json-list')?.getAttribute('aria-busy') === 'false');
  const blocks = await page.locator('.doc-json pre').allInnerTexts();
  assert.equal(blocks.length, 3);
  assert.ok(blocks[0]!.includes('"big": 123456789012345678901234567890'));
});

test('malformed messages are ignored; a stale query does not replace newer rows', { skip }, async () => {
  await post({ type: 'rows', queryId: 5, append: false, rows: [{ index: 0, id: 'x', fields: [['_id', 1]], json: '{}' }], more: false });
  await post({ type: 'error', queryId: 0, message: 'stale' });
  assert.equal(await page.locator('.doc-error').isHidden(), true);
  assert.equal(await page.locator('.doc-json pre').count(), 3);
});

const rowCount = () => page.evaluate(() => document.querySelector('.doc-grid')?.getAttribute('aria-rowcount'));
/** Document numbers (1-based) of the rows shown, in position order (rows are reused in place: DOM order differs). */
const domRows = () => page.evaluate((sel) => [...document.querySelectorAll(sel)].map((r) => Number(r.getAttribute('aria-rowindex')) - 1).sort((a, b) => a - b), ROWS);
/** Every row element in the DOM, shown or waiting to be reused. */
const rowElements = () => page.locator('.doc-rows > .doc-row').count();
/** The row holding the focus (document number) and the focused button's action and index. */
const focused = () => page.evaluate(() => {
  const b = document.activeElement as HTMLElement | null;
  const r = b?.closest('.doc-row');
  return { row: r ? Number(r.getAttribute('aria-rowindex')) - 1 : -1, action: b?.dataset.action, index: b?.dataset.index };
});
const scrollTo = async (y: number | 'end') => {
  await page.evaluate((to) => window.scrollTo(0, to === 'end' ? document.documentElement.scrollHeight : to), y);
  await frames(6);
};
const docs = Array.from({ length: 1000 }, (_, i) => ({ ...row(i, [['note', `line one\nline two of d${i}`]]), similarity: 1 - i / 1000 }));

test('1,000 documents: a window of rows in the DOM, scrolled to the last, actions name the row clicked', { skip }, async () => {
  await page.locator('#toggle-view').click();
  assert.equal(await page.locator('.doc-grid').isVisible(), true, 'back to the table view');
  await post({ type: 'rows', queryId: 10, append: false, rows: docs.slice(0, 100), more: true });
  await frames(3);
  // The rows' container keeps its size as Load more makes the box taller: no row's containing block changes.
  const sizes = () => page.evaluate(() => [document.querySelector('.doc-rows-box')!, document.querySelector('.doc-rows')!].map((e) => e.getBoundingClientRect().height));
  const [box100, layer100] = await sizes();
  for (let from = 100; from < 1000; from += 100) await post({ type: 'rows', queryId: 10, append: true, rows: docs.slice(from, from + 100), more: from + 100 < 1000 });
  await page.waitForFunction(() => document.querySelector('.doc-grid')?.getAttribute('aria-rowcount') === '1001');
  await frames(6);
  const [box1000, layer1000] = await sizes();
  assert.ok(box1000! >= 1000 * 22 && box1000! > box100!, `box ${box100} → ${box1000}`);
  assert.equal(layer1000, layer100);

  // At the top: the first rows, contiguous, and only about a viewport's worth of them.
  const top = await domRows();
  assert.equal(top[0], 1);
  assert.deepEqual(top, top.map((_, k) => k + 1));
  assert.ok(top.length >= 20 && top.length < 100, `${top.length} rows in the DOM for 1,000 documents`);
  // Every row one line high, each at its own place, so the page is as tall as 1,000 of them.
  const boxes = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((r) => ({ n: Number(r.getAttribute('aria-rowindex')) - 1, top: r.getBoundingClientRect().top, h: r.getBoundingClientRect().height })), ROWS);
  const first = boxes.find((b) => b.n === 1)!;
  assert.ok(boxes.every((b) => b.h === 22), `row heights ${[...new Set(boxes.map((b) => b.h))].join(', ')}`);
  assert.ok(boxes.every((b) => b.top === first.top + 22 * (b.n - 1)), 'each row at its position');
  assert.ok(await page.evaluate(() => document.documentElement.scrollHeight > 1000 * 22));
  // ARIA: a grid of rows of cells; the header is row 1.
  assert.equal(await page.locator('.doc-grid').getAttribute('role'), 'grid');
  assert.equal(await page.locator(at(1)).getAttribute('role'), 'row');
  assert.equal(await page.locator(`${at(1)} .doc-cell`).first().getAttribute('role'), 'gridcell');
  assert.equal(await page.locator('.doc-header').getAttribute('aria-rowindex'), '1');
  // The cell shows one line; its tooltip the whole value.
  const note = page.locator(`${at(1)} .doc-cell`).nth(5);
  assert.equal(await note.getAttribute('aria-label') ?? await note.innerText(), 'line one↵line two of d0');
  assert.equal(await note.getAttribute('title'), 'line one\nline two of d0');
  assert.equal(await page.locator(`${at(1)} .doc-cell`).nth(2).innerText(), '1.000000');
  // The header's columns (the $similarity column among them) line up with the cells'.
  const lefts = await page.evaluate((sel) => [document.querySelector('.doc-header')!, document.querySelector(sel)!].map((r) =>
    [...r.children].map((c) => { const b = c.getBoundingClientRect(); return [b.left, b.width]; })), at(1));
  assert.deepEqual(lefts[0], lefts[1]);
  // Cells are fixed boxes by kind (#, actions, score, columns), as wide as the table's widths say; the actions cell
  // as its buttons in the grid's font.
  const widths = lefts[0]!.map(([, w]) => w);
  assert.deepEqual([widths[0], ...widths.slice(2)], [48, 90, 160, 160, 160]);
  const buttons = await page.locator(`${at(1)} .doc-actions`).evaluate((b) => b.getBoundingClientRect().width);
  assert.ok(widths[1]! >= buttons + 13 && widths[1]! < buttons + 15, `actions cell ${widths[1]} px for ${buttons} px of buttons`);
  assert.equal(await page.locator('.doc-grid').evaluate((g) => g.style.getPropertyValue('--doc-width')), `${widths.reduce((a, b) => a + b, 0)}px`);
  assert.deepEqual(await page.locator('.doc-header .doc-cell').allInnerTexts(), ['#', '', '$similarity', '_id', 'name', 'note']);
  // Striping follows the document's position, not the row's place in the DOM.
  assert.deepEqual(await page.evaluate(() => [1, 2, 3].map((i) => document.querySelector(`.doc-row[aria-rowindex="${i + 1}"]`)!.classList.contains('alt'))), [false, true, false]);

  // A scroll step reuses the row elements already in the DOM: rows coming in are the ones that left, refilled.
  await scrollTo(1500);
  const from = await domRows();
  await page.evaluate(() => document.querySelectorAll('.doc-rows > .doc-row').forEach((r) => ((r as HTMLElement & { seen?: boolean }).seen = true)));
  const elements = await rowElements();
  await scrollTo(1900);
  const stepped = await domRows();
  assert.ok(stepped[0]! > from[0]! && stepped.at(-1)! > from.at(-1)!, `moved from ${from[0]}…${from.at(-1)} to ${stepped[0]}…${stepped.at(-1)}`);
  assert.equal(await page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((r) => !(r as HTMLElement & { seen?: boolean }).seen).length, ROWS), 0, 'no row element made');
  assert.equal(await rowElements(), elements);

  // Scrolled to the end: the last document, still a window.
  await scrollTo('end');
  const bottom = await domRows();
  assert.equal(bottom.at(-1), 1000);
  assert.ok(bottom.length < 100 && !bottom.includes(1), `${bottom.length} rows, the first ones gone`);
  assert.ok(await rowElements() < 100, `${await rowElements()} row elements in the DOM, spares included`);
  assert.deepEqual(bottom, bottom.map((_, k) => bottom[0]! + k), 'contiguous, in order');
  assert.equal(await page.locator(`${at(1000)} .doc-cell`).nth(3).innerText(), 'd999');
  assert.equal(await page.locator(at(1000)).evaluate((r) => r.classList.contains('alt')), true);
  const last = await page.locator(at(1000)).boundingBox();
  assert.ok(last && last.y + last.height <= 720 && last.y > 0, `row #1000 in the viewport (${last?.y})`);

  // Buttons of rows scrolled into view name their own documents.
  const before = (await sent()).length;
  await page.locator(`${at(1000)} button.doc-delete`).click();
  await page.locator(`${at(990)} button.doc-edit`).click();
  // Half way back up, a row that was never in the DOM before.
  await scrollTo(await page.evaluate(() => document.documentElement.scrollHeight / 2));
  // Row #990's button kept the focus after its click: that row stays; #1000 went.
  const all = await domRows();
  assert.ok(!all.includes(1000) && all.includes(990), String(all));
  const middle = all.filter((n) => n !== 990);
  const target = middle[Math.floor(middle.length / 2)]!;
  assert.equal(await page.locator(`${at(target)} .doc-cell`).nth(3).innerText(), `d${target - 1}`);
  await page.locator(`${at(target)} button.doc-similar`).click();
  const clicked = (await sent()).slice(before).map((m) => [m.type, m.index]);
  assert.deepEqual(clicked, [['delete', 999], ['edit', 989], ['similar', target - 1]]);
});

test('a focused row button keeps the focus while its row is scrolled away', { skip }, async () => {
  await scrollTo(0);
  await page.locator(`${at(5)} button.doc-delete`).focus();
  assert.deepEqual(await focused(), { row: 5, action: 'delete', index: '4' });
  await scrollTo('end');
  assert.deepEqual(await focused(), { row: 5, action: 'delete', index: '4' }, 'the focus stayed on the button');
  const rows = await domRows();
  assert.equal(rows[0], 5, 'the focused row still shown');
  assert.ok(rows.includes(1000) && rows.length < 100, `${rows.length} rows`);
  // Enter on it still names its document.
  const before = (await sent()).length;
  await page.keyboard.press('Enter');
  assert.deepEqual((await sent()).slice(before).map((m) => [m.type, m.index]), [['delete', 4]]);
  // Back in view, it is part of the window again (one element per row, in order).
  await scrollTo(0);
  const back = await domRows();
  assert.deepEqual(back, back.map((_, k) => k + 1));
  assert.deepEqual(await focused(), { row: 5, action: 'delete', index: '4' });
  // Focus elsewhere: the row goes back to the pool once out of view.
  await scrollTo('end');
  await page.locator('#load-more').evaluate((b) => b.classList.remove('hidden'));
  await page.locator('#load-more').focus();
  await frames(3);
  assert.ok(!(await domRows()).includes(5), 'the row left with the focus');
});

test('keyboard: one Tab stop, arrow keys walk the rows (rendering them), Enter acts on the row focused', { skip }, async () => {
  await scrollTo(0);
  await frames(3);
  assert.equal(await page.evaluate((sel) => [...document.querySelectorAll(`${sel} button`)].filter((b) => (b as HTMLElement).tabIndex === 0).length, ROWS), 1);
  await page.locator(`${at(1)} button.doc-edit`).focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await focused(), { row: 4, action: 'delete', index: '3' });
  await page.keyboard.press('Control+End');
  await frames(6);
  assert.deepEqual(await focused(), { row: 1000, action: 'delete', index: '999' });
  const box = await page.locator(at(1000)).boundingBox();
  assert.ok(box && box.y > 0 && box.y + box.height <= 720, 'the last row scrolled into view');
  await page.keyboard.press('PageUp');
  await frames(6);
  const up = await focused();
  assert.ok(up.row < 1000 && up.row > 950 && up.index === String(up.row - 1), `PageUp to #${up.row}`);
  const before = (await sent()).length;
  await page.keyboard.press('Enter');
  assert.deepEqual((await sent()).slice(before).map((m) => [m.type, m.index]), [['delete', up.row - 1]]);
  assert.equal(await rowCount(), '1001');
});

test('JSON view of 1,000 documents: a window of blocks, the last one reached, every document copied', { skip }, async () => {
  // What a copy puts on the clipboard, as the page's last copy listener sees it.
  await page.evaluate(() => window.addEventListener('copy', (e) => ((window as unknown as { copied?: string }).copied = e.clipboardData?.getData('text/plain'))));
  const copiedText = () => page.evaluate(() => (window as unknown as { copied?: string }).copied ?? '');
  await scrollTo(0);
  await page.locator('#toggle-view').click();
  await page.waitForFunction(() => document.querySelector('.doc-json-list')?.getAttribute('aria-busy') === 'false');
  const blocks = await page.locator('.doc-json').count();
  assert.ok(blocks > 0 && blocks < 100, `${blocks} blocks in the DOM for 1,000 documents`);
  assert.equal(await page.locator(ROWS).count(), 0, 'the hidden table keeps no rows');
  // Blocks do not overlap: each starts where the one before ends.
  const tops = await page.evaluate(() => [...document.querySelectorAll('.doc-json')].map((b) => { const r = b.getBoundingClientRect(); return [r.top, r.bottom]; }));
  assert.ok(tops.every(([t], k) => k === 0 || Math.abs(t! - tops[k - 1]![1]!) < 0.5), JSON.stringify(tops.slice(0, 4)));
  // Every line of a block shows (its height fits its JSON).
  const pre = page.locator('.doc-json pre').first();
  assert.ok(await pre.evaluate((p) => p.scrollHeight <= p.clientHeight));

  await scrollTo('end');
  const lastBlock = page.locator('.doc-json').last();
  assert.match(await lastBlock.innerText(), /#1000[\s\S]*"_id": "d999"/);
  const box = await lastBlock.boundingBox();
  assert.ok(box && box.y + box.height <= 720 + 1, 'the last block in the viewport');
  const before = (await sent()).length;
  await lastBlock.locator('button.doc-edit').click();
  assert.deepEqual((await sent()).slice(before).map((m) => [m.type, m.index]), [['edit', 999]]);

  // Copy all: a JSON array of every document, exact.
  const expected = JSON.parse(`[${docs.map((d) => d.json).join(',')}]`.replace(/123456789012345678901234567890/g, '1'));
  const parse = (text: string) => JSON.parse(text.replace(/123456789012345678901234567890/g, '1')) as unknown[];
  await page.locator('.doc-copy-json').click();
  const copied = await copiedText();
  assert.deepEqual(parse(copied), expected);
  assert.equal((copied.match(/123456789012345678901234567890/g) ?? []).length, 1000, 'big numbers exact');
  // Select all, copy: the same.
  await page.evaluate(() => ((window as unknown as { copied?: string }).copied = ''));
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  assert.deepEqual(parse(await copiedText()), expected);
  // A selection inside one block is the browser's own copy (nothing written in the event): just what was selected.
  await page.evaluate(() => ((window as unknown as { copied?: string }).copied = ''));
  const one = page.locator('.doc-json pre').nth(1);
  await one.selectText();
  await page.keyboard.press('Control+C');
  assert.equal(await copiedText(), '', 'the view left this copy to the browser');
  assert.equal(await page.evaluate(() => String(window.getSelection())), await one.textContent());

  await page.locator('#toggle-view').click();
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 0, ROWS);
  assert.equal(await rowCount(), '1001');
  assert.equal(await page.locator('.doc-json').count(), 0, 'the hidden JSON view keeps no blocks');
});

test('new columns and a new result refill the rows shown in place: same elements, header aligned, no empty frame', { skip }, async () => {
  await scrollTo(0);
  await post({ type: 'rows', queryId: 20, append: false, rows: [row(0), row(1), row(2)], more: true });
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 3, ROWS);
  const tag = () => page.evaluate((sel) => document.querySelectorAll(sel).forEach((r) => ((r as HTMLElement & { seen?: boolean }).seen = true)), ROWS);
  const fresh = () => page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((r) => !(r as HTMLElement & { seen?: boolean }).seen).length, ROWS);
  const aligned = () => page.evaluate((sel) => {
    const edges = (r: Element) => [...r.children].map((c) => { const b = c.getBoundingClientRect(); return `${b.left}+${b.width}`; }).join(' ');
    const head = edges(document.querySelector('.doc-header')!);
    return [...document.querySelectorAll(sel)].every((r) => edges(r) === head);
  }, ROWS);
  await tag();
  // Load more brings a field no document had: a new column, and in the same task the rows shown have its cell.
  const shownAfterPost = await page.evaluate(([sel, m]) => {
    window.postMessage(m, '*');
    return new Promise<number[]>((resolve) => setTimeout(() => resolve([...document.querySelectorAll(sel)].map((r) => r.children.length)), 0));
  }, [ROWS, { type: 'rows', queryId: 20, append: true, rows: [row(3, [['extra', 'x3']])], more: false }] as const);
  assert.deepEqual(shownAfterPost, [5, 5, 5], 'the rows shown stay, each with the new cell, before any frame');
  await frames(4);
  assert.deepEqual(await page.locator('.doc-header .doc-cell').allInnerTexts(), ['#', '', '_id', 'name', 'extra']);
  assert.equal(await fresh(), 1, 'only the new document\'s row is new');
  assert.ok(await aligned(), 'header and cells line up');
  assert.equal(await page.locator(`${at(4)} .doc-cell`).nth(4).innerText(), 'x3');
  assert.equal(await page.locator(`${at(1)} .doc-cell`).nth(4).innerText(), '');
  assert.equal(await page.locator(`${at(1)} .doc-cell`).nth(4).evaluate((c) => c.classList.contains('missing')), true);
  // A vector search result: the $similarity column comes in third, in the same elements.
  await tag();
  await post({ type: 'rows', queryId: 21, append: false, rows: [{ ...row(7), index: 0, similarity: 0.5 }, { ...row(8), index: 1, similarity: 0.25 }], more: false });
  await frames(4);
  assert.deepEqual(await page.locator('.doc-header .doc-cell').allInnerTexts(), ['#', '', '$similarity', '_id', 'name']);
  assert.equal(await fresh(), 0);
  assert.deepEqual(await domRows(), [1, 2]);
  assert.deepEqual(await page.locator(`${at(1)} .doc-cell`).allInnerTexts().then((t) => t.filter((_, k) => k !== 1)), ['1', '0.500000', 'd7', 'n7']);
  assert.ok(await aligned());
  const before = (await sent()).length;
  await page.locator(`${at(2)} button.doc-similar`).click();
  assert.deepEqual((await sent()).slice(before).map((m) => [m.type, m.index]), [['similar', 1]]);
});

test('long values are cut to their cells with no clip: nothing spills, the whole value is the name, a new editor font refits', { skip }, async () => {
  // As VS Code sets them: the editor font is what the grid's cells are in.
  await page.evaluate(() => {
    document.documentElement.style.setProperty('--vscode-editor-font-family', 'monospace');
    document.documentElement.style.setProperty('--vscode-editor-font-size', '13px');
  });
  const values = { ascii: 'abcdefghij'.repeat(10), cjk: '漢字かな'.repeat(12), emoji: '😀🚀'.repeat(20), short: 'ok' };
  await post({ type: 'rows', queryId: 30, append: false, more: false, rows: [row(0, Object.entries(values)), row(1, Object.entries(values))] });
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 2, ROWS);
  await frames(2);
  const cells = () => page.evaluate((sel) => [...document.querySelectorAll(`${sel} .doc-cell`)].map((c) => ({
    text: c.textContent ?? '', label: c.getAttribute('aria-label'), title: c.getAttribute('title'), spills: c.scrollWidth > c.clientWidth,
  })), ROWS);
  const check = async () => {
    const all = await cells();
    assert.deepEqual(all.filter((c) => c.spills), [], 'no cell\'s text reaches past it');
    for (const [name, value] of Object.entries(values)) {
      const c = all.find((x) => x.title === value)!;
      if (name === 'short') {
        assert.deepEqual([c.text, c.label], ['ok', null]);
        continue;
      }
      assert.ok(c.text.endsWith('…') && value.startsWith(c.text.slice(0, -1)) && c.text.length > 3, `${name}: ${c.text}`);
      assert.equal(c.label, value);
      const last = c.text.charCodeAt(c.text.length - 2);
      assert.ok(!(last >= 0xd800 && last <= 0xdbff), `${name}: no half of an emoji`);
    }
    return all.find((x) => x.title === values.ascii)!.text.length;
  };
  const at13 = await check();
  await page.evaluate(() => document.documentElement.style.setProperty('--vscode-editor-font-size', '20px'));
  await frames(3);
  const at20 = await check();
  assert.ok(at20 < at13, `fewer characters in a larger font: ${at20} < ${at13}`);

  // Selected cells copy as their whole values (a tab between cells, a line per row), not as the text cut to fit.
  await page.evaluate(() => window.addEventListener('copy', (e) => ((window as unknown as { copied?: string }).copied = e.clipboardData?.getData('text/plain'))));
  await page.evaluate((sel) => {
    const [first, second] = [...document.querySelectorAll(sel)].sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')));
    const range = document.createRange();
    range.setStart(first!.children[2]!.firstChild!, 0);
    range.setEnd(second!.lastElementChild!.firstChild!, 2);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, ROWS);
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(() => (window as unknown as { copied?: string }).copied);
  const whole = Object.values(values).join('\t');
  assert.equal(copied, `d0\t${EVIL}\t${whole}\n2\td1\tn1\t${whole}`);
});
