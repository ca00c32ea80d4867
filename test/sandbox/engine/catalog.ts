// Schema objects and the catalog that owns them. DDL statements (ddl.ts) and the DevOps API stand-in mutate the
// catalog; every mutation bumps the schema version and notifies listeners, which is what drives schema-agreement
// checks and SCHEMA_CHANGE events in the drivers.

import { randomUUID } from 'node:crypto';
import type { CqlType } from '../types/cqltype.js';
import type { SchemaChange } from './api.js';
import { TableData } from './storage.js';

export type ColumnKind = 'partition_key' | 'clustering' | 'regular' | 'static';
export type ClusteringOrder = 'asc' | 'desc' | 'none';

export interface ColumnDef {
  name: string;
  type: CqlType;
  kind: ColumnKind;
  position: number; // -1 for regular/static, like system_schema.columns
  order: ClusteringOrder;
}

export type Similarity = 'COSINE' | 'DOT_PRODUCT' | 'EUCLIDEAN';

export interface IndexDef {
  name: string;
  kind: 'COMPOSITES' | 'KEYS' | 'CUSTOM';
  column: string;
  target: string; // as in system_schema.indexes options.target: `v`, `keys(m)`, `values(m)`, `entries(m)`, `full(f)`
  options: Record<string, string>; // includes target (and class_name for custom indexes)
  similarity?: Similarity; // SAI on a vector column
}

export interface TableDef {
  keyspace: string;
  name: string;
  id: string;
  columns: Map<string, ColumnDef>;
  partitionKey: ColumnDef[];
  clustering: ColumnDef[];
  /** Static and regular columns sorted by name (Cassandra's `SELECT *` order after the key columns). */
  others: ColumnDef[];
  options: TableOptions;
  indexes: Map<string, IndexDef>;
  isCounter: boolean;
  dropped: Map<string, { type: CqlType; kind: ColumnKind; time: bigint }>;
  data: TableData;
  /** System tables whose rows are derived from the catalog/context at read time. */
  virtual?: boolean;
  /** Schema version the derived rows were built for (schema-only tables are rebuilt when it changes). */
  builtFor?: string;
}

export interface TableOptions {
  comment: string;
  defaultTtl: number;
  gcGrace: number;
  bloomFilterFpChance: number;
  caching: Record<string, string>;
  compaction: Record<string, string>;
  compression: Record<string, string>;
  crcCheckChance: number;
  speculativeRetry: string;
  additionalWritePolicy: string;
  memtableFlushPeriod: number;
  minIndexInterval: number;
  maxIndexInterval: number;
  readRepair: string;
  cdc: boolean;
  extensions: Record<string, Buffer>;
}

export function defaultTableOptions(): TableOptions {
  return {
    comment: '',
    defaultTtl: 0,
    gcGrace: 864000,
    bloomFilterFpChance: 0.01,
    caching: { keys: 'ALL', rows_per_partition: 'NONE' },
    compaction: {
      class: 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy',
      max_threshold: '32',
      min_threshold: '4',
    },
    compression: { chunk_length_in_kb: '16', class: 'org.apache.cassandra.io.compress.LZ4Compressor' },
    crcCheckChance: 1,
    speculativeRetry: '99p',
    additionalWritePolicy: '99p',
    memtableFlushPeriod: 0,
    minIndexInterval: 128,
    maxIndexInterval: 2048,
    readRepair: 'BLOCKING',
    cdc: false,
    extensions: {},
  };
}

export interface UdtDef {
  keyspace: string;
  name: string;
  fields: { name: string; type: CqlType }[];
}

export interface FunctionDef {
  keyspace: string;
  name: string;
  argNames: string[];
  argTypes: CqlType[];
  returnType: CqlType;
  language: string;
  body: string;
  calledOnNullInput: boolean;
}

export interface AggregateDef {
  keyspace: string;
  name: string;
  argTypes: CqlType[];
  stateFunc: string;
  stateType: CqlType;
  finalFunc: string | null;
  initcond: string | null;
  returnType: CqlType;
}

export interface ViewDef {
  keyspace: string;
  name: string;
  baseTable: string;
  baseTableId: string;
  whereClause: string;
  includeAllColumns: boolean;
  table: TableDef; // the view's own columns/key, kept as a table definition
}

export interface KeyspaceDef {
  name: string;
  durableWrites: boolean;
  replication: Record<string, string>;
  tables: Map<string, TableDef>;
  types: Map<string, UdtDef>;
  functions: Map<string, FunctionDef>; // keyed by name(argtypes)
  aggregates: Map<string, AggregateDef>;
  views: Map<string, ViewDef>;
  system?: boolean;
}

export class Catalog {
  readonly keyspaces = new Map<string, KeyspaceDef>();
  private version = randomUUID();
  private listeners = new Set<(c: SchemaChange) => void>();

  schemaVersion(): string {
    return this.version;
  }

  onChange(listener: (c: SchemaChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after every successful DDL. */
  changed(change: SchemaChange): void {
    this.version = randomUUID();
    for (const l of [...this.listeners]) l(change);
  }

  keyspace(name: string): KeyspaceDef | undefined {
    return this.keyspaces.get(name);
  }

  table(ks: string, name: string): TableDef | undefined {
    return this.keyspaces.get(ks)?.tables.get(name);
  }

  addKeyspace(name: string, replication: Record<string, string>, durableWrites = true, system = false): KeyspaceDef {
    const ks: KeyspaceDef = {
      name,
      durableWrites,
      replication,
      tables: new Map(),
      types: new Map(),
      functions: new Map(),
      aggregates: new Map(),
      views: new Map(),
      system,
    };
    this.keyspaces.set(name, ks);
    return ks;
  }
}

/** Builds a table definition; `others` ordering and positions follow Cassandra. */
export function makeTable(
  keyspace: string,
  name: string,
  cols: { name: string; type: CqlType; static?: boolean }[],
  pk: string[],
  ck: { name: string; order: 'asc' | 'desc' }[],
  id: string = randomUUID(),
): TableDef {
  const columns = new Map<string, ColumnDef>();
  for (const c of cols) {
    const pkPos = pk.indexOf(c.name);
    const ckPos = ck.findIndex((k) => k.name === c.name);
    const def: ColumnDef =
      pkPos >= 0
        ? { name: c.name, type: c.type, kind: 'partition_key', position: pkPos, order: 'none' }
        : ckPos >= 0
          ? { name: c.name, type: c.type, kind: 'clustering', position: ckPos, order: ck[ckPos].order }
          : { name: c.name, type: c.type, kind: c.static ? 'static' : 'regular', position: -1, order: 'none' };
    columns.set(c.name, def);
  }
  const table: TableDef = {
    keyspace,
    name,
    id,
    columns,
    partitionKey: pk.map((n) => columns.get(n)!),
    clustering: ck.map((k) => columns.get(k.name)!),
    others: [],
    options: defaultTableOptions(),
    indexes: new Map(),
    isCounter: false,
    dropped: new Map(),
    data: undefined as unknown as TableData,
  };
  refreshColumns(table);
  table.data = new TableData(table);
  return table;
}

/** Recomputes derived column lists after ALTER TABLE. */
export function refreshColumns(t: TableDef): void {
  t.others = [...t.columns.values()]
    .filter((c) => c.kind === 'regular' || c.kind === 'static')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  t.isCounter = t.others.some((c) => c.type.kind === 'native' && c.type.name === 'counter');
}

/** Cassandra's `SELECT *` column order: partition key, clustering, then the rest alphabetically. */
export function allColumns(t: TableDef): ColumnDef[] {
  return [...t.partitionKey, ...t.clustering, ...t.others];
}
