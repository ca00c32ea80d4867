// "Astra: Connect…" from the command palette, the way a user does it: add a bundle by typing its path into the
// file dialog, name it, enter the token in a password box, and see the status bar show the connection. Then the
// token must be in no file the editor wrote (settings, state, logs, notebooks), only in VS Code's secret store.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startSandbox } from '../sandbox/index.js';
import { withEditor } from './harness/editor.js';
import { requireExtension } from './harness/paths.js';
import { localStorageHasPlaintext, scanForSecret, secretStorageKeys } from './harness/secretScan.js';
import { scaled } from './harness/workbench.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

test('Connect from the command palette with a bundle and a token; the token is stored only as a secret', async () => {
  const extension = requireExtension();
  const sb = await startSandbox();
  // The bundle sits in a "Downloads" folder outside the editor's run folder; nothing may be written next to it.
  const downloads = mkdtempSync(join(tmpdir(), 'astra-e2e-downloads-'));
  const bundle = join(downloads, 'secure-connect-e2e-db.zip');
  copyFileSync(sb.bundlePath, bundle);
  const before = listFiles(downloads);
  try {
    await withEditor('connect', { extension }, async ({ wb, cs, browser }) => {
      await wb.runCommand('Astra: Connect…');
      await wb.pickQuickItem('Add database from secure connect bundle');
      await wb.pickFileInDialog(bundle);

      const naming = await wb.waitQuickInput('Name this connection');
      assert.match(naming.message, /Secure connect bundle OK — host 127\.0\.0\.1/);
      await wb.typeQuickInput('E2E Connect DB');

      await wb.waitQuickInput('How do you want to authenticate?');
      await wb.pickQuickItem('Application token');
      await wb.waitQuickInput('Application token for E2E Connect DB');
      assert.equal(await wb.quickInputIsPassword(), true, 'the token box masks what is typed');
      await wb.typeQuickInput(sb.token);

      const item = wb.statusBarItem('E2E Connect DB');
      await item.locator('.codicon-database').waitFor({ timeout: scaled(60_000) });
      assert.match(await item.innerText(), /E2E Connect DB · LOCAL_QUORUM/);
      await wb.activityBarItem('Astra DB').click();
      await wb.treeRow('E2E Connect DB').waitFor();
      await wb.screenshot('connect');

      // VS Code web keeps SecretStorage encrypted in the browser profile's localStorage.
      const secretKeys = await secretStorageKeys(wb.page);
      process.stderr.write(`[e2e] connect: SecretStorage localStorage keys: ${secretKeys.join(', ')}\n`);
      assert.ok(secretKeys.length > 0, 'a secret-store entry exists in localStorage');
      assert.equal(await localStorageHasPlaintext(wb.page, sb.token), false, 'the secret store is encrypted');

      // Flush everything to disk (browser profile, server state, logs) before scanning.
      await browser.close();
      await cs.stop();
      const logs = listFiles(cs.runDir).filter((f) => f.endsWith('.log'));
      assert.ok(logs.some((f) => /Astra DB/.test(f)), `the extension's log is among the scanned files: ${logs.join(', ')}`);
      assert.ok(listFiles(cs.runDir).some((f) => f.endsWith('settings.json')), 'settings.json is among them');
      const copied = listFiles(cs.runDir).filter((f) => f.endsWith('.zip'));
      assert.ok(copied.length > 0, 'the bundle was copied into the extension storage');

      // Positive control: the scan does read the browser's state stores, where the profile (global state) lives.
      const control = scanForSecret(cs.runDir, 'E2E Connect DB').hits.map((h) => h.file);
      assert.ok(control.some((f) => f.includes('IndexedDB')), `profile name found in: ${control.join(', ')}`);
      const { hits, filesScanned } = scanForSecret(cs.runDir, sb.token);
      assert.ok(filesScanned > 50, `scanned ${filesScanned} files`);
      assert.deepEqual(hits, [], `the token appears in: ${hits.map((h) => `${h.file} (${h.encoding})`).join(', ')}`);
    });
    assert.deepEqual(listFiles(downloads), before, 'nothing was written next to the original bundle');
    assert.ok(existsSync(bundle));
  } finally {
    rmSync(downloads, { recursive: true, force: true });
    await sb.stop();
  }
});
