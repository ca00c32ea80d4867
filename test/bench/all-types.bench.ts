// Result pipeline vs the raw driver on the all-types table: per column type and for the whole row, rows/s of the
// driver paging the query alone and of the notebook session (driver rows → result payload rows), and their ratio.
// Same paging for both; one warm-up of each, then BENCH_ROUNDS alternating rounds (default 9). Each round times one
// pass of each next to each other; the ratio reported is the median of the rounds' own ratios (a paired comparison:
// load that drifts over the run falls on both passes of a round alike), with the GC pauses of each kind of pass.
// Runs on the sandbox, started in a process of its own so the server does not share this process's event loop and
// CPU time with the client being measured, or on a real cluster with the CQL_TEST_* variables (test/support/target.ts).
//   BENCH_ROWS (default 100000)  BENCH_ROUNDS (default 9)  BENCH_ONLY=c_decimal,c_uuid,row (some columns; row: whole row)
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
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 9));

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

/** The engine's collector (node --expose-gc); `{ type: 'minor' }`: the young generation only. */
const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;

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

/** Medians over one kind of pass: rows/s by the clock, GC ms. */
interface Medians {
  rps: number;
  gcMs: number;
}

const medians = (ps: Pass[]): Medians => ({ rps: median(ps.map(rps)), gcMs: median(ps.map((p) => p.gcMs)) });

interface Measured {
  raw: Medians;
  session: Medians;
  rows: number;
  /** Median of the rounds' own ratios (session / raw, the two passes next to each other), by the clock and by CPU. */
  ratio: number;
  cpuRatio: number;
  /** The lowest and highest ratio of one round: how far one round strays shows how much of a difference between
   *  two runs is noise. */
  rounds: [number, number];
}

async function measure(client: Client, query: string): Promise<Measured> {
  await rawPass(client, query);
  await sessionPass(client, query);
  const raw: Pass[] = [];
  const session: Pass[] = [];
  let rows = 0;
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate which goes first so background load on the shared machine falls on both alike.
    const order = i % 2 === 0 ? [rawPass, sessionPass] : [sessionPass, rawPass];
    for (const pass of order) {
      // The previous pass's young garbage is collected first, not charged to this one (node --expose-gc). Only the
      // young generation: a full collection also throws away optimised code that refers to objects which died
      // (V8 --trace-deopt: "weak objects"), so every pass paid the compiler again, on helper threads that share the
      // two cores with the server, and the session, with more hot code, paid more (UDT column, 50,000 rows: CPU
      // ratio 0.46 with full collections, 0.84 without). An editor never forces one. What a pass promoted is
      // collected when the engine decides, by whichever pass runs then; the alternating order spreads that.
      gc?.({ type: 'minor' });
      const p = await pass(client, query);
      (pass === rawPass ? raw : session).push(p);
      rows = p.rows;
    }
  }
  /** Each round's session / raw ratio of `speed`. */
  const paired = (speed: (p: Pass) => number) => raw.map((r, i) => speed(session[i]!) / speed(r));
  const ratios = paired(rps);
  return {
    raw: medians(raw), session: medians(session), rows, ratio: median(ratios), cpuRatio: median(paired(cpuRps)),
    rounds: [Math.min(...ratios), Math.max(...ratios)],
  };
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
    console.log(`page ${PAGE}, ${ROUNDS} alternating rounds after one warm-up each; rows/s: the median pass by the clock; ratio: the`);
    console.log('median of the rounds\' own ratios, also by this process\'s CPU time (steadier when other processes load the');
    console.log('machine); rounds: the lowest and highest ratio of a single round (the spread that one run to the next can');
    console.log('show); GC ms: the median collection pauses of a pass, raw / session (counted in both the clock and the CPU time)');
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
      const { ratio, cpuRatio } = m;
      if (c.label !== 'whole row' && ratio < worst.ratio) worst = { label: c.label, ratio };
      console.log(`${pad(c.label, 28)}${pad(Math.round(m.raw.rps).toString(), 13)}${pad(Math.round(m.session.rps).toString(), 16)}${pad(ratio.toFixed(2), 8)}${pad(cpuRatio.toFixed(2), 13)}${pad(m.rounds.map((r) => r.toFixed(2)).join('–'), 11)}${m.raw.gcMs.toFixed(0)} / ${m.session.gcMs.toFixed(0)}`);
    }
    if (worst.label) console.log(`lowest single-type ratio: ${worst.label} ${worst.ratio.toFixed(3)}`);
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
