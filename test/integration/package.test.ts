// `vsce package` output: the bundles, manifest and media — no node_modules, no tests, no sources or maps.
// README images stay relative (--no-rewrite-relative-links) and ship in the package, so the details page shows them offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';

const root = join(__dirname, '..', '..');

test('the .vsix holds only what the extension needs', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'astra-vsix-'));
  try {
    const out = join(dir, 'x.vsix');
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'pipe' });
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
      cwd: root,
      stdio: 'pipe',
    });
    const names = new AdmZip(out).getEntries().map((e) => e.entryName);
    assert.ok(names.includes('extension/package.json'));
    assert.ok(names.includes('extension/dist/extension.js'));
    assert.ok(names.includes('extension/media/astra.svg'));
    assert.ok(names.includes('extension/dist/resultsPanel.js'), 'the .cql results panel ships as its own webview bundle');
    const extension = new AdmZip(out).readAsText('extension/dist/extension.js');
    assert.ok(!extension.includes('ASTRA_DB_VSCODE_DEMO'), 'the shipped build has no demo hook reading a token file');
    for (const n of names) {
      assert.doesNotMatch(n, /(^|\/)node_modules\//, n);
      assert.doesNotMatch(n, /^extension\/(test|src|scripts|\.ci)\//, n);
      assert.doesNotMatch(n, /\.(ts|map|vsix)$/, n);
    }
    const size = statSync(out).size;
    assert.ok(size < 2 * 1024 * 1024, `vsix is ${size} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
