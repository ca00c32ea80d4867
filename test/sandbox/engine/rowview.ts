// Reading column values out of stored rows, honouring TTL expiry.

import type { CqlValue } from '../types/cqltype.js';
import type { ColumnDef } from './catalog.js';
import { isLive, type Cell, type Partition, type Row } from './storage.js';

/** One result candidate: a clustering row, or (row === null) a partition that only holds static values. */
export interface RowView {
  p: Partition;
  r: Row | null;
}

export function cellOf(v: RowView, col: ColumnDef, now: number): Cell | undefined {
  const c = col.kind === 'static' ? v.p.statics.get(col.name) : col.kind === 'regular' ? v.r?.cells.get(col.name) : undefined;
  return isLive(c, now) ? c : undefined;
}

export function valueOf(v: RowView, col: ColumnDef, now: number): CqlValue {
  switch (col.kind) {
    case 'partition_key':
      return v.p.pk[col.position];
    case 'clustering':
      return v.r ? v.r.ck[col.position] : null;
    default:
      return cellOf(v, col, now)?.value ?? null;
  }
}
