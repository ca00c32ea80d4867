// One page of a query, read row by row and encoded as each row arrives (the driver's `eachRow`). Encoding a whole
// page after `execute` kept every driver row (and its Long, BigDecimal, Uuid … objects) alive until the page was
// complete, so each young-generation collection copied the page again: that, not the encoders, was most of the
// session's cost over the bare driver. Here a driver row is garbage as soon as its encoded row exists. Per row,
// though, `eachRow` costs the driver a few events more than `execute`, which outweighs the saving on narrow rows:
// a page whose columns are known to be few is read with `execute` and encoded afterwards.

import type { Client } from 'cassandra-driver';
import type { EncodedValue } from '../../shared/valueEncoding.js';
import * as valueEncoder from './valueEncoder.js';
import type { DriverType, ValueEncoder } from './valueEncoder.js';

// Bound once: compiled to CommonJS (tests, benchmarks), each use of an imported name is a getter call, here per row.
const { encoderFor, sized } = valueEncoder;

/** A result column as the driver describes it. */
export interface LiveColumn {
  name: string;
  type: DriverType;
}

export interface PageInfo {
  queriedHost?: string;
  achievedConsistency?: number;
  warnings?: string[] | null;
  traceId?: { toString(): string } | null;
}

export interface Page {
  /** The result's columns; null for a result without rows (an INSERT, a USE, DDL). */
  columns: LiveColumn[] | null;
  rows: EncodedValue[][];
  pageState?: string;
  info: PageInfo;
}

interface DriverPage {
  columns?: LiveColumn[] | null;
  pageState?: string | null;
  info: PageInfo;
}

type DriverRow = Record<string, unknown> & { __columns?: LiveColumn[] };

/** Rows of at most this many columns are read with `execute`: measured, row by row only pays from about six. */
const NARROW_ROW = 4;

/**
 * Reads one page of `query` (`options` as for `client.execute`, with `autoPage: false`), encoding rows in
 * `timeZone`. `columns`: the query's columns when an earlier page told them.
 */
export function readPage(client: Client, query: string, options: Record<string, unknown>, timeZone: string, columns?: LiveColumn[]): Promise<Page> {
  if (columns && columns.length > 0 && columns.length <= NARROW_ROW) return readWhole(client, query, options, timeZone);
  const tz = { timeZone };
  const rows: EncodedValue[][] = [];
  let names: string[] | undefined;
  let encoders: ValueEncoder[] = [];
  // Rows whose columns the driver did not attach: encoded at the end, from the page's columns.
  let pending: DriverRow[] | undefined;
  const onRow = (_n: number, row: DriverRow) => {
    if (!names) {
      const columns = row.__columns;
      if (!columns) return (pending ??= []).push(row);
      names = columns.map((c) => c.name);
      encoders = columns.map((c) => encoderFor(c.type, tz));
    }
    const out = sized<EncodedValue>(names.length);
    for (let j = 0; j < names.length; j++) out[j] = encoders[j]!(row[names[j]!]);
    rows.push(out);
  };
  return new Promise<Page>((resolve, reject) => {
    client.eachRow(query, [], options, onRow as (n: number, row: unknown) => void, (err: unknown, result: DriverPage) => {
      if (err) return reject(err);
      const columns = result.columns ?? null;
      if (pending && columns) {
        const cols = columns.map((c) => ({ name: c.name, encode: encoderFor(c.type, tz) }));
        for (const r of pending) rows.push(cols.map((c) => c.encode(r[c.name])));
      }
      resolve({ columns, rows, ...(result.pageState ? { pageState: result.pageState } : {}), info: result.info });
    });
  });
}

async function readWhole(client: Client, query: string, options: Record<string, unknown>, timeZone: string): Promise<Page> {
  return encodePage(await readRawPage(client, query, options), timeZone);
}

/** A page as the driver decoded it, not encoded yet: the next request can go out before encoding starts. */
export interface RawPage {
  columns: LiveColumn[] | null;
  driverRows: DriverRow[];
  pageState?: string;
  info: PageInfo;
}

export async function readRawPage(client: Client, query: string, options: Record<string, unknown>): Promise<RawPage> {
  const result = (await client.execute(query, [], options)) as unknown as DriverPage & { rows?: DriverRow[] };
  return { columns: result.columns ?? null, driverRows: result.rows ?? [], ...(result.pageState ? { pageState: result.pageState } : {}), info: result.info };
}

/** The page encoded in `timeZone`. Consumes `raw`: its driver rows are emptied as they are encoded. */
export function encodePage(raw: RawPage, timeZone: string): Page {
  const { columns } = raw;
  const rows: EncodedValue[][] = [];
  if (columns) {
    const tz = { timeZone };
    const names = columns.map((c) => c.name);
    const encoders = columns.map((c) => encoderFor(c.type, tz));
    const driverRows = raw.driverRows;
    for (let i = 0; i < driverRows.length; i++) {
      const r = driverRows[i]!;
      // Released as it is encoded: the rest of this loop allocates, and a collection then need not keep the
      // row's decoded objects (Longs, Dates, UDT objects) alive next to their encoded copies.
      driverRows[i] = undefined as unknown as DriverRow;
      const out = sized<EncodedValue>(names.length);
      for (let j = 0; j < names.length; j++) out[j] = encoders[j]!(r[names[j]!]);
      rows.push(out);
    }
  }
  return { columns, rows, ...(raw.pageState ? { pageState: raw.pageState } : {}), info: raw.info };
}
