// The ASTRA_DB_VSCODE_DEMO hook (what `npm run demo` uses): given a freshly started sandbox's bundle and token,
// the extension creates the profile at activation, connects, and the status bar shows the connection.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startSandbox } from '../sandbox/index.js';
import { withEditor } from './harness/editor.js';
import { requireExtension } from './harness/paths.js';
import { scaled } from './harness/workbench.js';

test('demo hook: status bar shows the sandbox connection', async () => {
  const extension = requireExtension();
  const sb = await startSandbox();
  try {
    const name = 'E2E demo sandbox';
    // Outside the editor's run folder: it holds the token, and the editor must not copy it anywhere.
    const demoFile = join(sb.dir, 'demo-connection.json');
    writeFileSync(demoFile, JSON.stringify({ name, bundlePath: sb.bundlePath, token: sb.token }));
    await withEditor('demo hook', { extension, env: { ASTRA_DB_VSCODE_DEMO: demoFile } }, async ({ wb }) => {
      // The extension activates lazily; opening its view is what a user does first.
      await wb.activityBarItem('Astra DB').click();
      const item = wb.statusBarItem(name);
      await item.locator('.codicon-database').waitFor({ timeout: scaled(60_000) });
      assert.match(await item.innerText(), new RegExp(`${name} · LOCAL_QUORUM`));
      await wb.screenshot('demo-hook');
    });
  } finally {
    await sb.stop();
  }
});
