// In-memory rows of one table. Partitions are keyed by their serialized partition key and kept in token order
// (sorted lazily: writes append, the next scan sorts, and TimSort makes that cheap for mostly-sorted input);
// rows inside a partition are kept sorted by clustering key. Cells carry write timestamps and TTL deadlines;
// expired data is dropped lazily at read time.

import type { CqlValue } from '../types/cqltype.js';
import { compareValues } from '../types/compare.js';
import type { TableDef } from './catalog.js';

export interface Cell {
  value: CqlValue;
  ts: bigint; // write timestamp, µs
  expiresAt?: number; // ms since epoch
  ttl?: number; // seconds, as written
}

export interface Row {
  ck: CqlValue[];
  marker?: Cell; // row liveness from INSERT (value unused)
  cells: Map<string, Cell>;
}

export interface Partition {
  id: string; // keyId(serialized partition key): Map key, and (as latin1) the key bytes
  token: bigint;
  tokenApprox: number; // Number(token): order-preserving, and much cheaper to compare while sorting
  pk: CqlValue[];
  rows: Row[];
  statics: Map<string, Cell>;
  removed?: boolean;
}

/** Map key of a serialized partition key (latin1 is a cheap lossless byte → string mapping). */
export const keyId = (key: Buffer) => key.toString('latin1');

/** Shared by partitions without static cells (most tables have none); replaced on first static write. */
const NO_STATICS: ReadonlyMap<string, Cell> = new Map();

/** The partition's static cells, allocated on first write. */
export function staticsFor(p: Partition): Map<string, Cell> {
  if (p.statics === NO_STATICS) p.statics = new Map();
  return p.statics;
}

export const isLive = (c: Cell | undefined, now: number): c is Cell =>
  c !== undefined && (c.expiresAt === undefined || now < c.expiresAt);

export function rowIsLive(r: Row, now: number): boolean {
  if (isLive(r.marker, now)) return true;
  for (const c of r.cells.values()) if (isLive(c, now) && c.value !== null) return true;
  return false;
}

/** Ring order: token, then key bytes (latin1 strings compare like their bytes). */
export function comparePartitions(a: { token: bigint; id: string }, b: { token: bigint; id: string }): number {
  return a.token < b.token ? -1 : a.token > b.token ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function ringOrder(a: Partition, b: Partition): number {
  return a.tokenApprox !== b.tokenApprox ? a.tokenApprox - b.tokenApprox : comparePartitions(a, b);
}

export class TableData {
  private byKey = new Map<string, Partition>();
  private order: Partition[] = [];
  private dirty = false;

  constructor(readonly table: TableDef) {}

  get size(): number {
    return this.byKey.size;
  }

  get(id: string): Partition | undefined {
    return this.byKey.get(id);
  }

  getOrCreate(id: string, token: bigint, pk: CqlValue[]): Partition {
    let p = this.byKey.get(id);
    if (!p) {
      p = { id, token, tokenApprox: Number(token), pk, rows: [], statics: NO_STATICS as Map<string, Cell> };
      this.byKey.set(id, p);
      const last = this.order[this.order.length - 1];
      if (last && comparePartitions(last, p) > 0) this.dirty = true;
      this.order.push(p);
    }
    return p;
  }

  removePartition(p: Partition): void {
    if (this.byKey.delete(p.id)) {
      p.removed = true;
      this.dirty = true;
    }
  }

  /** Drops partitions that hold no data anymore (after deletes). */
  dropIfEmpty(p: Partition): void {
    if (p.rows.length === 0 && p.statics.size === 0) this.removePartition(p);
  }

  truncate(): void {
    this.byKey.clear();
    this.order = [];
    this.dirty = false;
  }

  /** All partitions in ring order. */
  sorted(): Partition[] {
    if (this.dirty) {
      this.order = this.order.filter((p) => !p.removed);
      this.order.sort(ringOrder);
      this.dirty = false;
    }
    return this.order;
  }

  /** Index of the first partition strictly after (token, key id) — or at/after when inclusive. */
  seek(token: bigint, id: string | null, inclusive: boolean): number {
    const arr = this.sorted();
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const p = arr[mid];
      let c = p.token < token ? -1 : p.token > token ? 1 : id !== null ? (p.id < id ? -1 : p.id > id ? 1 : 0) : inclusive ? 1 : -1;
      if (c === 0) c = inclusive ? 1 : -1;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Compares full or prefix clustering keys in the table's clustering order (a prefix sorts first). */
  compareClustering(a: CqlValue[], b: CqlValue[]): number {
    const cks = this.table.clustering;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareValues(cks[i].type, a[i], b[i]);
      if (c !== 0) return cks[i].order === 'desc' ? -c : c;
    }
    return a.length - b.length;
  }

  /** Binary search: index of the row with this clustering key, or -(insertion point) - 1. */
  findRow(p: Partition, ck: CqlValue[]): number {
    let lo = 0;
    let hi = p.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.compareClustering(p.rows[mid].ck, ck);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  getOrCreateRow(p: Partition, ck: CqlValue[]): Row {
    const last = p.rows[p.rows.length - 1];
    // Fast path for appends in clustering order (bulk loads).
    if (!last || this.compareClustering(last.ck, ck) < 0) {
      const r: Row = { ck, cells: new Map() };
      p.rows.push(r);
      return r;
    }
    const i = this.findRow(p, ck);
    if (i >= 0) return p.rows[i];
    const r: Row = { ck, cells: new Map() };
    p.rows.splice(-i - 1, 0, r);
    return r;
  }

  /**
   * First row index whose clustering is after `bound` (a full or prefix key). With `inclusive`, rows equal to the
   * bound on its prefix are included.
   */
  lowerBound(p: Partition, bound: CqlValue[], inclusive: boolean): number {
    let lo = 0;
    let hi = p.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.comparePrefix(p.rows[mid].ck, bound);
      if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Compares a row key with a bound prefix on the prefix's length only. */
  comparePrefix(ck: CqlValue[], bound: CqlValue[]): number {
    return this.compareClustering(ck.slice(0, bound.length), bound);
  }
}
