// An unpacked bundle folder: refused with a sentence pointing at the .zip, and zipped (in memory) on request from
// its whitelisted files only; links and oversized files in the folder are refused from their metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { BundleFolderError, readBundle, readBundleFile, MAX_ENTRY_BYTES } from '../../src/extension/connections/bundle.js';
import { looksLikeBundleFolder, zipBundleFolder } from '../../src/extension/connections/bundleFolder.js';
import { testBundleEntries } from './fakes/testBundle.js';

function unpacked(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unpacked-bundle-'));
  for (const e of testBundleEntries()) writeFileSync(join(dir, e.name), e.data);
  return dir;
}

test('picking the folder says to pick the .zip; zipping it yields a bundle with its whitelisted files only', async () => {
  const dir = unpacked();
  try {
    writeFileSync(join(dir, 'notes.txt'), 'not part of a bundle');
    await assert.rejects(readBundleFile(dir), (err: unknown) => err instanceof BundleFolderError && /is a folder; pick the secure connect bundle \.zip file itself/.test(err.message));
    assert.equal(await looksLikeBundleFolder(dir), true);
    const { bytes, info } = await readBundle(await zipBundleFolder(dir));
    assert.equal(info.port, 32220);
    assert.deepEqual(new AdmZip(bytes).getEntries().map((e) => e.entryName).sort(), testBundleEntries().map((e) => e.name).sort());
    assert.deepEqual(readdirSync(dir).sort(), [...testBundleEntries().map((e) => e.name), 'notes.txt'].sort(), 'nothing written into the folder');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder without the bundle files is not offered for zipping', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'not-a-bundle-'));
  try {
    assert.equal(await looksLikeBundleFolder(dir), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('links and oversized files in the folder are refused without being read', async () => {
  const dir = unpacked();
  try {
    rmSync(join(dir, 'key'));
    symlinkSync('/etc/passwd', join(dir, 'key'));
    await assert.rejects(zipBundleFolder(dir), /^BundleError: key in the folder .* is not a plain file; refusing to use it\.$/);
    rmSync(join(dir, 'key'));
    writeFileSync(join(dir, 'key'), Buffer.alloc(MAX_ENTRY_BYTES + 1));
    await assert.rejects(zipBundleFolder(dir), new RegExp(`key in the folder .* is ${MAX_ENTRY_BYTES + 1} bytes; that is not a bundle file\\.$`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
