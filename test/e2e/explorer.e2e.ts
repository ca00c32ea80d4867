// Schema explorer in real VS Code against the Astra sandbox: connect, expand a keyspace and tables (columns in key
// order, a vector index), Describe a table into a CQL editor, and Select Rows into a notebook that shows the rows.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withEditor } from './harness/editor.js';
import { NotebookEditor } from './harness/notebook.js';
import { requireExtension } from './harness/paths.js';
import { poll } from './harness/workbench.js';
import { startSandbox } from '../sandbox/index.js';

test('explorer: expand schema, Describe, Select Rows', async () => {
  const sb = await startSandbox({ mode: 'astra', seed: 'demo' });
  const dir = mkdtempSync(join(tmpdir(), 'explorer-e2e-'));
  const demo = join(dir, 'demo.json');
  writeFileSync(demo, JSON.stringify({ name: 'Sandbox DB', bundlePath: sb.bundlePath, token: sb.token }));
  try {
    await withEditor('explorer', { extension: requireExtension(), env: { ASTRA_DB_VSCODE_DEMO: demo } }, async ({ wb }) => {
      await wb.showConnectionKeyspace('Sandbox DB');
      assert.ok(await wb.treeRow(/^System keyspaces$/).isVisible(), 'system keyspaces are folded into one folder');
      assert.ok(!(await wb.treeRow(/^system_schema$/).isVisible().catch(() => false)));

      await wb.expandTreeRow(/^demo$/);
      await wb.expandTreeRow(/^Tables/);
      await wb.expandTreeRow(/^products$/);
      await wb.treeRow(/^products_embedding_idx/).waitFor();
      // Label and description of every visible row ("id" + "int").
      const rows = await wb.page.locator('.part.sidebar .monaco-list-row').evaluateAll((els) =>
        els.map((el) => [el.querySelector('.label-name'), el.querySelector('.label-description')]
          .map((e) => e?.textContent?.trim() ?? '').filter(Boolean).join(' ')),
      );
      const start = rows.indexOf('products');
      assert.deepEqual(rows.slice(start + 1, start + 6), [
        'id int', 'embedding vector<float, 3>', 'name text', 'price decimal', 'products_embedding_idx embedding',
      ]);

      const menu = await wb.contextMenuAction(wb.treeRow(/^products$/), 'Describe');
      for (const action of ['Select Rows', 'Describe', 'Copy Name', 'Drop Table']) {
        assert.ok(menu.some((m) => m.includes(action)), `context menu: ${menu.join(' | ')}`);
      }
      const editor = wb.page.locator('.editor-instance .monaco-editor .view-lines').first();
      const ddl = await poll('the DESCRIBE editor', async () => {
        const text = (await editor.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
        return text.includes('CREATE CUSTOM INDEX') ? text : undefined;
      }, 20_000);
      assert.match(ddl, /CREATE TABLE demo\.products \(/);
      assert.match(ddl, /USING 'StorageAttachedIndex' WITH OPTIONS = \{'similarity_function': 'COSINE'\}/);

      await wb.treeRow(/^all_types$/).scrollIntoViewIfNeeded();
      await wb.contextMenuAction(wb.treeRow(/^all_types$/), 'Select Rows');
      const nb = new NotebookEditor(wb.page);
      await nb.waitOpen();
      assert.equal(await nb.cellText(0), 'SELECT * FROM demo.all_types LIMIT 100');
      assert.equal(await nb.waitCellDone(0, 40_000), 'success');
      assert.match(await nb.waitForOutput(/plain ascii/, 40_000), /plain ascii/);
      await wb.screenshot('explorer');
    });
  } finally {
    await sb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
