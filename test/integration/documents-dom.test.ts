// The document browser bundle in headless chromium with a stand-in for the VS Code webview API: database values are
// text (a hostile value stays a string), the table ⇄ JSON toggle shows the exact JSON, row buttons name the
// document by index, Load more appends, and malformed host messages are ignored. With 1,000 documents only a window
// of rows is in the DOM, scrolling reaches the last one, and a row's buttons still name its own document.
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
  page = await browser.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="app"></div></body></html>');
  await page.addScriptTag({ content: 'window.sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.sent.push(m), getState: () => undefined, setState: () => {} });' });
  await page.addScriptTag({ content: out.outputFiles[0]!.text });
});

after(async () => {
  await browser?.close();
});

const post = (m: HostToBrowser | Record<string, unknown>) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
const sent = () => page.evaluate(() => (window as unknown as { sent: { type: string; index?: number }[] }).sent);

test('rows as text, JSON view, row actions, Load more', { skip }, async () => {
  assert.deepEqual((await sent())[0], { type: 'ready' });
  await post({ type: 'init', collection: { keyspace: 'demo', name: 'catalog', database: 'db', vectorDimension: 3, metric: 'cosine' }, form: { mode: 'filter', filter: '', projection: '', sort: '', limit: '', search: '' } });
  await post({ type: 'rows', queryId: 0, append: false, rows: [row(0), row(1)], more: true, note: '2 documents · filter · 5 ms' });
  await page.waitForFunction(() => document.querySelectorAll('table.doc-grid tbody tr').length === 2);
  assert.equal(await page.locator('table.doc-grid tbody tr').first().locator('td').nth(3).innerText(), EVIL);
  assert.equal(await page.evaluate(() => document.querySelectorAll('table.doc-grid img').length), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);

  await page.locator('table.doc-grid tbody tr').nth(1).locator('button.doc-similar').click();
  await page.locator('table.doc-grid tbody tr').nth(0).locator('button.doc-edit').click();
  const actions = (await sent()).filter((m) => m.type !== 'ready');
  assert.deepEqual(actions.map((m) => [m.type, m.index]), [['similar', 1], ['edit', 0]]);

  await post({ type: 'rows', queryId: 1, append: true, rows: [row(2)], more: false });
  await page.waitForFunction(() => document.querySelectorAll('table.doc-grid tbody tr').length === 3);
  assert.equal(await page.locator('#load-more').isHidden(), true);

  await page.locator('#toggle-view').click();
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

const rowCount = () => page.evaluate(() => document.querySelector('table.doc-body')?.getAttribute('aria-rowcount'));
const domRows = () => page.evaluate(() => [...document.querySelectorAll('table.doc-grid tbody tr')].map((tr) => Number(tr.getAttribute('aria-rowindex'))));

test('1,000 documents: a window of rows in the DOM, scrolled to the last, actions name the row clicked', { skip }, async () => {
  await page.locator('#toggle-view').click();
  assert.equal(await page.locator('table.doc-grid').first().isVisible(), true, 'back to the table view');
  const docs = Array.from({ length: 1000 }, (_, i) => row(i, [['note', `line one\nline two of d${i}`]]));
  await post({ type: 'rows', queryId: 10, append: false, rows: docs.slice(0, 100), more: true });
  for (let from = 100; from < 1000; from += 100) await post({ type: 'rows', queryId: 10, append: true, rows: docs.slice(from, from + 100), more: from + 100 < 1000 });
  await page.waitForFunction(() => document.querySelector('table.doc-body')?.getAttribute('aria-rowcount') === '1000');
  await page.waitForFunction(() => document.querySelectorAll('table.doc-grid tbody tr').length > 0);

  // At the top: the first rows, contiguous, and only about a viewport's worth of them.
  const top = await domRows();
  assert.equal(top[0], 1);
  assert.deepEqual(top, top.map((_, k) => k + 1));
  assert.ok(top.length >= 20 && top.length < 100, `${top.length} rows in the DOM for 1,000 documents`);
  // Every row one line high, so the page is as tall as 1,000 of them (the scrollbar reaches every document).
  const heights = await page.evaluate(() => [...document.querySelectorAll('table.doc-grid tbody tr')].map((tr) => tr.getBoundingClientRect().height));
  assert.ok(heights.every((h) => h === heights[0]), `row heights ${[...new Set(heights)].join(', ')}`);
  assert.equal(await page.locator('tr[aria-rowindex="1"] td').nth(4).innerText(), 'line one↵line two of d0');
  assert.ok(await page.evaluate((h) => document.documentElement.scrollHeight > 1000 * h, heights[0]!));
  // Striping follows the document's position, not the row's place in the DOM.
  assert.deepEqual(await page.evaluate(() => [1, 2, 3].map((i) => document.querySelector(`tr[aria-rowindex="${i}"]`)!.classList.contains('alt'))), [false, true, false]);

  // Scrolled to the end: the last document, still a window.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => document.querySelector('tr[aria-rowindex="1000"]') !== null);
  const bottom = await domRows();
  assert.equal(bottom.at(-1), 1000);
  assert.ok(bottom.length < 100 && !bottom.includes(1), `${bottom.length} rows, the first ones gone`);
  assert.equal(await page.locator('tr[aria-rowindex="1000"] td').nth(2).innerText(), 'd999');
  assert.equal(await page.locator('tr[aria-rowindex="1000"]').evaluate((tr) => tr.classList.contains('alt')), true);

  // Buttons of rows scrolled into view name their own documents.
  const before = (await sent()).length;
  await page.locator('tr[aria-rowindex="1000"] button.doc-delete').click();
  await page.locator('tr[aria-rowindex="990"] button.doc-edit').click();
  // Half way back up, a row that was never in the DOM before.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await page.waitForFunction(() => !document.querySelector('tr[aria-rowindex="1000"]'));
  const middle = await domRows();
  const target = middle[Math.floor(middle.length / 2)]!;
  assert.equal(await page.locator(`tr[aria-rowindex="${target}"] td`).nth(2).innerText(), `d${target - 1}`);
  await page.locator(`tr[aria-rowindex="${target}"] button.doc-similar`).click();
  const clicked = (await sent()).slice(before).map((m) => [m.type, m.index]);
  assert.deepEqual(clicked, [['delete', 999], ['edit', 989], ['similar', target - 1]]);

  // The JSON view of the same documents, built over a few frames, then complete.
  await page.locator('#toggle-view').click();
  await page.waitForFunction(() => document.querySelector('.doc-json-list')?.getAttribute('aria-busy') === 'false');
  assert.equal(await page.locator('.doc-json').count(), 1000);
  assert.equal(await page.locator('table.doc-grid tbody tr').count(), 0, 'the hidden table keeps no rows');
  // textContent: a block off screen is not rendered (content-visibility), yet it is there to find.
  assert.match(await page.locator('.doc-json').last().evaluate((b) => b.textContent ?? ''), /#1000[\s\S]*"_id": "d999"/);
  await page.locator('#toggle-view').click();
  await page.waitForFunction(() => document.querySelectorAll('table.doc-grid tbody tr').length > 0);
  assert.equal(await rowCount(), '1000');
  assert.equal(await page.locator('.doc-json').count(), 0, 'the hidden JSON view keeps no blocks');
});
