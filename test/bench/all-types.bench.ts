// Result pipeline vs the raw driver on the all-types table: per column type and for the whole row, rows/s of the
// driver paging the query alone and of the notebook session (driver rows → result payload rows), and their ratio.
// Same paging for both; one warm-up of each, then BENCH_ROUNDS alternating rounds (default 5), median reported,
// with the GC pauses of each kind of pass (most of what the session costs over the driver is collections).
// Runs on the sandbox, started in a process of its own so the server does not share this process's event loop and
// CPU time with the client being measured, or on a real cluster with the CQL_TEST_* variables (test/support/target.ts).
//   BENCH_ROWS (default 100000)  BENCH_ROUNDS (default 5)  BENCH_ONLY=c_decimal,c_uuid,row (some columns; row: whole row)
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { Client } from 'cassandra-driver';
import { CqlSession } from '../../src/extension/cql/session.js';
import { splitStatements } from '../../src/extension/cql/statements.js';
import { isRealTarget, nodeClientOptions, testTarget } from '../support/target.js';
import { createAllTypesTable } from './allTypesTable.js';
import { startSandboxProcess, type SandboxProcess } from './sandboxProcess.js';
import { median } from './median.js';

const PAGE = 5000;
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));

interface Pass {
  rows: number;
  ms: number;
  /** CPU time of this process (the driver and the session; the server runs elsewhere): robust to other load. */
  cpuMs: number;
  /** Garbage collection pauses during the pass: most of what the session costs over the driver is here. */
  gcMs: number;
}

// Every collection's pause, as the engine reports it (entries come in after the fact, in batches).
let gcPauses = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses += e.duration;
}).observe({ entryTypes: ['gc'] });

/** GC pauses reported so far, once the observer has been given the entries still queued. */
const gcNow = () => new Promise<number>((resolve) => setImmediate(() => resolve(gcPauses)));

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Clock, CPU and GC time of `read`, which reads the whole result and returns its row count. */
async function timed(read: () => Promise<number>): Promise<Pass> {
  const g0 = await gcNow();
  const c0 = cpuNow();
  const t0 = performance.now();
  const rows = await read();
  const ms = performance.now() - t0;
  const cpuMs = cpuNow() - c0;
  return { rows, ms, cpuMs, gcMs: (await gcNow()) - g0 };
}

function rawPass(client: Client, query: string): Promise<Pass> {
  return timed(async () => {
    let rows = 0;
    let pageState: string | undefined;
    do {
      const rs = await client.execute(query, [], { prepare: false, fetchSize: PAGE, autoPage: false, ...(pageState ? { pageState } : {}) });
      rows += rs.rows.length;
      pageState = rs.pageState ?? undefined;
    } while (pageState);
    return rows;
  });
}

function sessionPass(client: Client, query: string): Promise<Pass> {
  const session = new CqlSession({ client: async () => client, pageSize: PAGE, timeZone: 'UTC' });
  return timed(async () => {
    const first = await session.run(splitStatements(query)[0]!);
    if (first.kind !== 'result') throw new Error(JSON.stringify(first));
    let rows = first.payload.rows.length;
    let more = first.payload.hasMore;
    while (more) {
      const page = await session.loadMore(first.payload.queryId);
      rows += page.rows.length;
      more = page.hasMore;
    }
    return rows;
  });
}

const rps = (p: Pass) => (p.rows / p.ms) * 1000;
const cpuRps = (p: Pass) => (p.rows / p.cpuMs) * 1000;

/** Medians over one kind of pass: rows/s by the clock and by CPU time, GC ms. */
interface Medians {
  rps: number;
  cpuRps: number;
  gcMs: number;
}

const medians = (ps: Pass[]): Medians => ({ rps: median(ps.map(rps)), cpuRps: median(ps.map(cpuRps)), gcMs: median(ps.map((p) => p.gcMs)) });

/** `rounds`: each round's own ratio (session / raw, the two passes next to each other), lowest and highest: how far
 *  one round strays from the median shows how much of a difference between two runs is noise. */
async function measure(client: Client, query: string): Promise<{ raw: Medians; session: Medians; rows: number; rounds: [number, number] }> {
  await rawPass(client, query);
  await sessionPass(client, query);
  const raw: Pass[] = [];
  const session: Pass[] = [];
  let rows = 0;
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate which goes first so background load on the shared machine falls on both alike.
    const order = i % 2 === 0 ? [rawPass, sessionPass] : [sessionPass, rawPass];
    for (const pass of order) {
      // The previous pass's garbage is collected first, not charged to this one (with node --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
      const p = await pass(client, query);
      (pass === rawPass ? raw : session).push(p);
      rows = p.rows;
    }
  }
  const ratios = raw.map((r, i) => rps(session[i]!) / rps(r));
  return { raw: medians(raw), session: medians(session), rows, rounds: [Math.min(...ratios), Math.max(...ratios)] };
}

async function main(): Promise<void> {
  let sandbox: SandboxProcess | undefined;
  if (!isRealTarget()) {
    sandbox = await startSandboxProcess();
    process.env.CQL_TEST_CONTACT_POINTS = sandbox.contactPoint;
    process.env.CQL_TEST_LOCAL_DC = sandbox.localDataCenter;
  }
  const target = await testTarget({ seed: 'none' });
  const where = sandbox ? 'the sandbox (its own process)' : target.kind;
  const client = new Client(nodeClientOptions(target, { socketOptions: { readTimeout: 120_000 } }));
  try {
    await client.connect();
    const t0 = performance.now();
    const columns = await createAllTypesTable(client, target.keyspace, ROWS);
    const table = `${target.keyspace}.bench_all_types`;
    console.log(`all-types table: ${ROWS} rows, ${columns.length + 1} columns, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${where}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`page ${PAGE}, median of ${ROUNDS} alternating rounds after one warm-up each; rows/s by the clock, and the`);
    console.log('ratio also by this process\'s CPU time (steadier when other processes load the machine); GC ms: the');
    console.log('median collection pauses of a pass, raw / session (counted in both the clock and the CPU time); rounds: the');
    console.log('lowest and highest ratio of a single round (the spread that one run to the next can show)');
    const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
    const cases = [
      ...columns.filter((c) => !only || only.includes(c.name)).map((c) => ({ label: c.cql, query: `SELECT ${c.name} FROM ${table}` })),
      ...(only && !only.includes('row') ? [] : [{ label: 'whole row', query: `SELECT * FROM ${table}` }]),
    ];
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(`${pad('type', 28)}${pad('raw rows/s', 13)}${pad('session rows/s', 16)}${pad('ratio', 8)}${pad('ratio (CPU)', 13)}${pad('rounds', 11)}GC ms raw / session`);
    let worst = { label: '', ratio: Infinity };
    for (const c of cases) {
      const m = await measure(client, c.query);
      if (m.rows !== ROWS) throw new Error(`${c.label}: read ${m.rows} rows, expected ${ROWS}`);
      const ratio = m.session.rps / m.raw.rps;
      if (c.label !== 'whole row' && ratio < worst.ratio) worst = { label: c.label, ratio };
      const cpuRatio = m.session.cpuRps / m.raw.cpuRps;
      console.log(`${pad(c.label, 28)}${pad(Math.round(m.raw.rps).toString(), 13)}${pad(Math.round(m.session.rps).toString(), 16)}${pad(ratio.toFixed(2), 8)}${pad(cpuRatio.toFixed(2), 13)}${pad(m.rounds.map((r) => r.toFixed(2)).join('–'), 11)}${m.raw.gcMs.toFixed(0)} / ${m.session.gcMs.toFixed(0)}`);
    }
    if (worst.label) console.log(`lowest single-type ratio: ${worst.label} ${worst.ratio.toFixed(2)}`);
    console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await client.shutdown();
    await target.stop();
    await sandbox?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
