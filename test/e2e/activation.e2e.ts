// The packaged extension installs into real VS Code, its "Astra DB" activity-bar entry is there, and opening it
// activates the extension and shows the welcome view with its buttons.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withEditor } from './harness/editor.js';
import { requireExtension } from './harness/paths.js';

test('activity bar entry, welcome view buttons, activation', async () => {
  await withEditor('activation', { extension: requireExtension() }, async ({ wb, timings }) => {
    process.stderr.write(`[e2e] activation: server ${timings.serverMs} ms, workbench ${timings.workbenchMs} ms\n`);
    const entry = wb.activityBarItem('Astra DB');
    await entry.waitFor();
    await entry.click();

    const welcome = wb.page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor();
    assert.match(await welcome.innerText(), /secure connect bundle/i);
    const buttons = (await welcome.locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.ok(buttons.includes('Add Database from Secure Connect Bundle'), `buttons: ${buttons.join(' | ')}`);
    assert.ok(buttons.includes('Add Cassandra Cluster (Contact Points)'), `buttons: ${buttons.join(' | ')}`);

    // Opening the view activates the extension, which puts its connection item in the status bar.
    assert.match(await wb.waitForStatusBar('Astra: not connected'), /not connected/);
    await wb.screenshot('activation');
  });
});
