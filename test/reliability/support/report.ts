// Collects "case → observed behaviour" rows for the summary table printed at the end of a reliability run (also
// written to test-results/reliability-summary.md). Rows are appended to the file named by RELIABILITY_REPORT when the runner set
// one (test files run in separate processes); otherwise each file prints its own rows when it ends.
import { appendFileSync } from 'node:fs';
import { after } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface CaseRow {
  area: string;
  case: string;
  observed: string;
  ms?: number;
}

const rows: CaseRow[] = [];
// Registered at import time so it is a hook of the whole file, not of the test that recorded first.
after(() => {
  if (rows.length) console.log(`\n${formatTable(rows)}`);
});

export function record(row: CaseRow): void {
  const clean = { ...row, observed: row.observed.replace(/\s+/g, ' ').trim() };
  const file = process.env.RELIABILITY_REPORT;
  if (file) {
    appendFileSync(file, `${JSON.stringify(clean)}\n`);
    return;
  }
  rows.push(clean);
}

export function formatTable(all: readonly CaseRow[]): string {
  const lines = ['| area | case | observed | ms |', '|---|---|---|---|'];
  for (const r of all) {
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    const observed = r.observed.length > 220 ? `${r.observed.slice(0, 217)}…` : r.observed;
    lines.push(`| ${cell(r.area)} | ${cell(r.case)} | ${cell(observed)} | ${r.ms === undefined ? '' : Math.round(r.ms)} |`);
  }
  return lines.join('\n');
}

/** Runs `fn`, returning its value (or the error it threw) and how long it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** JS heap plus Buffer memory (Buffers live outside the JS heap). */
export const memoryNow = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export async function settledMemory(): Promise<number> {
  // Tests run without --expose-gc; this enables it for contexts created from now on.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return memoryNow();
}
