// The document browser bundle in headless chromium with a stand-in for the VS Code webview API: database values are
// text (a hostile value stays a string), the table ⇄ JSON toggle shows the exact JSON, row buttons name the
// document by index, Load more appends, and malformed host messages are ignored.
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
