// CQL language support in a real VS Code against the sandbox's demo data: schema completion while typing in a
// notebook cell, and Run Statement in a `.cql` file opening the results panel with the notebook's result grid.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startSandbox } from '../sandbox/index.js';
import { withEditor } from './harness/editor.js';
import { NotebookEditor } from './harness/notebook.js';
import { requireExtension } from './harness/paths.js';
import { poll, scaled } from './harness/workbench.js';

/** Labels of the open suggest widget. */
async function suggestions(page: Page): Promise<string[]> {
  const rows = page.locator('.suggest-widget.visible .monaco-list-row .label-name');
  return (await rows.allInnerTexts()).map((t) => t.trim());
}

async function waitSuggestions(page: Page, want: string[]): Promise<string[]> {
  return poll(`suggestions ${want.join(', ')}`, async () => {
    const got = await suggestions(page);
    return want.every((w) => got.includes(w)) ? got : undefined;
  }, 30_000);
}

/** Text of every webview (the results panel is one of them). */
async function panelTexts(page: Page): Promise<string[]> {
  const frames = page.locator('iframe.webview.ready');
  const n = await frames.count();
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const body = frames.nth(i).contentFrame().locator('#active-frame').contentFrame().locator('body');
    out.push(await body.innerText({ timeout: 2_000 }).catch(() => ''));
  }
  return out;
}

test('CQL: notebook completion offers demo tables and columns; Run Statement shows a results panel', async () => {
  const extension = requireExtension();
  const sb = await startSandbox();
  try {
    const name = 'E2E cql sandbox';
    const demoFile = join(sb.dir, 'demo-connection.json');
    writeFileSync(demoFile, JSON.stringify({ name, bundlePath: sb.bundlePath, token: sb.token }));
    const files = { 'query.cql': "-- users\nSELECT name, email FROM demo.users WHERE id = 7;\n" };
    await withEditor('cql language', { extension, env: { ASTRA_DB_VSCODE_DEMO: demoFile }, workspaceFiles: files, settings: { 'astra.notebook.pageSize': 10 } }, async ({ wb }) => {
      const page = wb.page;
      await wb.activityBarItem('Astra DB').click();
      await wb.statusBarItem(name).locator('.codicon-database').waitFor({ timeout: scaled(60_000) });

      // Run Statement from a .cql file: the cursor sits in the SELECT.
      await wb.openFile('query.cql');
      const editor = page.locator('.part.editor .monaco-editor .view-lines').first();
      await editor.waitFor();
      await page.locator('.part.editor .monaco-editor .view-line').filter({ hasText: 'SELECT' }).first().click();
      await wb.runCommand('Astra: Run Statement');
      const text = await poll('the results panel to show the row', async () => (await panelTexts(page)).find((t) => t.includes('user7@example.com')), 45_000);
      assert.match(text, /name/);
      assert.match(text, /email/);
      assert.match(text, /user 7/);
      await wb.screenshot('cql-results-panel');
      // The keybinding runs the statement under the cursor: click into the comment line's statement below it.
      await page.locator('.part.editor .monaco-editor .view-line').filter({ hasText: 'SELECT' }).first().click();
      await page.keyboard.press('End');
      await page.keyboard.insertText('\nSELECT count(*) FROM demo.users;');
      await page.keyboard.press('Control+Enter');
      await poll('the results panel to show the count', async () => (await panelTexts(page)).find((t) => /count[\s\S]*\b40\b/.test(t)), 45_000);

      // Paging goes through the panel's messaging like in notebooks: 10 rows (setting), then Load more.
      await page.keyboard.insertText('\nSELECT id FROM demo.users;');
      await page.keyboard.press('Control+Enter');
      await poll('the first page', async () => (await panelTexts(page)).find((t) => t.includes('10+ rows')), 45_000);
      const frame = page.locator('iframe.webview.ready');
      const panel = await poll('the panel frame', async () => {
        const n = await frame.count();
        for (let i = 0; i < n; i++) {
          const inner = frame.nth(i).contentFrame().locator('#active-frame').contentFrame();
          if ((await inner.locator('vscode-button', { hasText: 'Load more' }).count()) > 0) return inner;
        }
        return undefined;
      });
      const loadMore = panel.locator('vscode-button', { hasText: 'Load more' });
      await poll('Load more to be enabled', async () => ((await loadMore.evaluate((b) => !(b as HTMLButtonElement).disabled)) ? true : undefined));
      await loadMore.click();
      await poll('the second page', async () => (await panelTexts(page)).find((t) => t.includes('20+ rows')), 30_000);

      // Completion in a notebook cell bound to the connection.
      await wb.runCommand('Astra: New CQL Notebook');
      const nb = new NotebookEditor(page);
      await nb.waitOpen();
      await nb.focusCell(0);
      await page.keyboard.type('SELECT * FROM demo.', { delay: 30 });
      const tables = await waitSuggestions(page, ['users', 'products', 'events']);
      assert.ok(!tables.includes('customers'), `shop tables offered for demo.: ${tables.join(', ')}`);
      await page.keyboard.press('Escape');
      await page.keyboard.type('users WHERE ', { delay: 30 });
      await page.keyboard.press('Control+Space');
      await waitSuggestions(page, ['id', 'name', 'email', 'country', 'age']);
      await wb.screenshot('cql-notebook-completion');
    });
  } finally {
    await sb.stop();
  }
});
