// Query history at its bound: 5,000 entries of one connection (the budget: open and filter in < 50 ms), then three
// full connections (15,000). Measures opening it (reading the saved file and indexing it), listing it newest first
// (the tree view and the QuickPick) and filtering by text, connection and status.
// Prints p50/p95 in milliseconds against the 50 ms budget; asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HistoryFile } from '../../src/extension/history/historyFile.js';
import { HistoryStore } from '../../src/extension/history/historyStore.js';
import { prng } from '../sandbox/seed/prng.js';

const PER_PROFILE = 5000;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const TABLES = ['users', 'events', 'orders', 'products', 'sensor_readings', 'all_types'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, fn: () => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  console.log(`${label.padEnd(44)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms  ${p95 < 50 ? 'within' : 'OVER'} 50 ms`);
}

async function run(PROFILES: string[]): Promise<void> {
const dir = await mkdtemp(join(tmpdir(), 'history-bench-'));
try {
  const rand = prng(17);
  const store = new HistoryStore();
  for (let i = 0; i < PER_PROFILE * PROFILES.length; i++) {
    const table = TABLES[Math.floor(rand() * TABLES.length)]!;
    store.add({
      profileId: PROFILES[i % PROFILES.length]!,
      text: i % 3 === 0 ? `SELECT * FROM demo.${table} WHERE id = ${i} LIMIT 100` : `UPDATE demo.${table} SET name = 'n${i}' WHERE id = ${i}`,
      keyspace: 'demo', consistency: 'LOCAL_QUORUM', durationMs: Math.round(rand() * 40), rows: i % 3 === 0 ? 100 : undefined,
      status: i % 17 === 0 ? 'error' : 'ok', ...(i % 17 === 0 ? { errorClass: 'invalid' } : {}), at: 1_700_000_000_000 + i * 1000,
    } as never);
  }
  const path = join(dir, 'query-history.json');
  await new HistoryFile(path, store).save();
  console.log(`\n${store.size()} entries (${PER_PROFILE} per connection × ${PROFILES.length})`);

  await measure('open: read the file and index it', () => new HistoryFile(path, new HistoryStore()).load());
  await measure('list one connection (tree view)', () => store.list({ profileId: 'p1' }));
  await measure('list all, newest first (QuickPick)', () => store.list());
  await measure('filter by text "orders where"', () => store.list({ text: 'orders where' }));
  await measure('filter by connection + status error', () => store.list({ profileId: 'p1', status: 'error' }));
  await measure('filter by text in one connection', () => store.list({ profileId: 'p1', text: "name = 'n4" }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
}

void run(['p1']).then(() => run(['p1', 'p2', 'p3']));
