// COPY … TO: reads the table by token ranges (a few at a time, each paged) and writes CSV or JSON Lines to a file
// stream, waiting for the stream to drain, so memory stays flat at any table size. Every write is whole lines:
// cancelling stops between pages and the file ends on a complete row.

import { createWriteStream, type WriteStream } from 'node:fs';
import type { Client, types } from 'cassandra-driver';
import { driverTypes } from './driverTypes.js';
import { quoteIdentifier } from '../../shared/identifier.js';
import type { CopyOptions } from './copyCommand.js';
import type { CopyResult, CopyRunOptions } from './copyResult.js';
import type { CopyColumn, CopyTable } from './copyTable.js';
import { withKeyspace } from '../cql/keyspaceScope.js';
import { csvLine } from './csv.js';
import { withRetry } from './retry.js';
import { rowTokenOf } from './rowToken.js';
import { timestampFormat } from './timestampFormat.js';
import { jsonWriter, textWriter } from './valueText.js';

/** Murmur3 token ring, split evenly; `(lo, hi]` each. */
const MIN_TOKEN = -(2n ** 63n);
const MAX_TOKEN = 2n ** 63n - 1n;
const RANGES = 16;
const PARALLEL_RANGES = 4;

export async function exportTable(
  client: Client, table: CopyTable, columns: CopyColumn[], path: string, o: CopyOptions, run: CopyRunOptions = {},
): Promise<CopyResult> {
  const started = performance.now();
  const out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const opened = new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
  await opened;
  const format = rowFormatter(columns, o);
  let rows = 0;
  let cancelled = false;
  let retries = 0;
  const limit = o.maxRows > 0 ? o.maxRows : Infinity;
  try {
    if (o.header && o.format === 'csv') await write(out, csvLine(columns.map((c) => c.name), o, o.nullText));
    const ranges = await tokenRanges(client, table);
    const done = new Array<number>(ranges.length).fill(0);
    // The partition key is read with the row (not written unless chosen) so progress can place the row on the ring.
    const read = [...columns, ...table.partitionKey.filter((k) => !columns.some((c) => c.name === k.name))];
    const names = read.map((c) => quoteIdentifier(c.name)).join(', ');
    const pk = table.partitionKey.map((c) => quoteIdentifier(c.name)).join(', ');
    const tokenOf = rowTokenOf(client, table.partitionKey);
    const from = `${quoteIdentifier(table.keyspace)}.${quoteIdentifier(table.name)}`;
    let next = 0;
    const worker = async () => {
      while (next < ranges.length && rows < limit && !run.signal?.aborted) {
        const index = next++;
        const r = ranges[index]!;
        const query = r ? `SELECT ${names} FROM ${from} WHERE token(${pk}) > ? AND token(${pk}) <= ?` : `SELECT ${names} FROM ${from}`;
        const Long = driverTypes().Long;
        const params = r ? [Long.fromString(r[0].toString()), Long.fromString(r[1].toString())] : [];
        let pageState: string | undefined;
        do {
          const options: Record<string, unknown> = { prepare: true, fetchSize: o.pageSize, autoPage: false };
          if (pageState) options['pageState'] = pageState;
          if (run.consistency !== undefined) options['consistency'] = run.consistency;
          // In the table's keyspace, as every request on the shared client (prepared ids depend on it).
          const page = (await withRetry(() => withKeyspace(client, table.keyspace, () => client.execute(query, params, options)), run.signal, () => retries++)).value;
          if (run.signal?.aborted) break;
          let list = page.rows;
          if (rows + list.length > limit) list = list.slice(0, limit - rows);
          rows += list.length;
          if (list.length) await write(out, format(list));
          pageState = page.pageState ?? undefined;
          if (r && list.length) done[index] = Math.max(done[index]!, rangeFraction(r, tokenOf(list[list.length - 1]!)));
          run.onProgress?.({ rows, errors: 0, fraction: done.reduce((a, b) => a + b, 0) / ranges.length });
        } while (pageState && rows < limit && !run.signal?.aborted);
        if (!run.signal?.aborted) done[index] = 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_RANGES, ranges.length) }, worker));
    cancelled = !!run.signal?.aborted;
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  run.onProgress?.({ rows, errors: 0, fraction: 1 });
  return { direction: 'to', file: path, rows, errors: 0, seconds: (performance.now() - started) / 1000, cancelled, retries };
}

/** Token ranges to read: the split ring on Murmur3, one full scan (`undefined`) on other partitioners. */
async function tokenRanges(client: Client, table: CopyTable): Promise<([bigint, bigint] | undefined)[]> {
  const partitioner = String((await client.execute('SELECT partitioner FROM system.local')).first()?.['partitioner'] ?? '');
  if (!partitioner.endsWith('Murmur3Partitioner') || table.partitionKey.length === 0) return [undefined];
  const step = (MAX_TOKEN - MIN_TOKEN) / BigInt(RANGES);
  const out: [bigint, bigint][] = [];
  for (let i = 0; i < RANGES; i++) out.push([MIN_TOKEN + step * BigInt(i), i === RANGES - 1 ? MAX_TOKEN : MIN_TOKEN + step * BigInt(i + 1)]);
  return out;
}

/** How far into its range a token is (0–1; 0 when unknown). */
function rangeFraction(r: [bigint, bigint], t: bigint | undefined): number {
  if (t === undefined || t <= r[0] || t > r[1]) return 0;
  return Number(((t - r[0]) * 1000n) / (r[1] - r[0])) / 1000;
}

function rowFormatter(columns: CopyColumn[], o: CopyOptions): (rows: types.Row[]) => string {
  const names = columns.map((c) => c.name);
  if (o.format === 'json') {
    const encoders = columns.map((c) => jsonWriter(c.type));
    return (rows) => {
      let s = '';
      for (const row of rows) {
        const obj: Record<string, unknown> = {};
        for (let j = 0; j < names.length; j++) obj[names[j]!] = encoders[j]!(row[names[j]!]);
        s += `${JSON.stringify(obj)}\n`;
      }
      return s;
    };
  }
  const ts = timestampFormat(o.dateTimeFormat);
  const writers = columns.map((c) => textWriter(c.type, ts));
  return (rows) => {
    let s = '';
    const values: (string | null)[] = new Array(names.length);
    for (const row of rows) {
      for (let j = 0; j < names.length; j++) values[j] = writers[j]!(row[names[j]!]);
      s += csvLine(values, o, o.nullText);
    }
    return s;
  };
}

function write(out: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = out.write(text, (e) => (e ? reject(e) : undefined));
    if (ok) resolve();
    else out.once('drain', resolve);
  });
}
