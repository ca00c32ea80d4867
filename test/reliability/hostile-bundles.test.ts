// Hostile secure connect bundles, each read in a child process through ProfileStore.copyBundle (the path every
// add-bundle flow takes) so its peak memory is the process's own peak: every class is refused (or accepted) as
// intended, nothing is written outside the storage folder, and peak RSS grows by less than 64 MB whatever the zip
// claims. Then a few thousand seeded random mutations of a valid bundle, checked the same way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import { buildBundle } from '../sandbox/astra/bundle.js';
import { createPki } from '../sandbox/astra/certs.js';
import { rawZip, type RawEntry } from '../support/rawZip.js';
import { zeroBomb } from './support/bundleMutations.js';
import { mb, record } from './support/report.js';
import { fileTree } from './support/fileTree.js';

const AREA = 'hostile bundles';
const PEAK_LIMIT = 64 * 1024 * 1024;
const FUZZ_CASES = Number(process.env.BUNDLE_FUZZ_CASES ?? 3000);
const FUZZ_SEED = Number(process.env.BUNDLE_FUZZ_SEED ?? 13);
/** The loop stops here even on a slow machine; it must still have run a third of its cases. */
const FUZZ_BUDGET_MS = 240_000;
const CHILD = join(import.meta.dirname, 'support', 'bundleChild.ts');
const run = promisify(execFile);

let root: string;
let watched: string;
let validZip: string;
let base: RawEntry[];

async function child(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

const tree = (dir: string): string[] => fileTree(dir);

const withEntries = (extra: RawEntry[], drop: string[] = []) => rawZip([...base.filter((e) => !drop.includes(e.name)), ...extra]);
const config = (patch: Record<string, unknown>) => {
  const cfg = JSON.parse(base.find((e) => e.name === 'config.json')!.data.toString('utf8')) as Record<string, unknown>;
  return { name: 'config.json', data: Buffer.from(JSON.stringify({ ...cfg, ...patch })), deflate: true };
};
const bombs = new Map<number, ReturnType<typeof zeroBomb>>();
async function bombEntry(name: string, size: number, declaredSize: number): Promise<RawEntry> {
  if (!bombs.has(size)) bombs.set(size, zeroBomb(size));
  const bomb = await bombs.get(size)!;
  return { name, data: Buffer.alloc(0), body: bomb.body, crc: bomb.crc, declaredSize };
}
function manyEntries(count: number, declaredCount?: number): Buffer {
  const tiny = Array.from({ length: count }, (_, i): RawEntry => ({ name: `f${i}`, data: Buffer.from('x') }));
  return rawZip([...base, ...tiny], { declaredCount });
}

const MB = 1024 * 1024;
const classes: [string, () => Buffer | Promise<Buffer>, RegExp | 'accept' | 'folder'][] = [
  ['valid bundle (sandbox, 8 entries)', () => rawZip(base), 'accept'],
  ['entry declares 0 bytes, inflates to 500 MB', async () => withEntries([await bombEntry('identity.jks', 500 * MB, 0)], ['identity.jks']), /^identity\.jks in the secure connect bundle inflates to more than 262144 bytes; that is not a bundle file\.$/],
  ['three entries declare 1 KB, each inflates to 300 MB', async () => withEntries(await Promise.all(['cert.pfx', 'trustStore.jks', 'cqlshrc'].map((n) => bombEntry(n, 300 * MB, 1024))), ['cert.pfx', 'trustStore.jks', 'cqlshrc']), /inflates to more than 262144 bytes/],
  ['60,000 tiny entries', () => manyEntries(60_000), /^The secure connect bundle has 60008 entries; a real bundle has about 8\.$/],
  ['60,000 entries hidden behind a declared count of 8', () => manyEntries(60_000, 8), /not a valid zip file \(its central directory holds more than the 8 entries it declares\)/],
  ['extra entry of 200 MB, honestly declared', async () => withEntries([await bombEntry('padding.bin', 200 * MB, 200 * MB)]), /^padding\.bin in the secure connect bundle is 209715200 bytes uncompressed; that is not a bundle file\.$/],
  ['whitelisted entry of 200 MB, honestly declared', async () => withEntries([await bombEntry('cert.pfx', 200 * MB, 200 * MB)], ['cert.pfx']), /^cert\.pfx .* is 209715200 bytes uncompressed/],
  ['extra small entry outside the whitelist', () => withEntries([{ name: 'README.txt', data: Buffer.from('hi') }]), /contains "README\.txt", which is not part of a secure connect bundle/],
  ['symbolic link named key', () => withEntries([{ name: 'key', data: Buffer.from('/etc/shadow'), mode: 0o120777 }], ['key']), /^key in the secure connect bundle is a symbolic link/],
  ['two config.json (the last would win)', () => withEntries([config({ host: 'attacker.example.com' })]), /contains "config\.json" twice/],
  ['host of a million characters', () => withEntries([config({ host: 'a'.repeat(1_000_000) })], ['config.json']), /^config\.json in the secure connect bundle is \d+ bytes uncompressed; that is not a bundle file\.$/],
  ['host of 100,000 characters', () => withEntries([config({ host: 'a'.repeat(100_000) })], ['config.json']), /invalid host "a+…" \(100000 characters\): a host name has at most 253 characters\.$/],
  ['host that is not a host name', () => withEntries([config({ host: 'evil.com/steal?x=' })], ['config.json']), /invalid host "evil\.com\/steal\?x=": a host name is letters, digits and hyphens/],
  ['zip slip ../../evil.txt', () => withEntries([{ name: '../../evil.txt', data: Buffer.from('owned') }]), /unsafe path "\.\.\/\.\.\/evil\.txt"/],
  ['backslash path ..\\evil.txt', () => withEntries([{ name: '..\\evil.txt', data: Buffer.from('owned') }]), /unsafe path/],
  ['absolute path /tmp/evil.txt', () => withEntries([{ name: '/tmp/evil.txt', data: Buffer.from('owned') }]), /unsafe path/],
  ['folder where cert belongs', () => withEntries([{ name: 'cert/', data: Buffer.alloc(0) }], ['cert']), /^cert in the secure connect bundle is a folder, but it must be a file\.$/],
  ['zip64 end record', () => rawZip(base, { declaredCount: 0xffff }), /zip64/],
  ['not a zip (a PDF)', () => Buffer.from('%PDF-1.7 honest'), /^The secure connect bundle is not a valid zip file \(the file is too short to be a zip\)/],
  ['an unpacked bundle folder', () => Buffer.alloc(0), 'folder'],
];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'astra-hostile-'));
  watched = join(root, 'watched');
  mkdirSync(watched);
  const pki = await createPki();
  const bytes = buildBundle({ config: { host: '127.0.0.1', metadataPort: 29080, cqlPort: 29042, keyspace: 'ks', localDC: 'dc1' }, caCert: pki.caCert, client: pki.client });
  base = new AdmZip(bytes).getEntries().map((e) => ({ name: e.entryName, data: e.getData(), deflate: true }));
  validZip = join(root, 'valid.zip');
  writeFileSync(validZip, bytes);
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('each hostile class, in a child process of its own', () => {
  for (const [name, build, expected] of classes) {
    test(name, async () => {
      const src = join(watched, 'deep', 'src');
      mkdirSync(src, { recursive: true });
      const storage = join(watched, 'deep', 'storage', 'bundles');
      let zip = join(src, 'bundle.zip');
      if (expected === 'folder') {
        zip = join(src, 'unpacked');
        mkdirSync(zip);
        for (const e of base) writeFileSync(join(zip, e.name), e.data);
      } else writeFileSync(zip, await build());
      const beforeTree = tree(watched);
      const o = await child(['case', zip, storage, validZip, join(root, `warmup-${Math.random()}`)]);
      const added = tree(watched).filter((p) => !beforeTree.includes(p));
      if (expected === 'accept') {
        assert.equal(o.accepted, true, String(o.message));
        assert.deepEqual(added.map((p) => p.split(' ')[0]), ['deep/storage', 'deep/storage/bundles', 'deep/storage/bundles/measured.zip']);
        const stored = new AdmZip(join(storage, 'measured.zip')).getEntries().map((e) => e.entryName).sort();
        assert.deepEqual(stored, base.map((e) => e.name).sort());
      } else {
        assert.equal(o.accepted, false, `accepted: ${name}`);
        const pattern = expected === 'folder' ? /is a folder; pick the secure connect bundle \.zip file itself/ : expected;
        assert.match(String(o.message), pattern);
        assert.deepEqual(added, [], 'a refused bundle writes nothing');
      }
      assert.ok((o.peakGrowth as number) < PEAK_LIMIT, `peak RSS grew by ${mb(o.peakGrowth as number)}`);
      record({ area: AREA, case: name, observed: `${o.accepted ? 'accepted' : String(o.message)} Peak RSS growth ${mb(o.peakGrowth as number)}.`, ms: o.ms as number });
      rmSync(join(watched, 'deep'), { recursive: true, force: true });
    });
  }
});

test(`fuzz: up to ${FUZZ_CASES} seeded mutations of a valid bundle are refused or accepted exactly as intended`, async () => {
  const work = join(watched, 'fuzz');
  mkdirSync(join(work, 'src'), { recursive: true });
  const basePath = join(root, 'base.json');
  writeFileSync(basePath, JSON.stringify(base.map((e) => ({ name: e.name, data: e.data.toString('base64') }))));
  const r = (await child(['fuzz', String(FUZZ_SEED), String(FUZZ_CASES), String(FUZZ_BUDGET_MS), work, basePath])) as {
    cases: number; ms: number; failures: string[]; byKind: Record<string, { cases: number; accepted: number; refused: number; maxPeakGrowth: number }>;
  };
  assert.deepEqual(r.failures, [], `seed ${FUZZ_SEED}`);
  assert.ok(r.cases >= FUZZ_CASES / 3, `only ${r.cases} cases ran within ${FUZZ_BUDGET_MS / 1000} s`);
  assert.deepEqual(readdirSync(join(work, 'src')), ['case.zip'], 'nothing extracted next to the bundle');
  assert.deepEqual(readdirSync(join(work, 'storage', 'bundles')), [], 'every stored bundle was accounted for');
  assert.deepEqual(readdirSync(watched), ['fuzz'], 'nothing written outside the work folder');
  let worst = 0;
  for (const [kind, k] of Object.entries(r.byKind)) {
    worst = Math.max(worst, k.maxPeakGrowth);
    assert.ok(k.maxPeakGrowth < PEAK_LIMIT, `${kind}: peak RSS grew by ${mb(k.maxPeakGrowth)}`);
    record({ area: AREA, case: `fuzz: ${kind}`, observed: `${k.cases} cases, ${k.accepted} accepted, ${k.refused} refused; max peak RSS growth ${mb(k.maxPeakGrowth)}` });
  }
  record({ area: AREA, case: `fuzz total (seed ${FUZZ_SEED})`, observed: `${r.cases} cases, 0 mismatches, worst peak RSS growth ${mb(worst)}`, ms: r.ms });
});
