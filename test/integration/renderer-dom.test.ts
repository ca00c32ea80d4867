// The result renderer in a real browser: virtualization, text-only values, Load more, keyboard, JSON view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rendererPageForFile, rendererSkip, renderRows } from './rendererHarness.js';

const r = rendererPageForFile();
const skip = rendererSkip;

const domRows = () => r.page.evaluate(() => document.querySelectorAll('.astra-body .astra-row').length);
const visibleRowNumbers = () =>
  r.page.evaluate(() => [...document.querySelectorAll('.astra-body .astra-row')].map((row) => Number(row.firstElementChild!.textContent)));

test('100,000 rows: few DOM rows, scrolling to row 50,000 shows it, values are text', { skip }, async () => {
  await r.page.evaluate(() => (document.body.textContent = ''));
  await renderRows(r.page, 100_000);
  assert.ok((await domRows()) < 60, `DOM rows: ${await domRows()}`);
  // The first paint comes before every row is read: the result says it is busy until the last one is.
  assert.equal(await r.page.evaluate(() => document.querySelector('.astra-result')!.getAttribute('aria-busy')), 'true');
  await r.page.waitForFunction(() => !document.querySelector('.astra-result')!.hasAttribute('aria-busy'));
  await r.page.evaluate(() => {
    const grid = document.querySelector('.astra-grid') as HTMLElement;
    grid.scrollTop = 49_999 * 22;
  });
  await r.page.waitForFunction(() => [...document.querySelectorAll('.astra-body .astra-row')].some((row) => row.firstElementChild!.textContent === '50000'));
  const nums = await visibleRowNumbers();
  assert.ok(nums.includes(50_000));
  assert.ok((await domRows()) < 60);
  // The row with an HTML payload: shown as text, no element created, no script ran.
  await r.page.evaluate(() => ((document.querySelector('.astra-grid') as HTMLElement).scrollTop = 0));
  await r.page.waitForFunction(() => document.body.textContent!.includes('<img src=x onerror="window.pwned=1">'));
  assert.equal(await r.page.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await r.page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
  // Exact bigint and compact vector text.
  const text = await r.page.evaluate(() => document.querySelector('.astra-body')!.textContent!);
  assert.ok(text.includes('9223372036854775807'));
  assert.ok(text.includes('[0, 1, 2, 3, …] (6 dims)'));
  assert.ok(text.includes('null'));
  const meta = await r.page.evaluate(() => document.querySelector('.astra-meta')!.textContent);
  assert.equal(meta, '100000 rows · 12.5 ms · LOCAL_QUORUM · 127.0.0.1:9042');
});

test('100,000 rows paint before all are parsed; the grid is sized for all and every row arrives', { skip }, async () => {
  await r.page.evaluate(() => (document.body.textContent = ''));
  await renderRows(r.page, 100_000);
  // Sized for every row at once, so a jump to the end lands there even while rows are still being parsed.
  assert.equal(await r.page.evaluate(() => document.querySelector('.astra-grid')!.getAttribute('aria-rowcount')), '100001');
  await r.page.evaluate(() => ((document.querySelector('.astra-grid') as HTMLElement).scrollTop = 1e9));
  await r.page.waitForFunction(() => [...document.querySelectorAll('.astra-body .astra-row')].some((row) => row.firstElementChild!.textContent === '100000' && row.children[3]!.textContent === 'name 99999'));
  assert.ok((await domRows()) < 60);
});

test('a result saved as plain JSON (saved notebooks, earlier versions) renders every row', { skip }, async () => {
  await r.page.evaluate(() => (document.body.textContent = ''));
  await renderRows(r.page, 5000, { legacy: true });
  assert.equal(await r.page.evaluate(() => document.querySelector('.astra-meta')!.textContent), '5000 rows · 12.5 ms · LOCAL_QUORUM · 127.0.0.1:9042');
  await r.page.evaluate(() => ((document.querySelector('.astra-grid') as HTMLElement).scrollTop = 1e9));
  await r.page.waitForFunction(() => [...document.querySelectorAll('.astra-body .astra-row')].some((row) => row.firstElementChild!.textContent === '5000' && row.children[3]!.textContent === 'name 4999'));
});

test('without a live session Load more and export are disabled with an explanation', { skip }, async () => {
  await r.page.evaluate(() => (document.body.textContent = ''));
  await renderRows(r.page, 10, { totalRows: 100 });
  const state = await r.page.evaluate(() => {
    const b = [...document.querySelectorAll('vscode-button')].find((x) => x.textContent === 'Load more') as HTMLElement & { disabled: boolean };
    return { disabled: b.disabled, title: b.title, note: document.querySelector('.astra-note')!.textContent };
  });
  assert.equal(state.disabled, true);
  assert.match(state.title, /No connection to the extension/);
  assert.match(state.note ?? '', /cannot page or export/);
});

test('Load more asks the extension and appends rows; header types and keyboard navigation work', { skip }, async () => {
  await r.page.evaluate(() => (document.body.textContent = '', ((window as unknown as { astraMessages: unknown[] }).astraMessages = [])));
  await renderRows(r.page, 100, { messaging: true, totalRows: 250, pageRows: 100 });
  const loadMore = r.page.locator('vscode-button', { hasText: 'Load more' });
  await r.page.waitForFunction(() => !(([...document.querySelectorAll('vscode-button')].find((x) => x.textContent === 'Load more') as unknown as { disabled: boolean }).disabled));
  await loadMore.click();
  await r.page.waitForFunction(() => document.querySelector('.astra-meta')!.textContent!.startsWith('200+ rows'));
  await loadMore.click();
  await r.page.waitForFunction(() => document.querySelector('.astra-meta')!.textContent!.startsWith('250 rows'));
  assert.equal(await loadMore.isHidden(), true);
  const types = await r.page.evaluate(() => [...document.querySelectorAll('.astra-htype')].map((e) => e.textContent));
  assert.deepEqual(types, ['bigint', 'int', 'text', 'timestamp', 'vector<float, 6>']);
  // Keyboard: Ctrl+End goes to the last loaded row; Enter opens the full value.
  await r.page.focus('.astra-grid');
  await r.page.keyboard.press('Control+End');
  await r.page.waitForFunction(() => document.querySelector('.astra-focus')?.parentElement?.firstElementChild?.textContent === '250');
  await r.page.keyboard.press('Enter');
  const detail = await r.page.evaluate(() => document.querySelector('.astra-detail pre')!.textContent);
  assert.equal(detail, '[\n 124.5,\n 1,\n 2,\n 3,\n 4,\n 5\n]');
  const messages = await r.page.evaluate(() => (window as unknown as { astraMessages: { type: string }[] }).astraMessages.map((m) => m.type));
  assert.deepEqual(messages, ['status', 'editInfo', 'loadMore', 'loadMore']);
});

test('JSON view toggle shows natural JSON with exact numbers', { skip }, async () => {
  await r.page.evaluate(() => (document.body.textContent = ''));
  await renderRows(r.page, 5);
  await r.page.evaluate(() => ([...document.querySelectorAll('vscode-button')].find((b) => b.textContent === 'JSON') as HTMLElement).click());
  const json = await r.page.evaluate(() => JSON.parse(document.querySelector('.astra-json')!.textContent!));
  assert.equal(json.length, 5);
  assert.equal(json[0].id, '9223372036854775807');
  assert.equal(json[0].at, null);
  assert.equal(json[1].at, new Date(1700000000001).toISOString());
});

test('EXPAND ON results start as records and the toggle reaches the grid, then JSON', { skip }, async () => {
  await r.page.evaluate(() => (document.body.textContent = ''));
  await renderRows(r.page, 3, { payload: { expand: true } });
  const click = (label: string) =>
    r.page.evaluate((l) => {
      const b = [...document.querySelectorAll<HTMLElement>('vscode-button')].find((x) => x.textContent === l);
      if (!b) throw new Error(`no ${l} button`);
      b.click();
    }, label);
  assert.equal(await r.page.evaluate(() => document.querySelectorAll('.astra-records').length), 1);
  await click('Grid');
  assert.equal(await domRows(), 3);
  assert.equal(await r.page.evaluate(() => document.querySelectorAll('.astra-records, .astra-json').length), 0);
  await click('JSON');
  const json = await r.page.evaluate(() => JSON.parse(document.querySelector('.astra-json')!.textContent!));
  assert.equal(json.length, 3);
  await click('Grid');
  assert.equal(await domRows(), 3);
});
