// From the welcome view to a connected database using only an Astra token. The DevOps
// API is the sandbox's stand-in (user setting astra.devopsApiUrl; its CA trusted through ASTRA_DB_VSCODE_DEVOPS_CA).
// Afterwards the token must be in no file the editor wrote, only in VS Code's secret store.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { startSandbox } from '../sandbox/index.js';
import { withEditor } from './harness/editor.js';
import { requireExtension } from './harness/paths.js';
import { scanForSecret } from './harness/secretScan.js';
import { poll, scaled } from './harness/workbench.js';

test('welcome view → token → database → connected, without downloading a bundle by hand', async () => {
  const extension = requireExtension();
  const sb = await startSandbox({ seed: 'none', nodes: 1 });
  try {
    await withEditor(
      'astra-account',
      { extension, env: { ASTRA_DB_VSCODE_DEVOPS_CA: sb.caPath }, settings: { 'astra.devopsApiUrl': sb.devopsUrl } },
      async ({ wb, cs, browser }) => {
        await wb.activityBarItem('Astra DB').click();
        const button = wb.page.locator('.welcome-view-content .monaco-button', { hasText: 'Add Databases from Astra Account' }).first();
        await button.waitFor({ timeout: scaled(30_000) });
        await button.click();

        await wb.waitQuickInput('Astra application token');
        assert.equal(await wb.quickInputIsPassword(), true, 'the token box masks what is typed');
        await wb.typeQuickInput(sb.token);

        await wb.waitQuickInput('Add a database from your Astra account', 30_000);
        const labels = await poll('the database list', async () => {
          const items = await wb.quickPickItems();
          return items.some((l) => l.includes('analytics-archive')) ? items : undefined;
        });
        assert.ok(labels.some((l) => l.includes('sandbox-db')), labels.join(' | '));
        await wb.screenshot('astra-account-databases');
        await wb.pickQuickItem('sandbox-db');

        const item = wb.statusBarItem('sandbox-db');
        await item.locator('.codicon-database').waitFor({ timeout: scaled(60_000) });
        assert.match(await item.innerText(), /sandbox-db · LOCAL_QUORUM/);
        await wb.treeRow('sandbox-db').waitFor();
        await wb.screenshot('astra-account-connected');

        // The Astra Account view lists every database, the sleeping ones with their status.
        await wb.dismissHovers();
        await wb.page.locator('.part.sidebar .pane-header', { hasText: 'Astra Account' }).first().click();
        const hibernated = wb.treeRow('analytics-archive');
        await hibernated.waitFor({ timeout: scaled(30_000) });
        assert.match(await hibernated.innerText(), /HIBERNATED/);
        assert.match(await wb.treeRow('sandbox-db').innerText(), /sandbox-db/);
        await wb.screenshot('astra-account-view');

        await browser.close();
        await cs.stop();
        const files = readdirSync(cs.runDir, { recursive: true, encoding: 'utf8' });
        assert.ok(files.some((f) => f.endsWith('.zip')), 'the fetched bundle was saved in the extension storage');
        const { hits, filesScanned } = scanForSecret(cs.runDir, sb.token);
        assert.ok(filesScanned > 50, `scanned ${filesScanned} files`);
        assert.deepEqual(hits, [], `the token appears in: ${hits.map((h) => `${h.file} (${h.encoding})`).join(', ')}`);
      },
    );
  } finally {
    await sb.stop();
  }
});
