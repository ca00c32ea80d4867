// Proves the harness itself against a tiny fixture extension: palette, file dialog, quick pick, password input,
// SecretStorage, status bar and the secret scan. Independent of the real extension being built.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { withEditor } from './harness/editor.js';
import { fixturesDir } from './harness/paths.js';
import { localStorageHasPlaintext, scanForSecret, secretStorageKeys } from './harness/secretScan.js';

const fixture = { kind: 'dir' as const, path: join(fixturesDir, 'hello-ext') };

test('harness drives a real workbench with the fixture extension', async () => {
  const token = `AstraCS:e2eFixture:${Math.random().toString(36).slice(2)}`;
  await withEditor('harness fixture', { extension: fixture, workspaceFiles: { 'bundle.zip': 'not really a zip' } }, async (ed) => {
    const { wb, cs } = ed;
    process.stderr.write(`[e2e] harness: server ${ed.timings.serverMs} ms, workbench ${ed.timings.workbenchMs} ms\n`);
    await wb.waitForStatusBar('E2E Hello ready');

    await wb.runCommand('E2E Hello: Pick File');
    const bundle = join(cs.workspaceDir, 'bundle.zip');
    await wb.pickFileInDialog(bundle);
    assert.match(await wb.waitForNotification('Picked'), new RegExp(`Picked ${bundle.replace(/[.]/g, '\\.')}`));

    await wb.runCommand('E2E Hello: Store Secret');
    await wb.waitQuickInput('Profile');
    assert.deepEqual(await wb.quickPickItems(), ['alpha', 'beta']);
    await wb.pickQuickItem('beta');
    await wb.waitQuickInput('Token');
    assert.equal(await wb.quickInputIsPassword(), true);
    await wb.typeQuickInput(token);
    await wb.waitForStatusBar('beta (secret ok)');

    await wb.screenshot('harness-fixture');
    assert.ok((await secretStorageKeys(wb.page)).length > 0, 'VS Code web keeps SecretStorage in localStorage');
    assert.equal(await localStorageHasPlaintext(wb.page, token), false, 'the stored secret is encrypted');
    await ed.browser.context.close();
    const { hits, filesScanned } = scanForSecret(cs.runDir, token);
    assert.ok(filesScanned > 20, `scanned ${filesScanned} files`);
    assert.deepEqual(hits, []);
  });
});
