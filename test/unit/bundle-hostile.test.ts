// Archives built to fool a zip reader: every class is refused from the central directory (or the capped inflate)
// with one sentence naming the entry, and an accepted bundle is rebuilt from its whitelisted entries only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AdmZip from 'adm-zip';
import { BundleError, readBundle, MAX_ENTRY_BYTES } from '../../src/extension/connections/bundle.js';
import { rawZip, type RawEntry, type RawZipOptions } from '../support/rawZip.js';
import { testBundleEntries } from './fakes/testBundle.js';

const valid = () => testBundleEntries();
const withEntries = (extra: RawEntry[], drop: string[] = [], options?: RawZipOptions) =>
  rawZip([...valid().filter((e) => !drop.includes(e.name)), ...extra], options);

async function refused(zip: Buffer, pattern: RegExp, file?: string): Promise<string> {
  let message = '';
  await assert.rejects(readBundle(zip), (err: unknown) => {
    assert.ok(err instanceof BundleError, `expected BundleError, got ${String(err)}`);
    assert.match(err.message, pattern);
    assert.equal(err.file, file);
    message = err.message;
    return true;
  });
  assert.doesNotMatch(message, /adm-zip|\n/i, 'one sentence of our own');
  return message;
}

test('a valid raw-built bundle is accepted and rebuilt with the same entries', async () => {
  const { bytes, info } = await readBundle(rawZip(valid()));
  assert.equal(info.host, 'db-123-us-east1.db.astra.datastax.com');
  const names = new AdmZip(bytes).getEntries().map((e) => e.entryName);
  assert.deepEqual(names, valid().map((e) => e.name));
  for (const e of valid()) assert.deepEqual(new AdmZip(bytes).getEntry(e.name)!.getData(), e.data);
});

test('entries outside the whitelist are refused by name', async () => {
  await refused(withEntries([{ name: 'notes.txt', data: Buffer.from('hi') }]), /^The secure connect bundle contains "notes\.txt", which is not part of a secure connect bundle; refusing to use it\.$/, 'notes.txt');
  await refused(withEntries([{ name: 'Config.json', data: Buffer.from('{}') }]), /contains "Config\.json", which is not part/, 'Config.json');
});

test('absolute paths, .. segments and backslashes are unsafe paths', async () => {
  for (const name of ['/etc/passwd', '../evil', 'a/../../evil', 'C:/x', '..\\evil', 'certs\\key', './config.json']) {
    await refused(withEntries([{ name, data: Buffer.from('x') }]), /contains an unsafe path ".*"; refusing to use it\.$/, name);
  }
});

test('symbolic links and special files are refused from their unix mode', async () => {
  await refused(withEntries([{ name: 'key', data: Buffer.from('/home/me/.ssh/id_rsa'), mode: 0o120777 }], ['key']), /^key in the secure connect bundle is a symbolic link; a bundle holds only plain files\.$/, 'key');
  await refused(withEntries([{ name: 'cqlshrc', data: Buffer.alloc(0), mode: 0o010644 }], ['cqlshrc']), /^cqlshrc .* is not a plain file/, 'cqlshrc');
  // A regular unix mode is fine.
  await readBundle(withEntries([{ name: 'cqlshrc', data: Buffer.from('[connection]\n'), mode: 0o100644 }], ['cqlshrc']));
});

test('duplicate names are refused instead of letting the last one win', async () => {
  const second = { name: 'config.json', data: Buffer.from(JSON.stringify({ host: 'attacker.example.com', port: 443 })) };
  await refused(withEntries([second]), /^The secure connect bundle contains "config\.json" twice; refusing to guess which one is meant\.$/, 'config.json');
});

test('directories: where a file belongs, and anywhere at all', async () => {
  await refused(withEntries([{ name: 'cert/', data: Buffer.alloc(0) }], ['cert']), /^cert in the secure connect bundle is a folder, but it must be a file\.$/, 'cert');
  await refused(withEntries([{ name: 'ca.crt', data: Buffer.alloc(0), mode: 0o040755 }], ['ca.crt']), /^ca\.crt .* is a folder/, 'ca.crt');
  await refused(withEntries([{ name: 'data/', data: Buffer.alloc(0) }]), /contains the folder "data\/"; a bundle holds only files at its root\.$/, 'data/');
});

test('too many entries are refused from the end record, before any record is parsed', async () => {
  await refused(rawZip(valid(), { declaredCount: 40_000 }), /^The secure connect bundle has 40000 entries; a real bundle has about 8\.$/);
});

test('zip64 markers, encrypted entries and unknown methods are refused', async () => {
  await refused(rawZip(valid(), { declaredCount: 0xffff }), /not a valid zip file \(it uses the zip64 format/);
  await refused(withEntries([{ name: 'cert.pfx', data: Buffer.from('x'), flags: 1 }]), /^cert\.pfx in the secure connect bundle is encrypted/, 'cert.pfx');
  await refused(withEntries([{ name: 'cert.pfx', data: Buffer.from('x'), method: 12 }]), /^cert\.pfx .* is corrupt \(it is compressed with method 12/, 'cert.pfx');
});

test('sizes that lie: declared 0 but inflating past the cap is stopped at the cap', async () => {
  const bomb = { name: 'identity.jks', data: Buffer.alloc(50 * 1024 * 1024), deflate: true, declaredSize: 0 };
  await refused(withEntries([bomb]), new RegExp(`^identity\\.jks in the secure connect bundle inflates to more than ${MAX_ENTRY_BYTES} bytes; that is not a bundle file\\.$`), 'identity.jks');
  const stored = { name: 'cert.pfx', data: Buffer.alloc(MAX_ENTRY_BYTES + 1), declaredSize: 10 };
  await refused(withEntries([stored]), /^cert\.pfx .* inflates to more than/, 'cert.pfx');
  const small = { name: 'cert.pfx', data: Buffer.from('abc'), deflate: true, declaredSize: 2 };
  await refused(withEntries([small]), /^cert\.pfx in the secure connect bundle is corrupt \(it declares 2 bytes but holds 3\)\.$/, 'cert.pfx');
});

test('a wrong CRC-32 and damaged deflate data name the entry', async () => {
  await refused(withEntries([{ name: 'cqlshrc', data: Buffer.from('[connection]\n'), deflate: true, crc: 1234 }], ['cqlshrc']), /^cqlshrc .* is corrupt \(its checksum does not match its content\)\.$/, 'cqlshrc');
  await refused(withEntries([{ name: 'cqlshrc', data: Buffer.from([0xff, 0xff, 0xff]), method: 8 }], ['cqlshrc']), /^cqlshrc .* is corrupt \(its compressed data is damaged/, 'cqlshrc');
});

test('names that are not plain text are refused without echoing control characters', async () => {
  const message = await refused(withEntries([{ name: 'a\u001b[31mred\nline', data: Buffer.from('x') }]), /not plain text/, 'a\u001b[31mred\nline');
  assert.doesNotMatch(message, /[\u0000-\u001f]/);
});

test('an end record hidden in a comment is not mistaken for the real one', async () => {
  const fake = Buffer.alloc(22);
  fake.writeUInt32LE(0x06054b50, 0);
  const zip = rawZip(valid(), { comment: Buffer.concat([fake, Buffer.from('trailing')]) });
  assert.equal((await readBundle(zip)).info.port, 32220);
});

test('no end record in the last 64 KB: not a zip, in a sentence of our own', async () => {
  const zip = Buffer.concat([rawZip(valid()), Buffer.alloc(70_000)]);
  await refused(zip, /^The secure connect bundle is not a valid zip file \(no end-of-archive record: the file is truncated or is not a zip\)\. Download it again from the Astra console\.$/);
});

test('a local header that disagrees with the central directory is refused', async () => {
  const zip = rawZip(valid());
  zip.write('x', 30); // first entry's local name "config.json" → "xonfig.json"
  await refused(zip, /^config\.json .* is corrupt \(its local header names a different file\)\.$/, 'config.json');
});

test('a central directory holding more records than the end record declares is refused', async () => {
  await refused(withEntries([{ name: 'cert.pfx', data: Buffer.from('x') }], [], { declaredCount: 5 }), /not a valid zip file \(its central directory holds more than the 5 entries it declares\)/);
});
