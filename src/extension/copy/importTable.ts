// COPY … FROM: reads the file as a stream (CSV or JSON Lines), turns each record into typed values and writes them
// with prepared INSERTs, at most `WINDOW` requests in flight (the file is read no faster than rows are written).
// Rows of one partition that follow each other go in one unlogged batch (MAXBATCHSIZE). Rejected rows go to
// `<file>.err` with their line and the reason; the import stops after MAXERRORS of them.

import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import type { Client } from 'cassandra-driver';
import { quoteIdentifier } from '../../shared/identifier.js';
import type { CopyOptions } from './copyCommand.js';
import type { CopyResult, CopyRunOptions } from './copyResult.js';
import type { CopyColumn, CopyTable } from './copyTable.js';
import { withKeyspace } from '../cql/keyspaceScope.js';
import { CsvReader, csvLine } from './csv.js';
import { sleep, withRetry } from './retry.js';
import { timestampFormat } from './timestampFormat.js';
import { jsonReader, textReader } from './valueText.js';

/** Requests in flight at most. */
export const WINDOW = 128;

interface Parsed { line: number; values: unknown[]; partition: string; raw: (string | null)[] }

export async function importTable(
  client: Client, table: CopyTable, chosen: CopyColumn[], named: boolean, path: string, o: CopyOptions, run: CopyRunOptions = {},
): Promise<CopyResult> {
  const started = performance.now();
  const size = statSync(path).size;
  const errPath = `${path}.err`;
  let errOut: WriteStream | undefined;
  const result: CopyResult = { direction: 'from', file: path, rows: 0, errors: 0, seconds: 0, cancelled: false, retries: 0 };
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  run.signal?.addEventListener('abort', onAbort, { once: true });

  const reject = (line: number, reason: string, raw: (string | null)[]) => {
    result.errors++;
    errOut ??= createWriteStream(errPath, { encoding: 'utf8' });
    errOut.write(csvLine([String(line), reason, ...raw], o, o.nullText));
    if (o.maxErrors >= 0 && result.errors > o.maxErrors && !result.stopped) {
      result.stopped = `Stopped after more than ${o.maxErrors} rejected rows (MAXERRORS).`;
      stop.abort();
    }
  };

  let insert = '';
  let counters = false;
  let parse: ((fields: string[], quoted: boolean[] | undefined, line: number) => Parsed) | undefined;
  const setColumns = (cols: CopyColumn[]) => {
    const missing = table.columns.filter((c) => c.key && !cols.includes(c));
    if (missing.length) throw new Error(`COPY FROM needs every primary key column; missing: ${missing.map((c) => c.name).join(', ')}.`);
    const write = writeStatement(table, cols);
    insert = write.query;
    counters = write.counters;
    const read = rowParser(cols, o);
    parse = write.order ? (f, q, l) => reorder(read(f, q, l), write.order!) : read;
  };
  // With HEADER and no column list, the header names the columns (in the file's order).
  let headerLine = o.header && o.format === 'csv';
  if (!(headerLine && !named)) setColumns(chosen);

  // The write window: a slot is taken per request and given back when it settles.
  let inFlight = 0;
  let freed: (() => void) | undefined;
  const pending = new Set<Promise<void>>();
  const send = async (group: Parsed[]) => {
    while (inFlight >= WINDOW) await new Promise<void>((r) => (freed = r));
    inFlight++;
    const queryOptions: Record<string, unknown> = { prepare: true };
    if (run.consistency !== undefined) queryOptions['consistency'] = run.consistency;
    // In the table's keyspace like every request of the shared client (see cql/keyspaceScope.ts): prepared ids
    // depend on the connection's keyspace, and a connection left on another one would answer UNPREPARED.
    const p = withRetry(
      () => withKeyspace(client, table.keyspace, () => (group.length === 1
        ? client.execute(insert, group[0]!.values, queryOptions)
        : client.batch(group.map((g) => ({ query: insert, params: g.values })), { ...queryOptions, logged: false }))),
      undefined,
      () => result.retries++,
    ).then(
      () => { result.rows += group.length; },
      (e: unknown) => { for (const g of group) reject(g.line, `write failed: ${(e as Error).message}`, g.raw); },
    ).finally(() => {
      inFlight--;
      const f = freed;
      freed = undefined;
      f?.();
    });
    pending.add(p);
    void p.then(() => pending.delete(p));
  };

  // Rows of one partition in a row, batched up to MAXBATCHSIZE.
  let group: Parsed[] = [];
  const flush = async () => {
    if (group.length) await send(group);
    group = [];
  };
  let dataRows = 0;
  let bytesRead = 0;
  const limit = o.maxRows > 0 ? o.maxRows : Infinity;
  const rate = o.ingestRate;
  const take = async (fields: string[], quoted: boolean[] | undefined, line: number) => {
    if (headerLine) {
      headerLine = false;
      if (!parse) setColumns(fields.map((n) => table.columns.find((c) => c.name === n) ?? fail(`The header names a column ${table.name} does not have: ${n}.`)));
      return;
    }
    if (!parse) return;
    if (dataRows >= limit) return stop.abort();
    dataRows++;
    let row: Parsed;
    try {
      row = parse(fields, quoted, line);
    } catch (e) {
      // Written back as read: an unquoted NULL field stays a null field.
      reject(line, (e as Error).message, quoted ? fields.map((f, i) => (!quoted[i] && f === o.nullText ? null : f)) : fields);
      return;
    }
    // Counter updates are not idempotent and cannot share an unlogged batch: one request each.
    if (group.length && (counters || group.length >= o.maxBatchSize || group[0]!.partition !== row.partition)) await flush();
    group.push(row);
    const ahead = dataRows / rate - (performance.now() - started) / 1000;
    if (ahead > 0.05) await sleep(ahead * 1000, stop.signal);
    report();
  };
  let lastReport = 0;
  const report = () => {
    const now = performance.now();
    if (now - lastReport < 100) return;
    lastReport = now;
    run.onProgress?.({ rows: result.rows, errors: result.errors, fraction: size ? bytesRead / size : undefined });
  };

  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 18 });
  try {
    const csv = new CsvReader(o);
    let jsonLine = 0;
    let rest = '';
    // Progress within a chunk: the share of its records taken so far (a small file is one chunk).
    let chunkStart = 0;
    let chunkBytes = 0;
    const at = (j: number, k: number) => (bytesRead = chunkStart + (chunkBytes * (j + 1)) / k);
    const json = async (text: string) => {
      const lines = (rest + text).split('\n');
      rest = lines.pop() ?? '';
      for (let j = 0; j < lines.length && !stop.signal.aborted; j++) {
        jsonLine++;
        at(j, lines.length);
        if (lines[j]!.trim()) await take([lines[j]!], undefined, jsonLine);
      }
    };
    for await (const chunk of input) {
      chunkStart += chunkBytes;
      chunkBytes = input.bytesRead - chunkStart;
      if (o.format === 'json') await json(chunk as string);
      else {
        const records = csv.push(chunk as string);
        for (let j = 0; j < records.length && !stop.signal.aborted; j++) {
          at(j, records.length);
          await take(records[j]!.fields, records[j]!.quoted, records[j]!.line);
        }
      }
      if (stop.signal.aborted) break;
    }
    if (!stop.signal.aborted) {
      if (o.format === 'json') await json('\n');
      else for (const r of csv.end()) if (!stop.signal.aborted) await take(r.fields, r.quoted, r.line);
    }
    if (!run.signal?.aborted) await flush();
  } catch (e) {
    if (!(e instanceof Error) || !/^line \d+:/.test(e.message)) throw e;
    reject(Number(/^line (\d+)/.exec(e.message)![1]), e.message.replace(/^line \d+: /, ''), []);
  } finally {
    input.destroy();
    run.signal?.removeEventListener('abort', onAbort);
    while (pending.size) await Promise.all([...pending]);
    if (errOut) await new Promise<void>((r) => errOut!.end(() => r()));
  }
  result.cancelled = !!run.signal?.aborted;
  if (result.errors) result.errorFile = errPath;
  result.seconds = (performance.now() - started) / 1000;
  run.onProgress?.({ rows: result.rows, errors: result.errors, fraction: 1 });
  return result;
}

/**
 * INSERT for ordinary tables; for counter tables (cqlsh does the same) `UPDATE … SET c = c + ?` with the key in
 * the WHERE clause, whose bind order differs from the file's (`order`: file positions in bind order).
 */
function writeStatement(table: CopyTable, cols: CopyColumn[]): { query: string; counters: boolean; order?: number[] } {
  const name = `${quoteIdentifier(table.keyspace)}.${quoteIdentifier(table.name)}`;
  const counters = cols.some((c) => !c.key && c.type.code === COUNTER);
  if (!counters) {
    return { query: `INSERT INTO ${name} (${cols.map((c) => quoteIdentifier(c.name)).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, counters };
  }
  const values = cols.flatMap((c, i) => (c.key ? [] : [i]));
  const keys = cols.flatMap((c, i) => (c.key ? [i] : []));
  const set = values.map((i) => `${quoteIdentifier(cols[i]!.name)} = ${quoteIdentifier(cols[i]!.name)} + ?`).join(', ');
  const where = keys.map((i) => `${quoteIdentifier(cols[i]!.name)} = ?`).join(' AND ');
  return { query: `UPDATE ${name} SET ${set} WHERE ${where}`, counters, order: [...values, ...keys] };
}

const COUNTER = 0x05;

function reorder(p: Parsed, order: number[]): Parsed {
  return { ...p, values: order.map((i) => p.values[i]) };
}

/** One record (CSV fields, or one JSON Lines line) → the INSERT's values, or an Error worded for the error file. */
function rowParser(cols: CopyColumn[], o: CopyOptions): (fields: string[], quoted: boolean[] | undefined, line: number) => Parsed {
  const ts = timestampFormat(o.dateTimeFormat);
  const partitionAt = cols.map((c, i) => (c.partition ? i : -1)).filter((i) => i >= 0);
  if (o.format === 'json') {
    const readers = cols.map((c) => jsonReader(c.type, ts));
    const known = new Set(cols.map((c) => c.name));
    return (fields, _q, line) => {
      let obj: unknown;
      try {
        obj = JSON.parse(fields[0]!);
      } catch {
        throw new Error('not a JSON object');
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new Error('not a JSON object');
      const src = obj as Record<string, unknown>;
      const extra = Object.keys(src).find((k) => !known.has(k));
      if (extra) throw new Error(`unknown column ${extra}`);
      const values = cols.map((c, i) => convert(c, () => readers[i]!(src[c.name] ?? null)));
      const missing = cols.find((c, i) => c.key && values[i] === null);
      if (missing) throw new Error(`missing primary key column ${missing.name}`);
      return { line, values, partition: partitionAt.map((i) => JSON.stringify(src[cols[i]!.name])).join('\u0000'), raw: fields };
    };
  }
  const readers = cols.map((c) => textReader(c.type, ts));
  return (fields, quoted, line) => {
    if (fields.length !== cols.length) throw new Error(`wrong column count: expected ${cols.length}, got ${fields.length}`);
    const values = new Array<unknown>(cols.length);
    for (let i = 0; i < cols.length; i++) {
      const text = fields[i]!;
      if (!quoted?.[i] && text === o.nullText) values[i] = null;
      else {
        // Inline rather than through convert(): no closure per value on the hot path.
        try {
          values[i] = readers[i]!(text);
        } catch (e) {
          throw new Error(`${cols[i]!.name}: ${(e as Error).message}`);
        }
      }
      if (values[i] === null && cols[i]!.key) throw new Error(`missing primary key column ${cols[i]!.name}`);
    }
    let partition = '';
    for (const i of partitionAt) partition += `${fields[i]}\u0000`;
    return { line, values, partition, raw: fields };
  };
}

function convert(c: CopyColumn, read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    throw new Error(`${c.name}: ${(e as Error).message}`);
  }
}

function fail(message: string): never {
  throw new Error(message);
}
