// Shared fixtures for the engine tests: a fresh engine, an admin context, and small query helpers.

import type { Engine, ExecContext, QueryValues, Result } from '../../engine/api.js';
import { adminContext, createEngine } from '../../engine/index.js';
import { encodeValue } from '../../types/codec.js';
import type { CqlType, CqlValue } from '../../types/cqltype.js';
import { CqlError } from '../../errors.js';

export const HOST_A = '11111111-1111-4111-8111-111111111111';
export const HOST_B = '22222222-2222-4222-8222-222222222222';

export interface Fixture {
  engine: Engine;
  ctx: ExecContext;
  q(cql: string, values?: QueryValues | null, extra?: Partial<ExecContext>): Result;
  rows(cql: string, extra?: Partial<ExecContext>): Record<string, CqlValue>[];
}

export function fixture(keyspace = 'ks', options?: Parameters<typeof createEngine>[0]): Fixture {
  const engine = createEngine(options);
  const ctx = adminContext({ hostId: HOST_A, tokens: ['-9000000000000000000'] }, [], 'Test Cluster');
  const q = (cql: string, values: QueryValues | null = null, extra: Partial<ExecContext> = {}) =>
    engine.query(cql, values, { ...ctx, ...extra });
  q(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  ctx.keyspace = keyspace;
  return { engine, ctx, q, rows: (cql, extra) => asObjects(q(cql, null, extra)) };
}

export function asObjects(r: Result): Record<string, CqlValue>[] {
  if (r.kind !== 'rows') throw new Error(`expected rows, got ${r.kind}`);
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));
}

export function bound(type: CqlType, v: CqlValue): Buffer | null {
  return v === null ? null : encodeValue(type, v);
}

/** Runs `f` and returns the CqlError it throws (fails the test when it does not throw one). */
export function cqlError(f: () => unknown): CqlError {
  try {
    f();
  } catch (e) {
    if (e instanceof CqlError) return e;
    throw e;
  }
  throw new Error('expected a CqlError');
}
