// Runs hostile-bundle cases in a process of their own, so that peak memory can be read as the process's own peak
// (process.resourceUsage().maxRSS) rather than guessed from end-of-case samples. Prints one JSON line.
//   case <zip> <storageDir> <validZip> <warmupDir>        one bundle through ProfileStore.copyBundle
//   fuzz <seed> <cases> <budgetMs> <workDir> <base.json>   random mutations of a valid bundle
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { BundleError } from '../../../src/extension/connections/bundle.js';
import { ProfileStore } from '../../../src/extension/connections/profileStore.js';
import type { RawEntry } from '../../support/rawZip.js';
import { Mutator, zeroBomb, type Mutation } from './bundleMutations.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const peakBytes = () => process.resourceUsage().maxRSS * 1024; // Linux reports kilobytes

function store(dir: string): ProfileStore {
  const data = new Map<string, unknown>();
  return new ProfileStore(
    { get: (k) => data.get(k), update: async (k, v) => void data.set(k, v) },
    { get: async () => undefined, store: async () => undefined, delete: async () => undefined },
    dir,
  );
}

interface Outcome {
  accepted: boolean;
  message?: string;
  file?: string;
  stored?: string;
  /** Peak RSS during the case minus RSS before it: an upper bound of what the case cost. */
  peakGrowth: number;
  ms: number;
}

async function runOne(profiles: ProfileStore, zip: string, id: string): Promise<Outcome> {
  gc();
  const before = process.memoryUsage.rss();
  const t0 = performance.now();
  try {
    const stored = await profiles.copyBundle(zip, id);
    return { accepted: true, stored, peakGrowth: peakBytes() - before, ms: performance.now() - t0 };
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    return { accepted: false, message: err.message, file: err.file, peakGrowth: peakBytes() - before, ms: performance.now() - t0 };
  }
}

/** Why this outcome is not what the mutation calls for, or undefined when it is. */
function mismatch(m: Mutation, o: Outcome, storageDir: string, id: string): string | undefined {
  const files = readdirSync(storageDir);
  if (!o.accepted) {
    if (m.expect === 'accept') return `refused: ${o.message}`;
    if (files.length) return `a refused bundle left ${files.join(', ')} in storage`;
    if (!o.message || /adm-zip|\n/i.test(o.message) || o.message.length > 400) return `not one plain sentence: ${JSON.stringify(o.message)}`;
    if (o.file && /^[\x20-\x7e]+$/.test(o.file) && !o.message.includes(o.file.replace(/\/$/, ''))) return `message does not name ${o.file}`;
    return undefined;
  }
  if (m.expect === 'refuse') return 'accepted';
  if (files.length !== 1 || files[0] !== `${id}.zip`) return `storage holds ${files.join(', ')}`;
  // Read back with the driver's own zip reader: exactly the expected entries, byte for byte.
  const entries = new AdmZip(readFileSync(o.stored!)).getEntries();
  const names = entries.map((e) => e.entryName).sort();
  if (names.join() !== [...m.entries.keys()].sort().join()) return `stored entries ${names.join()}`;
  for (const e of entries) if (!e.getData().equals(m.entries.get(e.entryName)!)) return `stored ${e.entryName} differs from the original`;
  return undefined;
}

async function fuzz(seed: number, cases: number, budgetMs: number, work: string, basePath: string): Promise<void> {
  const base = (JSON.parse(readFileSync(basePath, 'utf8')) as { name: string; data: string }[]).map(
    (e): RawEntry => ({ name: e.name, data: Buffer.from(e.data, 'base64'), deflate: true }),
  );
  const mutator = new Mutator(base, await zeroBomb(64 * 1024 * 1024), seed);
  const storageDir = join(work, 'storage', 'bundles');
  const zip = join(work, 'src', 'case.zip');
  const profiles = store(storageDir);
  const byKind: Record<string, { cases: number; accepted: number; refused: number; maxPeakGrowth: number }> = {};
  const failures: string[] = [];
  const t0 = performance.now();
  let n = 0;
  for (; n < cases && performance.now() - t0 < budgetMs; n++) {
    const m = mutator.next();
    writeFileSync(zip, m.bytes);
    const id = `case-${n}`;
    const o = await runOne(profiles, zip, id);
    const wrong = mismatch(m, o, storageDir, id);
    if (wrong && failures.length < 20) failures.push(`case ${n} (${m.kind}, expected ${m.expect}): ${wrong}`);
    if (o.stored) rmSync(o.stored);
    const k = (byKind[m.kind] ??= { cases: 0, accepted: 0, refused: 0, maxPeakGrowth: 0 });
    k.cases++;
    if (o.accepted) k.accepted++;
    else k.refused++;
    k.maxPeakGrowth = Math.max(k.maxPeakGrowth, o.peakGrowth);
  }
  console.log(JSON.stringify({ cases: n, ms: performance.now() - t0, byKind, failures }));
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'case') {
    const [zip, storageDir, validZip, warmupDir] = args as [string, string, string, string];
    // Warm up every code path (zlib, crypto, fs) on a valid bundle elsewhere, so the measurement is the case alone.
    await store(warmupDir).copyBundle(validZip, 'warmup');
    const o = await runOne(store(storageDir), zip, 'measured');
    console.log(JSON.stringify(o));
  } else if (mode === 'fuzz') {
    const [seed, cases, budget, work, base] = args as [string, string, string, string, string];
    await fuzz(Number(seed), Number(cases), Number(budget), work, base);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
