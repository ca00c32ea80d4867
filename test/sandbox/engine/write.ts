// Low-level cell writes with last-write-wins timestamps and TTL deadlines, shared by INSERT/UPDATE/DELETE,
// counters and the system-table loader.

import type { CqlValue } from '../types/cqltype.js';
import type { ColumnDef, TableDef } from './catalog.js';
import { tokenOf } from './keys.js';
import { keyId, staticsFor, type Cell, type Partition, type Row } from './storage.js';

export interface WriteAttrs {
  ts: bigint;
  ttl: number; // seconds; 0 = none
  now: number; // ms
}

export function makeCell(value: CqlValue, a: WriteAttrs): Cell {
  return a.ttl > 0 ? { value, ts: a.ts, ttl: a.ttl, expiresAt: a.now + a.ttl * 1000 } : { value, ts: a.ts };
}

/** Writes when `a` is at least as new as what is stored (ties go to the later write). */
export function putCell(cells: Map<string, Cell>, name: string, value: CqlValue, a: WriteAttrs): void {
  const old = cells.get(name);
  if (old && old.ts > a.ts) return;
  cells.set(name, makeCell(value, a));
}

/** A partition key serialized and hashed once per statement. */
export interface PartitionRef {
  pk: CqlValue[];
  key: Buffer;
  token: bigint;
  id: string;
}

export function partitionRef(t: TableDef, pk: CqlValue[]): PartitionRef {
  const { key, token } = tokenOf(t.partitionKey.map((c) => c.type), pk);
  return { pk, key, token, id: keyId(key) };
}

export function partitionFor(t: TableDef, ref: PartitionRef): Partition {
  return t.data.getOrCreate(ref.id, ref.token, ref.pk);
}

export function existingPartition(t: TableDef, ref: PartitionRef): Partition | undefined {
  return t.data.get(ref.id);
}

export function existingRow(t: TableDef, p: Partition | undefined, ck: CqlValue[]): Row | undefined {
  if (!p) return undefined;
  if (t.clustering.length === 0) return p.rows[0];
  const i = t.data.findRow(p, ck);
  return i >= 0 ? p.rows[i] : undefined;
}

/** Inserts a full row of values (system tables, INSERT fast path). */
export function insertRow(t: TableDef, values: Map<string, CqlValue>, a: WriteAttrs, marker = true): void {
  const pk = t.partitionKey.map((c) => values.get(c.name) ?? null);
  const p = partitionFor(t, partitionRef(t, pk));
  const row = t.data.getOrCreateRow(p, t.clustering.map((c) => values.get(c.name) ?? null));
  if (marker && (!row.marker || row.marker.ts <= a.ts)) row.marker = makeCell(null, a);
  for (const c of t.others) {
    if (!values.has(c.name)) continue;
    putCell(c.kind === 'static' ? staticsFor(p) : row.cells, c.name, values.get(c.name)!, a);
  }
}

export function cellsFor(p: Partition, row: Row | undefined, c: ColumnDef): Map<string, Cell> | undefined {
  return c.kind === 'static' ? staticsFor(p) : row?.cells;
}
