// Runs approved row-edit statements: as one unlogged batch when they all write one partition without counters or
// LWT (a single-partition batch is applied atomically and in isolation), else one by one in order. Reports each
// statement: applied, refused by its `IF` (with the row's current values), failed, or not run after a failure.

import type { Client } from 'cassandra-driver';
import type { StatementReport } from '../../shared/rowEditMessages.js';
import { formatValue } from '../../shared/valueEncoding.js';
import { toCqlFailure } from '../cql/cqlErrors.js';
import { encoderFor, type DriverType } from '../cql/valueEncoder.js';
import { batchable, type BuiltStatement } from './statementBuilder.js';

export interface RunOptions {
  consistency: number;
  serialConsistency?: number;
  /** Called once per statement sent (for the query history). */
  onFinished?(text: string, ok: boolean, errorClass: string | undefined, startedAt: number): void;
}

interface LwtResult {
  rows?: Record<string, unknown>[];
  columns?: { name: string; type: DriverType }[] | null;
}

const message = (e: unknown, text: string) => {
  const f = toCqlFailure(e, { text, start: 0, end: text.length, line: 0, column: 0, terminated: false });
  return { text: `${f.name}: ${f.message}`, errorClass: f.errorClass };
};

export async function runEdits(client: Client, statements: readonly BuiltStatement[], opts: RunOptions): Promise<{ reports: StatementReport[]; batched: boolean }> {
  const options = { prepare: false, consistency: opts.consistency, ...(opts.serialConsistency !== undefined ? { serialConsistency: opts.serialConsistency } : {}) };
  if (batchable(statements)) {
    const started = Date.now();
    try {
      await client.batch(statements.map((s) => s.text), { ...options, logged: false });
      for (const s of statements) opts.onFinished?.(s.text, true, undefined, started);
      return { reports: statements.map((s) => ({ statement: s.text, ok: true })), batched: true };
    } catch (e) {
      const m = message(e, statements[0]!.text);
      for (const s of statements) opts.onFinished?.(s.text, false, m.errorClass, started);
      return { reports: statements.map((s) => ({ statement: s.text, ok: false, message: `The batch failed: ${m.text}` })), batched: true };
    }
  }
  const reports: StatementReport[] = [];
  let failed = false;
  for (const s of statements) {
    if (failed) {
      reports.push({ statement: s.text, ok: false, message: 'Not run: an earlier statement failed.' });
      continue;
    }
    const started = Date.now();
    try {
      const rs = (await client.execute(s.text, [], options)) as unknown as LwtResult;
      const conflict = s.lwt ? lwtConflict(rs) : undefined;
      opts.onFinished?.(s.text, true, undefined, started);
      reports.push(conflict === undefined ? { statement: s.text, ok: true } : { statement: s.text, ok: false, message: 'Not applied: the row changed meanwhile.', conflict });
    } catch (e) {
      const m = message(e, s.text);
      opts.onFinished?.(s.text, false, m.errorClass, started);
      reports.push({ statement: s.text, ok: false, message: m.text });
      failed = true;
    }
  }
  return { reports, batched: false };
}

/** Undefined when the LWT applied; else the current values the server returned (empty text: the row is gone / exists). */
export function lwtConflict(rs: LwtResult): string | undefined {
  const row = rs.rows?.[0];
  if (!row || row['[applied]'] !== false) return undefined;
  const parts: string[] = [];
  for (const c of rs.columns ?? []) {
    if (c.name === '[applied]') continue;
    parts.push(`${c.name} = ${formatValue(encoderFor(c.type, { timeZone: 'UTC' })(row[c.name]), { nullText: 'null' }, true)}`);
  }
  return parts.length > 0 ? `Current values: ${parts.join(', ')}` : 'The row does not match the condition (it was deleted or already exists).';
}
