// Data API collections in the real editor: sign in with an Astra token (DevOps and Data API stand-ins of the
// sandbox, settings astra.devopsApiUrl + astra.dataApiUrl, CA through ASTRA_DB_VSCODE_DEVOPS_CA) → demo.catalog in
// the Connections tree with its definition → the document browser shows documents → vector search puts the
// document whose vector was pasted first, with its score → edit it in a JSON tab, save, confirm → the browser and
// the database show the change → delete a document → create and drop a collection from the tree → the token is
// in no file of the run folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { DataAPIClient } from '@datastax/astra-db-ts';
import { readFileSync } from 'node:fs';
import { startSandbox } from '../sandbox/index.js';
import { catalogVector } from '../sandbox/seed/collection.js';
import { caFetcher } from '../support/dataApiFetcher.js';
import { withEditor } from './harness/editor.js';
import { requireExtension } from './harness/paths.js';
import { scanForSecret } from './harness/secretScan.js';
import { poll, scaled } from './harness/workbench.js';

/** The webview frame whose body mentions `text` (outer iframe → #active-frame). */
async function webviewWith(page: Page, text: string): Promise<FrameLocator> {
  return poll(`a webview showing ${text}`, async () => {
    const frames = page.locator('iframe.webview.ready');
    const n = await frames.count();
    for (let i = 0; i < n; i++) {
      const inner = frames.nth(i).contentFrame().locator('#active-frame').contentFrame();
      const body = await inner.locator('body').innerText({ timeout: 2_000 }).catch(() => '');
      if (body.includes(text)) return inner as unknown as FrameLocator;
    }
    return undefined;
  }, 60_000);
}

test('collections: sign in → tree → browser → vector search → edit, delete → create/drop collection → no token on disk', async () => {
  const extension = requireExtension();
  const sb = await startSandbox({ nodes: 1 });
  assert.ok(sb.dataApiEndpoint, 'the sandbox serves the Data API');
  const api = new DataAPIClient(sb.token, { httpOptions: { client: 'custom', fetcher: caFetcher(readFileSync(sb.caPath)) } });
  const catalog = api.db(sb.dataApiEndpoint).collection('catalog', { keyspace: sb.keyspace });
  try {
    await withEditor(
      'collections',
      {
        extension,
        env: { ASTRA_DB_VSCODE_DEVOPS_CA: sb.caPath },
        settings: {
          'astra.devopsApiUrl': sb.devopsUrl,
          'astra.dataApiUrl': sb.dataApiEndpoint,
        },
      },
      async ({ wb, cs, browser }) => {
        const page = wb.page;
        await wb.activityBarItem('Astra DB').click();
        const signIn = page.locator('.welcome-view-content .monaco-button', { hasText: 'Add Databases from Astra Account' }).first();
        await signIn.waitFor({ timeout: scaled(30_000) });
        await signIn.click();
        await wb.waitQuickInput('Astra application token');
        await wb.typeQuickInput(sb.token);
        await wb.waitQuickInput('Add a database from your Astra account', 30_000);
        await wb.pickQuickItem('sandbox-db');
        await wb.statusBarItem('sandbox-db').locator('.codicon-database').waitFor({ timeout: scaled(60_000) });

        // Connections tree: sandbox-db → demo → Collections → catalog, with its definition and count.
        await wb.expandTreeRow('sandbox-db');
        await wb.expandTreeRow(/^\s*demo\s*$/);
        await wb.expandTreeRow(/^\s*Collections\s*$/);
        const row = wb.treeRow(/^\s*catalog/);
        await row.waitFor({ timeout: scaled(30_000) });
        assert.match(await row.innerText(), /vector\(8\) cosine · ~1,200 docs/);
        await wb.screenshot('collections-tree');

        // The document browser: the first page of documents.
        await wb.dismissHovers();
        await row.click();
        const view = await webviewWith(page, 'demo.catalog');
        await poll('the first page of documents', async () => ((await view.locator('.doc-rows > .doc-row').count()) >= 20 ? true : undefined), 60_000);
        assert.match(await view.locator('.doc-status').innerText(), /^20 documents · filter/);
        await wb.screenshot('collections-browser');

        // Vector search with p0042's own vector: p0042 first, similarity 1.
        const vector = catalogVector(42);
        await view.locator('#mode-vector').click();
        await view.locator('#search textarea').fill(`[${vector.join(', ')}]`);
        await view.locator('#run').click();
        await poll('vector search results', async () => ((await view.locator('.doc-status').innerText()).includes('vector search') ? true : undefined), 60_000);
        const first = view.locator('.doc-rows > .doc-row[aria-rowindex="2"]');
        const firstText = await first.innerText();
        assert.match(firstText, /p0042/);
        assert.match(firstText, /1\.000000/);
        await wb.screenshot('collections-vector-search');

        // Edit p0042 in a JSON tab, save, confirm the exact command.
        await first.locator('button.doc-edit').click();
        const editor = page.locator('.editor-instance .monaco-editor').first();
        await poll('the document tab', async () => ((await page.locator('.tab', { hasText: 'catalog-p0042.json' }).count()) > 0 ? true : undefined), 30_000);
        await editor.waitFor({ timeout: scaled(30_000) });
        await editor.click();
        await page.keyboard.press('Control+A');
        const edited = `{"_id": "p0042", "name": "edited in e2e", "category": "books", "$vector": [${vector.join(', ')}]}`;
        await page.keyboard.insertText(edited);
        // Whatever auto-closing left after the cursor goes (a closing quote or brace typed ahead of us).
        await page.keyboard.press('Shift+Control+End');
        await page.keyboard.press('Delete');
        await page.keyboard.press('Control+S');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: scaled(30_000) });
        assert.match(await dialog.innerText(), /findOneAndReplace/);
        await wb.screenshot('collections-confirm-replace');
        await dialog.locator('.monaco-button', { hasText: 'Replace' }).first().click();

        await poll('p0042 changed in the database', async () => ((await catalog.findOne({ _id: 'p0042' }))?.name === 'edited in e2e' ? true : undefined), 30_000);
        await webviewWith(page, 'edited in e2e');
        await wb.screenshot('collections-edited');

        // Find similar from the second result: it becomes the first, with similarity 1.
        const simView = await webviewWith(page, 'edited in e2e');
        const second = simView.locator('.doc-rows > .doc-row[aria-rowindex="3"]');
        const secondId = (await second.locator('.doc-cell').nth(3).innerText()).trim();
        await second.locator('button.doc-similar').click();
        await poll(`${secondId} first after Find similar`, async () => {
          const top = await simView.locator('.doc-rows > .doc-row[aria-rowindex="2"]').innerText().catch(() => '');
          return top.includes(secondId) && top.includes('1.000000') ? true : undefined;
        }, 60_000);


        // Insert a document from the browser: a `{}` tab, typed, saved, the insertOne confirmed.
        const browserForInsert = await webviewWith(page, 'demo.catalog');
        await browserForInsert.locator('vscode-button', { hasText: 'Insert Document' }).click();
        await poll('the new document tab', async () => ((await page.locator('.tab', { hasText: 'catalog-new.json' }).count()) > 0 ? true : undefined), 30_000);
        const newEditor = page.locator('.editor-group-container.active .monaco-editor').first();
        await newEditor.click();
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText('{"_id": "e2e-new", "name": "inserted in e2e", "big": 123456789012345678901234567890}');
        await page.keyboard.press('Shift+Control+End');
        await page.keyboard.press('Delete');
        await page.keyboard.press('Control+S');
        const confirmInsert = page.locator('.monaco-dialog-box');
        await confirmInsert.waitFor({ timeout: scaled(30_000) });
        assert.match(await confirmInsert.innerText(), /insertOne.*123456789012345678901234567890/s);
        await confirmInsert.locator('.monaco-button', { hasText: 'Insert' }).first().click();
        await poll('e2e-new inserted', async () => ((await catalog.findOne({ _id: 'e2e-new' }))?.name === 'inserted in e2e' ? true : undefined), 30_000);

        // Delete one document from the browser (filter on its _id, Delete, confirm).
        const browserView = await webviewWith(page, 'demo.catalog');
        await browserView.locator('#mode-filter').click();
        await browserView.locator('#filter input').fill('{"_id": "p0007"}');
        await browserView.locator('#run').click();
        await poll('p0007 alone', async () => ((await browserView.locator('.doc-status').innerText()).startsWith('1 document ·') ? true : undefined), 30_000);
        await browserView.locator('.doc-rows > .doc-row[aria-rowindex="2"] button.doc-delete').click();
        const confirmDelete = page.locator('.monaco-dialog-box');
        await confirmDelete.waitFor({ timeout: scaled(30_000) });
        assert.match(await confirmDelete.innerText(), /deleteOne/);
        await confirmDelete.locator('.monaco-button', { hasText: 'Delete' }).first().click();
        await poll('p0007 deleted', async () => ((await catalog.findOne({ _id: 'p0007' })) === null ? true : undefined), 30_000);
        await poll('the browser shows no document', async () => ((await browserView.locator('.doc-status').innerText()).startsWith('0 documents') ? true : undefined), 30_000);

        // Create a vector collection from the tree, then drop it.
        const group = wb.treeRow(/^\s*Collections\s*$/);
        await wb.contextMenuAction(group, 'Create Collection…');
        await wb.waitQuickInput('Create Collection in demo');
        await wb.typeQuickInput('e2e_made');
        await wb.waitQuickInput('vector search');
        await wb.pickQuickItem('You provide $vector embeddings');
        await wb.waitQuickInput('Vector dimension');
        await wb.typeQuickInput('3');
        await wb.waitQuickInput('Similarity metric');
        await wb.pickQuickItem('euclidean');
        const made = wb.treeRow(/^\s*e2e_made/);
        await made.waitFor({ timeout: scaled(60_000) });
        assert.match(await made.innerText(), /vector\(3\) euclidean/);
        await wb.contextMenuAction(made, 'Drop Collection…');
        const confirmDrop = page.locator('.monaco-dialog-box');
        await confirmDrop.waitFor({ timeout: scaled(30_000) });
        assert.match(await confirmDrop.innerText(), /Drop collection demo\.e2e_made/);
        await confirmDrop.locator('.monaco-button', { hasText: 'Drop Collection' }).first().click();
        await made.waitFor({ state: 'detached', timeout: scaled(60_000) });
        assert.ok(!(await api.db(sb.dataApiEndpoint).listCollections({ keyspace: sb.keyspace, nameOnly: true })).includes('e2e_made'));

        // The Astra Account view lists the same collections under the account's database (expanded by the twistie:
        // a click on a database row adds it).
        await wb.dismissHovers();
        await page.locator('.part.sidebar .pane-header', { hasText: 'Astra Account' }).first().click();
        const account = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Astra Account' }) }).first();
        const accountRow = (text: RegExp) => account.locator('.monaco-list-row').filter({ hasText: text }).first();
        for (const label of [/^\s*sandbox-db/, /^\s*demo\s*$/, /^\s*Collections\s*$/]) {
          const r = accountRow(label);
          await r.waitFor({ timeout: scaled(30_000) });
          if ((await r.getAttribute('aria-expanded')) !== 'true') await r.locator('.monaco-tl-twistie').click();
          await r.locator('xpath=self::*[@aria-expanded="true"]').waitFor({ timeout: scaled(30_000) });
        }
        const accountCatalog = accountRow(/^\s*catalog/);
        await accountCatalog.waitFor({ timeout: scaled(30_000) });
        assert.match(await accountCatalog.innerText(), /vector\(8\) cosine/);
        await wb.screenshot('collections-account-view');

        await browser.close();
        await cs.stop();
        const { hits, filesScanned } = scanForSecret(cs.runDir, sb.token);
        assert.ok(filesScanned > 50, `scanned ${filesScanned} files`);
        assert.deepEqual(hits, [], `the token appears in: ${hits.map((h) => `${h.file} (${h.encoding})`).join(', ')}`);
      },
    );
  } finally {
    await api.close();
    await sb.stop();
  }
});
