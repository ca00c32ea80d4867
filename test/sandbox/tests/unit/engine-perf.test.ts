import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCqlType } from '../../types/cqltype-text.js';
import { bound, fixture } from './engine-helpers.js';

// Timing is printed, not asserted (shared 2-core machine); correctness of the streamed read is asserted.
test('100,000-row insert and full read in 5,000-row pages', () => {
  const f = fixture();
  f.q('CREATE TABLE big (id int PRIMARY KEY, name text, score double)');
  const ins = f.engine.prepare('INSERT INTO big (id, name, score) VALUES (?, ?, ?)', f.ctx);
  const [int, text, dbl] = ['int', 'text', 'double'].map((t) => parseCqlType(t));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < 100_000; i++) {
    f.engine.execute(ins.id, { positional: [bound(int, i), bound(text, `name-${i}`), bound(dbl, i / 3)] }, f.ctx);
  }
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const seen = new Set<number>();
  const pageTimes: number[] = [];
  let state: Buffer | undefined;
  do {
    const p0 = performance.now();
    const r = f.q('SELECT id, name, score FROM big', null, { pageSize: 5000, pagingState: state });
    pageTimes.push(performance.now() - p0);
    assert.equal(r.kind, 'rows');
    if (r.kind !== 'rows') return;
    for (const row of r.rows) seen.add(row[0] as number);
    state = r.pagingState;
  } while (state);
  const t2 = performance.now();
  const c2 = process.cpuUsage(c0);
  const cpuMs = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000).toFixed(0);
  assert.equal(seen.size, 100_000);
  assert.equal(pageTimes.length, 20);
  const later = pageTimes.slice(1);
  console.log(
    `[engine timing] insert 100k: ${(t1 - t0).toFixed(0)} ms; paged read (20 × 5000): ${(t2 - t1).toFixed(0)} ms; ` +
      `first page ${pageTimes[0].toFixed(1)} ms (includes the ring sort), later pages avg ${(later.reduce((a, b) => a + b, 0) / later.length).toFixed(1)} ms, max ${Math.max(...later).toFixed(1)} ms; ` +
      `CPU: insert ${cpuMs(c1)} ms, insert+read ${cpuMs(c2)} ms`,
  );
});
