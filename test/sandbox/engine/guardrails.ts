// Astra DB behaviour applied when ctx.astra is set (CQL-level refusals live next to their statements; this file
// holds the cross-cutting ones).

import { consistencyName, Consistency, invalid, type CqlError } from '../errors.js';
import type { ExecContext } from './api.js';

const WEAK_WRITE = new Set<number>([Consistency.ANY, Consistency.ONE, Consistency.LOCAL_ONE]);

/** Astra's guardrail error for a write at `consistency`, or undefined when Astra accepts it. */
export function weakWriteError(consistency: number): CqlError | undefined {
  if (!WEAK_WRITE.has(consistency)) return undefined;
  return invalid(
    `Provided value ${consistencyName(consistency)} is not allowed for Write Consistency Level (disallowed values are: [ANY, ONE, LOCAL_ONE])`,
  );
}

/** Astra refuses writes below quorum. */
export function checkWriteConsistency(ctx: ExecContext): void {
  const refused = ctx.astra ? weakWriteError(ctx.consistency) : undefined;
  if (refused) throw refused;
}

/** Consistency rules every Cassandra applies (not Astra-specific). */
export function checkConsistency(ctx: ExecContext, kind: 'read' | 'write', conditional: boolean): void {
  if (kind === 'read' && ctx.consistency === Consistency.ANY) throw invalid('ANY ConsistencyLevel is only supported for writes');
  const serial = ctx.consistency === Consistency.SERIAL || ctx.consistency === Consistency.LOCAL_SERIAL;
  if (kind === 'write' && serial && !conditional) throw invalid('You must use conditional updates for serializable writes');
}

/** Astra caps the page size a client may request. */
export const ASTRA_MAX_PAGE_SIZE = 5000;

export function effectivePageSize(ctx: ExecContext): number | undefined {
  if (!ctx.pageSize || ctx.pageSize <= 0) return undefined;
  return ctx.astra ? Math.min(ctx.pageSize, ASTRA_MAX_PAGE_SIZE) : ctx.pageSize;
}
