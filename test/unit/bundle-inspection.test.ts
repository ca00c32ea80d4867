import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import {
  BundleError,
  inspectBundle,
  inspectBundleFile,
  MAX_BUNDLE_BYTES,
  MAX_ENTRY_BYTES,
} from '../../src/extension/connections/bundle.js';
import { TEST_CONFIG, testBundle, testPem } from './fakes/testBundle.js';

const { cert: CERT, key: KEY } = testPem();
const CONFIG = TEST_CONFIG;
const bundle = testBundle;

async function rejects(data: Buffer, pattern: RegExp, file?: string): Promise<void> {
  await assert.rejects(
    inspectBundle(data),
    (err: unknown) => {
      assert.ok(err instanceof BundleError, `expected BundleError, got ${String(err)}`);
      assert.match(err.message, pattern);
      assert.equal(err.file, file);
      return true;
    },
  );
}

test('a good bundle reports host, port, DC and keyspace', async () => {
  assert.deepEqual(await inspectBundle(bundle()), {
    host: CONFIG.host,
    port: 32220,
    cqlPort: 29042,
    localDataCenter: 'dc-1',
    keyspace: 'app',
  });
});

test('keyspace and DC are optional; a numeric string port is accepted', async () => {
  const info = await inspectBundle(bundle({ 'config.json': JSON.stringify({ host: '127.0.0.1', port: '29080' }) }));
  assert.deepEqual(info, { host: '127.0.0.1', port: 29080 });
});

for (const name of ['config.json', 'ca.crt', 'cert', 'key']) {
  test(`a bundle without ${name} names that file`, async () => {
    await rejects(bundle({}, [name]), new RegExp(`no ${name.replace('.', '\\.')}`), name);
  });
}

test('files inside a folder (a re-zipped bundle) are reported as not at the root', async () => {
  const zip = new AdmZip();
  zip.addFile('secure-connect-db/config.json', Buffer.from(JSON.stringify(CONFIG)));
  zip.addFile('secure-connect-db/ca.crt', Buffer.from(CERT));
  await rejects(zip.toBuffer(), /config\.json must be at the root.*secure-connect-db\//, 'config.json');
});

test('not a zip at all', async () => {
  await rejects(Buffer.from('this is a PDF, honestly'), /not a valid zip file/);
});

test('truncated zip', async () => {
  const good = bundle();
  await rejects(good.subarray(0, good.length - 30), /not a valid zip file/);
});

test('config.json that is not JSON', async () => {
  await rejects(bundle({ 'config.json': '{host: nope' }), /config\.json .*not valid JSON/, 'config.json');
});

test('config.json that is JSON but not an object', async () => {
  await rejects(bundle({ 'config.json': '[1,2]' }), /not a JSON object/, 'config.json');
});

test('config.json without host or port', async () => {
  await rejects(bundle({ 'config.json': JSON.stringify({ host: 'h' }) }), /must include host and port/, 'config.json');
  await rejects(bundle({ 'config.json': JSON.stringify({ port: 1 }) }), /must include host and port/, 'config.json');
  await rejects(bundle({ 'config.json': JSON.stringify({ host: 'h', port: 70000 }) }), /has an invalid port 70000: a port is a whole number from 1 to 65535\.$/, 'config.json');
});

test('certificate and key files that are not PEM', async () => {
  await rejects(bundle({ 'ca.crt': 'garbage' }), /ca\.crt .*not a PEM certificate/, 'ca.crt');
  await rejects(bundle({ cert: '' }), /cert .*not a PEM certificate/, 'cert');
  await rejects(bundle({ key: CERT }), /key .*not a PEM private key/, 'key');
});

test('PEM files with the right markers but a damaged body name the file', async () => {
  const damaged = CERT.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!not-base64!!!!!!');
  assert.notEqual(damaged, CERT);
  await rejects(bundle({ cert: damaged }), /cert in the secure connect bundle cannot be read as a certificate/, 'cert');
  await rejects(bundle({ 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIfake\n-----END CERTIFICATE-----\n' }), /ca\.crt .*cannot be read/, 'ca.crt');
  await rejects(bundle({ key: KEY.replace(/\n[A-Za-z0-9+/]{20}/, '\n????????????????????') }), /key .*cannot be read as a private key/, 'key');
});

test('entries with .. or absolute paths are refused', async () => {
  for (const evil of ['../evil', 'a/../../evil', '/etc/passwd', 'C:/x']) {
    const zip = new AdmZip(bundle());
    // addFile normalises names, so patch the raw entry name afterwards.
    zip.addFile('placeholder', Buffer.from('x'));
    zip.getEntry('placeholder')!.entryName = evil;
    await rejects(zip.toBuffer(), /unsafe path/, evil);
  }
});

test('an entry with a huge uncompressed size is refused before it is read', async () => {
  const big = Buffer.alloc(MAX_ENTRY_BYTES + 1, 0x41); // compresses to a few KB: a small zip bomb
  const data = bundle({ 'cert.pfx': big });
  assert.ok(data.length < 100_000);
  await rejects(data, /cert\.pfx .*bytes uncompressed/, 'cert.pfx');
});

test('a corrupt entry (bad compressed data) names the file', async () => {
  const zip = new AdmZip();
  zip.addFile('config.json', Buffer.from(JSON.stringify({ ...CONFIG, pad: 'x'.repeat(500) })));
  const data = zip.toBuffer();
  // Flip bytes inside the compressed payload of the first (and only) entry: local header is 30 bytes + name.
  const start = 30 + 'config.json'.length;
  for (let i = start + 2; i < start + 12; i++) data[i] = data[i]! ^ 0xff;
  const withOthers = new AdmZip(data);
  withOthers.addFile('ca.crt', Buffer.from(CERT));
  withOthers.addFile('cert', Buffer.from(CERT));
  withOthers.addFile('key', Buffer.from(KEY));
  await rejects(withOthers.toBuffer(), /config\.json in the secure connect bundle is corrupt/, 'config.json');
});

test('files bigger than the limit are refused without being read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-test-'));
  try {
    const path = join(dir, 'huge.zip');
    writeFileSync(path, Buffer.alloc(MAX_BUNDLE_BYTES + 1));
    await assert.rejects(inspectBundleFile(path), /MB; a secure connect bundle is a few KB/);
    await assert.rejects(inspectBundleFile(join(dir, 'missing.zip')), /cannot be read/);
    await assert.rejects(inspectBundleFile(dir), /is a folder; pick the secure connect bundle \.zip file itself/);
    const good = join(dir, 'good.zip');
    writeFileSync(good, bundle());
    assert.equal((await inspectBundleFile(good)).host, CONFIG.host);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
