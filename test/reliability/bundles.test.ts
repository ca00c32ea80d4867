// Broken and hostile secure connect bundles through the path the "Add Database from Secure Connect Bundle" flow
// takes: inspectBundleFile (refuse with a sentence naming the problem) → ProfileStore.copyBundle → connect. Nothing
// may be written outside the extension's storage folder, big files are refused with bounded memory, and a bundle on
// a read-only folder is only ever read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import cassandra from 'cassandra-driver';
import { BundleError, inspectBundle, MAX_BUNDLE_BYTES } from '../../src/extension/connections/bundle.js';
import { mapConnectionError } from '../../src/extension/connections/connectionErrors.js';
import { startSandbox, type SandboxHandle } from '../sandbox/index.js';
import type { BundleDefect } from '../sandbox/astra/bundle.js';
import { mb, memoryNow, record, settledMemory, timed } from './support/report.js';
import { rawZip, type RawEntry } from '../support/rawZip.js';
import { cellErrorText, extensionStack, runCell, type ExtensionStack } from './support/stack.js';
import { fileTree } from './support/fileTree.js';

const AREA = 'bundles';
let sb: SandboxHandle;
let stack: ExtensionStack;
let root: string;

const tree = (dir: string): string[] => fileTree(dir, true);

/** The add-bundle flow as the extension runs it; returns the user-facing message when it refuses. */
async function addBundle(path: string): Promise<{ message?: string; profileId?: string }> {
  try {
    return { profileId: await stack.addBundleProfile(path, sb.token, { name: 'Bundle' }) };
  } catch (e) {
    assert.ok(e instanceof BundleError, `not a BundleError: ${(e as Error).stack}`);
    const mapped = mapConnectionError(e, { profileName: 'Bundle', profileKind: 'bundle', connectTimeoutSeconds: 10, requestTimeoutSeconds: 30 });
    assert.equal(mapped.message, e.message, 'the notification shows the inspection sentence unchanged');
    return { message: mapped.message };
  }
}

/** The sandbox's valid bundle entries, plus or minus some, written byte for byte. */
function bundleWith(extra: RawEntry[], drop: string[] = []): Buffer {
  const entries = new AdmZip(sb.bundleBytes()).getEntries().filter((e) => !drop.includes(e.entryName));
  return rawZip([...entries.map((e) => ({ name: e.entryName, data: e.getData(), deflate: true })), ...extra]);
}

before(async () => {
  sb = await startSandbox({ seed: 'none', nodes: 1 });
  stack = await extensionStack({ connectTimeoutSeconds: 5 });
  root = mkdtempSync(join(tmpdir(), 'astra-bundles-'));
});

after(async () => {
  await stack?.stop();
  await sb?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('broken bundles are refused with a sentence naming the problem', () => {
  const cases: [string, () => Buffer, RegExp][] = [
    ['not a zip', () => Buffer.from('this is a PDF, honest'), /^The secure connect bundle is not a valid zip file \(.+\)\. Download it again from the Astra console\.$/],
    ['truncated zip', () => sb.bundleBytes(['truncated']), /^The secure connect bundle is not a valid zip file/],
    ['missing config.json', () => sb.bundleBytes(['no-config']), /^The secure connect bundle has no config\.json\. Download the bundle again/],
    ['missing cert', () => sb.bundleBytes(['no-cert']), /^The secure connect bundle has no cert\./],
    ['config.json without host/port', () => sb.bundleBytes(['no-host-port']), /^config\.json in the secure connect bundle must include host and port \(found host=null, port=null\)\.$/],
    ['files in a subfolder (re-zipped)', () => sb.bundleBytes(['subfolder' as BundleDefect]), /must be at the root of the secure connect bundle, but it is inside the folder "bundle\/"/],
    ['config.json not JSON', () => sb.bundleBytes(['bad-json']), /^config\.json in the secure connect bundle is not valid JSON/],
  ];
  for (const [name, bytes, expected] of cases) {
    test(name, async () => {
      const dir = mkdtempSync(join(root, 'case-'));
      const path = join(dir, 'secure-connect.zip');
      writeFileSync(path, bytes());
      const before = tree(stack.dir);
      const r = await timed(() => addBundle(path));
      assert.match(r.value!.message ?? '(accepted)', expected);
      assert.deepEqual(tree(stack.dir), before, 'a refused bundle leaves the storage folder untouched');
      record({ area: AREA, case: name, observed: r.value!.message!, ms: r.ms });
    });
  }
});

describe('path traversal: nothing is written outside the storage folder', () => {
  for (const entry of ['../evil.txt', '/abs/evil.txt', '..\\evil.txt', 'certs/../../evil.txt']) {
    test(`entry "${entry}"`, async () => {
      const dir = mkdtempSync(join(root, 'slip-'));
      const path = join(dir, 'secure-connect.zip');
      writeFileSync(path, entry === '../evil.txt' ? sb.bundleBytes(['evil-entry']) : bundleWith([{ name: entry, data: Buffer.from('owned') }]));
      const watched = [root, stack.dir];
      const before = watched.map(tree);
      const r = await addBundle(path);
      assert.match(r.message ?? '(accepted)', /contains an unsafe path ".*"; refusing to use it\./);
      assert.deepEqual(watched.map(tree), before);
      // And the driver never sees it either: a profile pointing at such a file is refused before connecting.
      await assert.rejects(inspectBundle(bundleWith([{ name: entry, data: Buffer.from('owned') }])), BundleError);
      record({ area: AREA, case: `entry ${entry}`, observed: `${r.message} Folder trees before/after identical.` });
    });
  }
});

describe('size limits keep memory bounded', () => {
  test('an oversized file is refused from its size, without reading it', async () => {
    const path = join(root, 'huge.zip');
    writeFileSync(path, Buffer.alloc(60 * 1024 * 1024));
    const mem0 = await settledMemory();
    const r = await timed(() => addBundle(path));
    const grew0 = memoryNow() - mem0;
    rmSync(path);
    assert.match(r.value!.message ?? '', /^The file is 60\.0 MB; a secure connect bundle is a few KB \(limit 10 MB\)\. Is it the right file\?$/);
    assert.ok(grew0 < 8 * 1024 * 1024, `memory grew by ${mb(grew0)}`);
    record({ area: AREA, case: 'oversized file (60 MB)', observed: `${r.value!.message} Memory delta ${mb(grew0)}.`, ms: r.ms });
  });

  test('a zip bomb (small file, 200 MB entry) is refused from its header without inflating', async () => {
    const zip = new AdmZip(sb.bundleBytes());
    zip.addFile('padding.bin', Buffer.alloc(200 * 1024 * 1024));
    const bytes = zip.toBuffer();
    assert.ok(bytes.length < MAX_BUNDLE_BYTES, 'the bomb is under the file-size limit');
    const path = join(root, 'bomb.zip');
    writeFileSync(path, bytes);
    const mem0 = await settledMemory();
    const r = await timed(() => addBundle(path));
    const grew = memoryNow() - mem0;
    assert.match(r.value!.message ?? '', /^padding\.bin in the secure connect bundle is 209715200 bytes uncompressed; that is not a bundle file\.$/);
    assert.ok(grew < 32 * 1024 * 1024, `memory grew by ${mb(grew)}`);
    record({ area: AREA, case: `zip bomb (${mb(bytes.length)} file, 200 MB entry)`, observed: `${r.value!.message} Memory delta ${mb(grew)}.`, ms: r.ms });
  });

  test('a bomb whose header lies about its size (1 KB declared, 200 MB inflated) is refused with bounded memory', async () => {
    const bytes = bundleWith([{ name: 'key', data: Buffer.alloc(200 * 1024 * 1024), deflate: true, declaredSize: 1024 }], ['key']);
    const path = join(root, 'liar.zip');
    writeFileSync(path, bytes);
    const mem0 = await settledMemory();
    const r = await timed(() => addBundle(path));
    const grew = memoryNow() - mem0;
    assert.match(r.value!.message ?? '(accepted)', /^key in the secure connect bundle inflates to more than 262144 bytes; that is not a bundle file\.$/);
    assert.ok(grew < 64 * 1024 * 1024, `memory grew by ${mb(grew)}`);
    record({ area: AREA, case: 'zip bomb lying about its size', observed: `${r.value!.message} Memory delta ${mb(grew)}.`, ms: r.ms });
  });
});

describe('the stored bundle is rebuilt from accepted entries only', () => {
  test('a re-packed bundle (comment, stored entries, unix modes, shuffled) is stored clean and the Node driver connects with it', async () => {
    const entries = new AdmZip(sb.bundleBytes()).getEntries().map((e, i) => ({ name: e.entryName, data: e.getData(), deflate: i % 2 === 0, mode: 0o100600 }));
    entries.reverse();
    const path = join(mkdtempSync(join(root, 'repacked-')), 'secure-connect.zip');
    writeFileSync(path, rawZip(entries, { comment: Buffer.from('not part of any entry') }));
    const { profileId, message } = await addBundle(path);
    assert.equal(message, undefined);
    const profile = stack.store.get(profileId!);
    assert.ok(profile?.kind === 'bundle');
    const storedBytes = readFileSync(profile.bundlePath);
    assert.ok(!storedBytes.includes('not part of any entry'), 'the comment is not carried over');
    const stored = new AdmZip(storedBytes).getEntries();
    assert.deepEqual(stored.map((e) => e.entryName).sort(), ['ca.crt', 'cert', 'cert.pfx', 'config.json', 'cqlshrc', 'identity.jks', 'key', 'trustStore.jks']);
    for (const e of stored) assert.deepEqual(e.getData(), entries.find((x) => x.name === e.entryName)!.data, e.entryName);
    // The unmodified driver, given only the stored file, as the extension hands it over.
    const client = new cassandra.Client({ cloud: { secureConnectBundle: profile.bundlePath }, credentials: { username: 'token', password: sb.token } });
    try {
      await client.connect();
      const row = (await client.execute('SELECT release_version FROM system.local')).first();
      assert.ok(row?.release_version);
    } finally {
      await client.shutdown();
    }
    record({ area: AREA, case: 're-packed bundle stored rebuilt', observed: `stored ${stored.length} whitelisted entries (no comment, no modes); the Node driver connected with the stored file` });
    await stack.service.remove(profileId!);
  });
});

describe('a bundle on a read-only folder', () => {
  let ro: string;
  let mounted = false;

  before(() => {
    const src = mkdtempSync(join(root, 'ro-src-'));
    sb.writeBundle(join(src, 'secure-connect-ro.zip'));
    ro = mkdtempSync(join(root, 'ro-'));
    try {
      // chmod does not stop root: a read-only bind mount does.
      execFileSync('mount', ['--bind', src, ro], { stdio: 'ignore' });
      execFileSync('mount', ['-o', 'remount,bind,ro', ro], { stdio: 'ignore' });
      mounted = true;
    } catch {
      if (mounted) execFileSync('umount', [ro], { stdio: 'ignore' });
      mounted = false;
      rmSync(ro, { recursive: true, force: true });
      ro = src;
      chmodSync(ro, 0o555);
    }
  });

  after(() => {
    if (mounted) execFileSync('umount', [ro], { stdio: 'ignore' });
    else chmodSync(ro, 0o755);
  });

  test('adding and connecting only read it; nothing is written next to it', async () => {
    const path = join(ro, 'secure-connect-ro.zip');
    if (mounted) assert.throws(() => writeFileSync(join(ro, 'probe'), 'x'), /EROFS/);
    const before = tree(ro);
    const { profileId, message } = await addBundle(path);
    assert.equal(message, undefined);
    const out = await runCell(stack.session(profileId!), 'SELECT release_version FROM system.local');
    assert.equal(cellErrorText(out), '');
    assert.deepEqual(tree(ro), before);
    const copy = stack.store.get(profileId!);
    assert.ok(copy?.kind === 'bundle' && copy.bundlePath.startsWith(stack.bundleDir), 'the profile points at the copy in storage');
    record({ area: AREA, case: `bundle on a read-only folder (${mounted ? 'ro bind mount' : 'chmod 0555, watched'})`, observed: 'added and connected; the profile uses the copy in global storage; the folder is unchanged' });
    await stack.service.remove(profileId!);
  });
});
