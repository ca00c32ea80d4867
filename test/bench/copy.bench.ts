// COPY TO / FROM vs the raw driver on the same table in the same run: rows/s of a paged full scan (page 1000, as
// COPY TO uses) next to COPY TO a CSV file, and of concurrent prepared INSERTs of the same rows into the empty target
// (window 128, as COPY FROM uses; then TRUNCATE) next to COPY FROM the CSV into it, with this process's peak memory
// growth during each COPY. The sandbox runs in its own process, so the memory measured is the client's (what the
// extension host would hold), not the server's stored rows.
//   COPY_BENCH_ROWS (default 50000; the figure is 1000000)  10 columns of mixed types.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { Client, concurrent, types } from 'cassandra-driver';
import { parseCopyCommand } from '../../src/extension/copy/copyCommand.js';
import { runCopy } from '../../src/extension/copy/copyStatement.js';
import { WINDOW } from '../../src/extension/copy/importTable.js';

const ROWS = Number(process.env.COPY_BENCH_ROWS ?? 50_000);
const PAGE = 1000;
const KS = 'bench_copy';
const COLUMNS = 'id int PRIMARY KEY, c_bigint bigint, c_text text, c_double double, c_ts timestamp, c_uuid uuid, c_int int, c_decimal decimal, c_bool boolean, c_note text';

function row(i: number): unknown[] {
  return [i, types.Long.fromNumber(i * 7919 - 1e12), `name ${i}, "quoted"`, i / 3, new Date(1_600_000_000_000 + i * 1000),
    types.Uuid.fromString(`${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`), -i, types.BigDecimal.fromString(`${i}.25`), i % 2 === 0, i % 10 ? `note ${i}` : null];
}

async function startSandbox(): Promise<{ contactPoint: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', '--json', '--seed', 'none', '--mode', 'plain'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  const { contactPoint } = JSON.parse(line) as { contactPoint: string };
  return { contactPoint, stop: () => child.kill('SIGTERM') };
}

/** Runs `fn`, sampling this process's RSS and heap; returns its result, seconds and peak growth in MB. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number; rssMb: number; heapMb: number }> {
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    const value = await fn();
    const c = process.cpuUsage(c0);
    return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, rssMb: (rss - base.rss) / 2 ** 20, heapMb: (heap - base.heapUsed) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'astra-copy-bench-'));
  const port = Number(sandbox.contactPoint.split(':').pop());
  const client = new Client({ contactPoints: [sandbox.contactPoint], localDataCenter: 'dc-1', protocolOptions: { port }, socketOptions: { readTimeout: 120_000 } });
  try {
    await client.connect();
    await client.execute(`CREATE KEYSPACE IF NOT EXISTS ${KS} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    for (const t of ['src', 'dst']) await client.execute(`CREATE TABLE IF NOT EXISTS ${KS}.${t} (${COLUMNS})`);
    const insert = `INSERT INTO ${KS}.src (id, c_bigint, c_text, c_double, c_ts, c_uuid, c_int, c_decimal, c_bool, c_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

    const rows = () => Readable.from((function* () {
      for (let i = 0; i < ROWS; i++) yield row(i);
    })());
    // Seeding the source table is not measured; the raw write below runs under the same conditions as COPY FROM
    // (the source table present, the target empty).
    await concurrent.executeConcurrent(client, insert, rows(), { concurrencyLevel: WINDOW, raiseOnFirstError: true });
    const rawRead = await measured(async () => {
      let rows = 0;
      let pageState: string | undefined;
      do {
        const rs = await client.execute(`SELECT * FROM ${KS}.src`, [], { prepare: true, fetchSize: PAGE, autoPage: false, ...(pageState ? { pageState } : {}) });
        rows += rs.rows.length;
        pageState = rs.pageState ?? undefined;
      } while (pageState);
      return rows;
    });

    const copy = (cql: string) => {
      const r = parseCopyCommand(cql);
      if (!r?.ok) throw new Error(r ? r.error : 'not COPY');
      return runCopy(r.spec, { client, keyspace: KS, baseDir: dir });
    };
    const exp = await measured(() => copy(`COPY src TO 'src.csv' WITH HEADER = true AND PAGESIZE = ${PAGE}`));
    const rawWrite = await measured(() => concurrent.executeConcurrent(client, insert.replace(`${KS}.src`, `${KS}.dst`), rows(), { concurrencyLevel: WINDOW, raiseOnFirstError: true }));
    await client.execute(`TRUNCATE ${KS}.dst`);
    const imp = await measured(() => copy(`COPY dst FROM 'src.csv' WITH HEADER = true`));
    if (exp.value.rows !== ROWS || imp.value.rows !== ROWS || imp.value.errors) {
      throw new Error(`row counts: raw read ${rawRead.value}, exported ${exp.value.rows}, imported ${imp.value.rows}, rejected ${imp.value.errors}`);
    }
    const rps = (rows: number, s: number) => Math.round(rows / s);
    const readRaw = rps(rawRead.value, rawRead.seconds);
    const writeRaw = rps(ROWS, rawWrite.seconds);
    const readCopy = rps(exp.value.rows, exp.seconds);
    const writeCopy = rps(imp.value.rows, imp.seconds);
    const mb = (x: number) => x.toFixed(1);
    // This process's CPU per row (driver + COPY; the server runs elsewhere): what COPY adds, steady under other load.
    const us = (m: { cpuSeconds: number }, n: number) => `${((m.cpuSeconds * 1e6) / n).toFixed(1)} µs`;
    console.log(`COPY bench: ${ROWS} rows × 10 columns, page ${PAGE}, write window ${WINDOW}, CSV ${(statSync(join(dir, 'src.csv')).size / 2 ** 20).toFixed(1)} MB`);
    console.log(`  read   raw driver ${readRaw} rows/s   COPY TO   ${readCopy} rows/s   ratio ${(readCopy / readRaw).toFixed(2)}   client CPU/row ${us(rawRead, ROWS)} vs ${us(exp, ROWS)}   peak growth rss ${mb(exp.rssMb)} MB, heap ${mb(exp.heapMb)} MB`);
    console.log(`  write  raw driver ${writeRaw} rows/s   COPY FROM ${writeCopy} rows/s   ratio ${(writeCopy / writeRaw).toFixed(2)}   client CPU/row ${us(rawWrite, ROWS)} vs ${us(imp, ROWS)}   peak growth rss ${mb(imp.rssMb)} MB, heap ${mb(imp.heapMb)} MB`);
  } finally {
    await client.shutdown();
    sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
