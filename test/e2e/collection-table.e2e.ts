// A Data API collection is a CQL table of its keyspace, as on Astra: in real VS Code the schema explorer lists the
// sandbox's demo.catalog collection under demo's tables with the Data API's columns, and Select Rows shows its
// documents' JSON in a notebook.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withEditor } from './harness/editor.js';
import { NotebookEditor } from './harness/notebook.js';
import { requireExtension } from './harness/paths.js';
import { scaled } from './harness/workbench.js';
import { startSandbox } from '../sandbox/index.js';

test('collection as a table: demo.catalog in the explorer, Select Rows shows document JSON', async () => {
  const sb = await startSandbox({ mode: 'astra', seed: 'demo' });
  const dir = mkdtempSync(join(tmpdir(), 'collection-e2e-'));
  const demo = join(dir, 'demo.json');
  writeFileSync(demo, JSON.stringify({ name: 'Sandbox DB', bundlePath: sb.bundlePath, token: sb.token }));
  try {
    await withEditor('collection-table', { extension: requireExtension(), env: { ASTRA_DB_VSCODE_DEMO: demo } }, async ({ wb }) => {
      await wb.showConnectionKeyspace('Sandbox DB');
      await wb.expandTreeRow(/^demo$/);
      await wb.expandTreeRow(/^Tables/);
      await wb.expandTreeRow(/^catalog$/);
      await wb.treeRow(/^catalog_query_vector_value/).waitFor({ timeout: scaled(20_000) });
      const rows = await wb.page.locator('.part.sidebar .monaco-list-row').evaluateAll((els) =>
        els.map((el) => [el.querySelector('.label-name'), el.querySelector('.label-description')]
          .map((e) => e?.textContent?.trim() ?? '').filter(Boolean).join(' ')),
      );
      const start = rows.indexOf('catalog');
      assert.equal(rows[start + 1], 'key frozen<tuple<tinyint, text>>', `rows after catalog: ${rows.slice(start, start + 6).join(' | ')}`);
      assert.ok(rows.includes('doc_json text') && rows.includes('query_vector_value vector<float, 8>'), rows.join(' | '));

      await wb.contextMenuAction(wb.treeRow(/^catalog$/), 'Select Rows');
      const nb = new NotebookEditor(wb.page);
      await nb.waitOpen();
      assert.equal(await nb.cellText(0), 'SELECT * FROM demo.catalog LIMIT 100');
      assert.equal(await nb.waitCellDone(0, 40_000), 'success');
      const output = await nb.waitForOutput(/"_id":"p\d{4}"/, 40_000);
      assert.match(output, /"category":"(books|games|garden|kitchen|music|tools)"/);
      await wb.screenshot('collection-table');
    });
  } finally {
    await sb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
