// Row editing in the real renderer bundle (headless chromium, a fake extension answering): the cell editor, type
// checks as you type, Tab between editable cells, staged and deleted rows highlighted, the typed edits sent on
// Apply (values as typed, keys as the lossless values held, no CQL), and the read-only reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rendererPageForFile, rendererSkip, renderRows } from './rendererHarness.js';

const r = rendererPageForFile();
const skip = rendererSkip;

// renderRows' columns: id bigint, seq int, name text, at timestamp, vec vector<float, 6>.
const editable = {
  editable: true,
  table: 'demo.events',
  columns: [
    { name: 'id', type: 'bigint', role: 'partition' }, { name: 'seq', type: 'int', role: 'clustering' },
    { name: 'name', type: 'text', role: 'regular' }, { name: 'at', type: 'timestamp', role: 'regular' },
    { name: 'vec', type: 'vector<float, 6>', role: 'readonly' },
  ],
};

const cell = (row: number, col: number) => r.page.locator(`.astra-body .astra-row[data-row="${row}"] > .astra-cell`).nth(col + 1);
const editorInput = () => r.page.locator('.astra-celleditor .astra-editinput');

async function render(opts: Record<string, unknown>): Promise<void> {
  await r.page.evaluate(() => {
    document.body.textContent = '';
    (window as unknown as { astraMessages: unknown[] }).astraMessages = [];
  });
  await renderRows(r.page, 20, { messaging: true, ...opts });
}

test('an editable result: edit, check as typed, Tab, delete, and Apply sends typed edits only', { skip }, async () => {
  await render({ editInfo: editable });
  await r.page.locator('.astra-edit-status', { hasText: 'Editable (demo.events)' }).waitFor();

  await cell(0, 2).dblclick();
  assert.equal(await editorInput().inputValue(), 'name 0', 'the editor opens with the value');
  await editorInput().fill("it's new");
  await editorInput().press('Tab');
  // Tab saved the name and moved to the next editable column (at: a timestamp, null in row 0).
  assert.match(await r.page.locator('.astra-celleditor').innerText(), /Row 1, at \(timestamp\)/);
  assert.equal(await editorInput().inputValue(), '');
  await editorInput().fill('not a time');
  assert.match(await r.page.locator('.astra-celleditor .astra-error').innerText(), /timestamp/);
  await editorInput().press('Enter');
  assert.equal(await editorInput().count(), 1, 'an invalid value is not saved');
  await editorInput().fill('2024-01-02T03:04:05.678Z');
  await editorInput().press('Enter');
  assert.equal(await editorInput().count(), 0);
  assert.equal(await cell(0, 2).innerText(), "it's new");
  assert.equal(await r.page.locator('.astra-staged').count(), 2);

  // Key and computed cells open the full value instead, with the reason.
  await cell(1, 1).dblclick();
  assert.equal(await editorInput().count(), 0);
  assert.match(await r.page.locator('.astra-edit-status').innerText(), /Key columns cannot be changed/);
  await cell(1, 4).dblclick();
  assert.match(await r.page.locator('.astra-edit-status').innerText(), /not a column of the table/);

  await cell(2, 2).click();
  await r.page.keyboard.press('Delete');
  assert.match(await r.page.locator('.astra-editing .astra-meta').innerText(), /2 edited · 1 deleted · 0 new/);
  assert.equal(await r.page.locator('.astra-body .astra-row[data-row="2"] .astra-deleted').count(), 5);

  await r.page.keyboard.press('Control+s');
  await r.page.locator('.astra-edit-status', { hasText: 'Applied' }).waitFor();
  const sent = await r.page.evaluate(() => (window as unknown as { astraMessages: { type: string; requestId?: number }[] }).astraMessages.find((m) => m.type === 'applyEdits'));
  assert.deepEqual(sent, {
    type: 'applyEdits', requestId: (sent as { requestId: number }).requestId, queryId: 'q:1', lwt: false,
    edits: [
      {
        kind: 'update',
        key: [{ column: 'id', value: { t: 'bigint', v: '9223372036854775807' } }, { column: 'seq', value: 0 }],
        changes: [
          { column: 'name', old: 'name 0', input: { text: "it's new" } },
          { column: 'at', old: null, input: { text: '2024-01-02T03:04:05.678Z' } },
        ],
      },
      { kind: 'delete', key: [{ column: 'id', value: { t: 'bigint', v: '9223372036854775805' } }, { column: 'seq', value: 2 }] },
    ],
  });
  assert.equal(await r.page.locator('.astra-report-ok').count(), 2, 'one report per statement');
  assert.equal(await r.page.locator('.astra-staged').count(), 0, 'applied edits are no longer staged');
});

test('a new row needs its key columns and is sent as an insert', { skip }, async () => {
  await render({ editInfo: editable });
  await r.page.locator('.astra-edit-status', { hasText: 'Editable' }).waitFor();
  await r.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.astra-editing vscode-button')].find((b) => b.textContent === 'New row')!.click());
  const field = (name: string) => r.page.locator(`.astra-newrow input[aria-label="${name}"]`);
  await field('id').fill('42');
  await field('name').press('Enter');
  assert.match(await r.page.locator('.astra-newrow .astra-error').innerText(), /seq is required/);
  await field('seq').fill('7');
  await field('name').fill('fresh');
  await field('name').press('Enter');
  assert.equal(await r.page.locator('.astra-newrow').count(), 0);
  assert.match(await r.page.locator('.astra-editing .astra-meta').innerText(), /1 new/);
  await r.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.astra-editing vscode-button')].find((b) => b.textContent === 'Apply…')!.click());
  await r.page.locator('.astra-edit-status', { hasText: 'Applied' }).waitFor();
  const sent = await r.page.evaluate(() => (window as unknown as { astraMessages: { type: string; edits?: unknown }[] }).astraMessages.find((m) => m.type === 'applyEdits')!.edits);
  assert.deepEqual(sent, [{ kind: 'insert', values: [{ column: 'id', input: { text: '42' } }, { column: 'seq', input: { text: '7' } }, { column: 'name', input: { text: 'fresh' } }] }]);
});

test('a read-only result shows why and opens values instead of editors', { skip }, async () => {
  await render({ editInfo: { editable: false, reason: 'SELECT JSON results are read-only: each row is one JSON text.' } });
  await r.page.locator('.astra-edit-status', { hasText: 'SELECT JSON results are read-only' }).waitFor();
  assert.equal(await r.page.locator('.astra-edit-actions').isVisible(), false);
  await cell(0, 2).dblclick();
  assert.equal(await editorInput().count(), 0);
  assert.equal(await r.page.locator('.astra-detail').isVisible(), true, 'the full value opens as before');
});
