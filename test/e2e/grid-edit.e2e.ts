// Editing rows from a notebook result in real VS Code: two cells edited and a row deleted in the grid, the preview
// lists the three statements, Apply runs them, the cell run again shows the new data; the Query History view lists
// the statements and re-runs one in a new notebook; a `.cql` file's results panel edits the same way; the history
// is still there after a reload.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { withEditor } from './harness/editor.js';
import { NotebookEditor } from './harness/notebook.js';
import { poll, scaled } from './harness/workbench.js';
import { startSandbox } from '../sandbox/index.js';

const SETUP = [
  'CREATE TABLE IF NOT EXISTS demo.grid_edit (id int, seq int, name text, score int, PRIMARY KEY (id, seq));',
  "INSERT INTO demo.grid_edit (id, seq, name, score) VALUES (1, 1, 'alpha', 10);",
  "INSERT INTO demo.grid_edit (id, seq, name, score) VALUES (1, 2, 'beta', 20);",
  "INSERT INTO demo.grid_edit (id, seq, name, score) VALUES (1, 3, 'gamma', 30);",
].join('\n');
const SELECT = 'SELECT * FROM demo.grid_edit WHERE id = 1;';

/** The output frame whose grid says it is editable (and has `columns` columns, when given). */
function editableFrame(page: Page, columns?: number): Promise<Frame> {
  return poll('an editable result grid', async () => {
    for (const f of page.frames()) {
      try {
        if (columns !== undefined && (await f.locator('.astra-hcell').count()) !== columns) continue;
        if (await f.locator('.astra-edit-status', { hasText: 'Editable' }).count()) return f;
      } catch {
        // Frames come and go while the notebook renders.
      }
    }
    return undefined;
  }, 60_000);
}

/** Clicks a row-editing button by its label (inside the output webview, whose CSP forbids eval). */
async function clickButton(frame: Frame, label: string): Promise<void> {
  const clicked = await frame.evaluate((text) => {
    const b = [...document.querySelectorAll<HTMLElement & { disabled?: boolean }>('.astra-editing vscode-button')].find((x) => x.textContent === text);
    if (!b || b.disabled) return false;
    b.click();
    return true;
  }, label);
  assert.ok(clicked, `button "${label}" is there and enabled`);
}

async function editCell(frame: Frame, row: number, col: number, text: string): Promise<void> {
  // Child 0 of a grid row is the row number.
  await frame.locator(`.astra-body .astra-row[data-row="${row}"] > .astra-cell`).nth(col + 1).dblclick();
  const input = frame.locator('.astra-celleditor .astra-editinput');
  await input.waitFor({ timeout: scaled(10_000) });
  await input.fill(text);
  await input.press('Enter');
  await input.waitFor({ state: 'detached', timeout: scaled(10_000) });
}

test('grid edit: edit two cells, delete a row, preview, apply, re-run; history lists and re-runs', async () => {
  const sb = await startSandbox({ mode: 'astra', seed: 'demo' });
  const dir = mkdtempSync(join(tmpdir(), 'grid-edit-e2e-'));
  const demo = join(dir, 'demo.json');
  writeFileSync(demo, JSON.stringify({ name: 'Sandbox', bundlePath: sb.bundlePath, token: sb.token }));
  const nbFile = JSON.stringify({
    format: 'astra-cql-notebook', version: 1, metadata: { keyspace: 'demo' },
    cells: [{ kind: 'code', language: 'cql', source: SETUP }, { kind: 'code', language: 'cql', source: SELECT }],
  }, null, 2);
  try {
    await withEditor('grid edit', { env: { ASTRA_DB_VSCODE_DEMO: demo }, workspaceFiles: { 'edit.cqlnb': nbFile, 'q.cql': 'SELECT id, seq, score FROM demo.grid_edit WHERE id = 1;\n' } }, async ({ wb }) => {
      await wb.openFile('edit.cqlnb');
      const nb = new NotebookEditor(wb.page);
      await nb.waitOpen();
      await wb.waitForStatusBar(/Sandbox/);
      await nb.runCell(0);
      assert.equal(await nb.waitCellDone(0, 60_000), 'success');
      await nb.runCell(1);
      assert.equal(await nb.waitCellDone(1, 60_000), 'success');

      // Columns of SELECT *: id, seq (the key), name, score.
      const grid = await editableFrame(wb.page);
      await editCell(grid, 0, 2, "alpha'2");
      await editCell(grid, 1, 3, '21');
      await grid.locator('.astra-body .astra-row[data-row="2"] > .astra-cell').nth(3).click();
      await clickButton(grid, 'Delete row');
      await poll('staged counts', async () => ((await grid.locator('.astra-editing .astra-meta').innerText()).includes('2 edited · 1 deleted') ? true : undefined));
      assert.equal(await grid.locator('.astra-staged').count(), 2, 'two staged cells are highlighted');
      assert.ok((await grid.locator('.astra-deleted').count()) >= 4, 'the deleted row is marked');
      await wb.screenshot('grid-edit-staged');

      await clickButton(grid, 'Apply…');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: scaled(20_000) });
      const preview = (await dialog.innerText()).replace(/\u00a0/g, ' ');
      const statements = preview.split('\n').filter((l) => /^(UPDATE|DELETE|INSERT) .*;$/.test(l.trim()));
      assert.deepEqual(statements, [
        "UPDATE demo.grid_edit SET name = 'alpha''2' WHERE id = 1 AND seq = 1;",
        'UPDATE demo.grid_edit SET score = 21 WHERE id = 1 AND seq = 2;',
        'DELETE FROM demo.grid_edit WHERE id = 1 AND seq = 3;',
      ], preview);
      assert.match(preview, /one batch/);
      await wb.screenshot('grid-edit-preview');
      await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).click();
      await poll('the edits applied', async () => ((await grid.locator('.astra-edit-status', { hasText: 'Applied' }).count()) ? true : undefined), 30_000);
      assert.equal(await grid.locator('.astra-report-ok').count(), 3, 'one report per statement');

      await nb.runCell(1);
      assert.equal(await nb.waitCellDone(1, 60_000), 'success');
      const rerun = await nb.waitForOutput(/alpha'2/, 30_000);
      assert.match(rerun, /21/);
      assert.doesNotMatch(rerun, /gamma/);
      assert.match(rerun, /2 rows/);

      // The Query History view lists the statements, newest first.
      await wb.showAstraSideBar();
      const header = wb.page.locator('.part.sidebar .pane-header', { hasText: 'Query History' });
      await header.waitFor({ timeout: scaled(20_000) });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      // Room for every row of the history (the list renders only the rows in view).
      const connections = wb.page.locator('.part.sidebar .pane-header', { hasText: 'Connections' });
      if ((await connections.getAttribute('aria-expanded')) === 'true') await connections.click();
      for (const text of ['UPDATE demo.grid_edit SET name = ', 'DELETE FROM demo.grid_edit', 'INSERT INTO demo.grid_edit']) {
        await wb.treeRow(text).waitFor({ timeout: scaled(20_000) });
      }
      const profileRow = wb.treeRow(/statements/);
      const count = async () => Number(/(\d+) statements/.exec(await profileRow.innerText())?.[1] ?? 0);
      const before = await count();
      await wb.screenshot('grid-edit-history');

      await wb.contextMenuAction(wb.treeRow('SELECT * FROM demo.grid_edit'), 'Re-run in a Notebook');
      await poll('the re-run notebook', async () => ((await wb.page.locator('.tab', { hasText: 'Untitled' }).count()) ? true : undefined), 30_000);
      await poll('the re-run recorded in the history', async () => ((await count()) > before ? true : undefined), 60_000);
      await nb.waitForOutput(/alpha'2/, 30_000);
      await wb.screenshot('grid-edit-history-rerun');

      // The .cql results panel hosts the same grid: edit there too.
      await wb.openFile('q.cql');
      await wb.page.locator('.part.editor .monaco-editor .view-line').filter({ hasText: 'SELECT' }).first().click();
      await wb.runCommand('Astra: Run Statement');
      const panel = await editableFrame(wb.page, 3);
      await editCell(panel, 1, 2, '22');
      await clickButton(panel, 'Apply…');
      await dialog.waitFor({ timeout: scaled(20_000) });
      assert.match(await dialog.innerText(), /UPDATE demo\.grid_edit SET score = 22 WHERE id = 1 AND seq = 2;/);
      await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).click();
      await poll('the panel edit applied', async () => ((await panel.locator('.astra-edit-status', { hasText: 'Applied' }).count()) ? true : undefined), 30_000);
      await wb.page.locator('.part.editor .monaco-editor .view-line').filter({ hasText: 'SELECT' }).first().click();
      await wb.runCommand('Astra: Run Statement');
      await poll('the panel to show the new score', async () => {
        const f = await editableFrame(wb.page, 3);
        return (await f.locator('.astra-body').innerText()).includes('22') ? true : undefined;
      }, 45_000);
      await wb.screenshot('grid-edit-cql-panel');

      // The history survives a reload of the window (it is read back from the extension's storage).
      wb.page.on('dialog', (d) => void d.accept());
      await wb.page.reload();
      await wb.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: scaled(60_000) });
      await wb.showAstraSideBar();
      const historyHeader = wb.page.locator('.part.sidebar .pane-header', { hasText: 'Query History' });
      await historyHeader.waitFor({ timeout: scaled(30_000) });
      if ((await historyHeader.getAttribute('aria-expanded')) !== 'true') await historyHeader.click();
      await wb.treeRow('DELETE FROM demo.grid_edit').waitFor({ timeout: scaled(60_000) });
      await wb.screenshot('grid-edit-history-reloaded');
    });
  } finally {
    await sb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
