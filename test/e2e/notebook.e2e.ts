import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { withEditor } from './harness/editor.js';
import { NotebookEditor } from './harness/notebook.js';
import { poll } from './harness/workbench.js';
import { testTarget } from '../support/target.js';

// A demo notebook runs on the sandbox: grid, Load more through renderer messaging, XSS payload shown as text,
// and New CQL Notebook bound to the active connection.
test('notebook: run, load more, values as text, new notebook', async () => {
  const target = await testTarget({ seed: 'demo' });
  try {
    const demo = `${process.env.TMPDIR ?? '/tmp'}/astra-notebook-demo.json`;
    writeFileSync(demo, JSON.stringify({ name: 'Sandbox', bundlePath: target.bundlePath, token: target.token }));
    const nbFile = JSON.stringify({
      format: 'astra-cql-notebook', version: 1, metadata: { keyspace: 'demo' },
      cells: [
        { kind: 'markdown', source: '# Smoke' },
        { kind: 'code', language: 'cql', source: "SELECT * FROM demo.all_types;\nSELECT * FROM events;" },
        { kind: 'code', language: 'cql', source: 'SELEC oops;' },
      ],
    }, null, 2);
    await withEditor('nb smoke', { env: { ASTRA_DB_VSCODE_DEMO: demo }, workspaceFiles: { 'demo.cqlnb': nbFile } }, async ({ wb }) => {
      await wb.openFile('demo.cqlnb');
      const nb = new NotebookEditor(wb.page);
      await nb.waitOpen();
      await wb.waitForStatusBar(/Sandbox/);
      await nb.runCell(0);
      const state = await nb.waitCellDone(0, 60_000);
      await wb.screenshot('nb-smoke-run');
      assert.equal(state, 'success');
      await nb.waitForOutput(/onerror/);
      // Load more in the output webview: find the frame with our grid and click it.
      await nb.runCell(0);
      await nb.waitCellDone(0, 60_000);
      const frames = () => wb.page.frames();
      const grid = await poll('a frame with the grid', async () => {
        for (const f of frames()) {
          try { if (await f.locator('.astra-meta', { hasText: '100+ rows' }).count()) return f; } catch {}
        }
        return undefined;
      }, 30_000);
      // Evaluated inside the output webview; the CSP there forbids eval, so the lookup is written out twice.
      await poll('load more enabled', async () => (await grid.evaluate(() => {
        const b = [...document.querySelectorAll<HTMLElement & { disabled?: boolean }>('vscode-button')]
          .find((x) => x.textContent === 'Load more' && !x.hidden);
        return b && !b.disabled ? true : undefined;
      })), 15_000);
      await grid.evaluate(() => {
        [...document.querySelectorAll<HTMLElement>('vscode-button')]
          .find((x) => x.textContent === 'Load more' && !x.hidden)?.click();
      });
      await poll('200 rows', async () => (await grid.locator('.astra-meta', { hasText: '200+ rows' }).count()) ? true : undefined, 15_000);
      const xss = await grid.evaluate(() => ({ imgs: document.querySelectorAll('img').length }));
      assert.equal(xss.imgs, 0, 'a stored <img onerror> value must render as text');
      await wb.screenshot('nb-smoke-loadmore');
      // New CQL Notebook from the palette: untitled, bound to the active connection.
      await wb.runCommand('Astra: New CQL Notebook');
      await poll('the untitled notebook', async () => ((await wb.page.locator('.tab', { hasText: 'Untitled' }).count()) ? true : undefined), 20_000);
      await wb.waitForStatusBar(/Sandbox · demo/);
      await wb.screenshot('nb-smoke-untitled');
    });
  } finally {
    await target.stop();
  }
});
