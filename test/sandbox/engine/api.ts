// The contract between the protocol layer (../protocol) and the CQL engine (this folder).
// The engine is synchronous and transport-agnostic: it sees raw bound values (Buffers) and returns
// results made of in-memory CqlValues; the protocol layer does all byte encoding of frames and rows.

import type { CqlType, CqlValue } from '../types/cqltype.js';

/** One simulated Cassandra node, as it appears in system.local / system.peers. */
export interface NodeInfo {
  hostId: string; // lower-case canonical UUID
  address: string; // rpc/broadcast address, e.g. '127.0.0.1'
  port: number; // native transport port of this node's listener
  dataCenter: string;
  rack: string;
  tokens: string[]; // Murmur3 tokens as decimal strings
}

export interface ExecContext {
  node: NodeInfo;
  peers: NodeInfo[];
  clusterName: string;
  keyspace: string | null; // the connection's current keyspace (USE)
  consistency: number;
  serialConsistency?: number;
  timestamp?: bigint; // default timestamp (µs) from the query flags
  pageSize?: number; // ≤ 0 or undefined: no paging
  pagingState?: Buffer;
  user?: string;
  astra: boolean; // apply Astra guardrails
  /** Refuse CREATE/ALTER/DROP KEYSPACE as Astra does (implied by `astra`), e.g. to prove a suite stays in one keyspace. */
  refuseKeyspaceDdl?: boolean;
  tracing?: boolean;
}

/** A bound value as received: bytes, null (-1 length) or unset (-2 length). */
export type BoundValue = Buffer | null | typeof UNSET;
export const UNSET: unique symbol = Symbol('unset');

export type QueryValues = { positional: BoundValue[] } | { named: Map<string, BoundValue> };

export interface ColumnSpec {
  keyspace: string;
  table: string;
  name: string;
  type: CqlType;
}

export type SchemaTarget = 'KEYSPACE' | 'TABLE' | 'TYPE' | 'FUNCTION' | 'AGGREGATE';

export interface SchemaChange {
  change: 'CREATED' | 'UPDATED' | 'DROPPED';
  target: SchemaTarget;
  keyspace: string;
  name?: string; // table/type/function/aggregate name
  argTypes?: string[]; // functions and aggregates
}

interface ResultBase {
  warnings?: string[];
  traceId?: string; // uuid of the tracing session when ctx.tracing was set
}

export type Result =
  | (ResultBase & { kind: 'void' })
  | (ResultBase & {
      kind: 'rows';
      columns: ColumnSpec[];
      rows: CqlValue[][];
      pagingState?: Buffer; // present when more pages follow
    })
  | (ResultBase & { kind: 'set_keyspace'; keyspace: string })
  | (ResultBase & { kind: 'schema_change'; change: SchemaChange });

export interface Prepared {
  id: Buffer; // stable for (query, keyspace): md5 like Cassandra
  bindVariables: ColumnSpec[];
  pkIndexes: number[]; // indexes into bindVariables of the partition key components, in key order
  resultColumns: ColumnSpec[] | null; // null for non-SELECT
}

export interface BatchStatement {
  query?: string;
  id?: Buffer;
  values: BoundValue[];
}

export type BatchType = 'LOGGED' | 'UNLOGGED' | 'COUNTER';

export interface Engine {
  query(cql: string, values: QueryValues | null, ctx: ExecContext): Result;
  prepare(cql: string, ctx: ExecContext): Prepared;
  /** Throws CqlError UNPREPARED (extra.kind 'unprepared') when ctx.node has not prepared `id`. */
  execute(id: Buffer, values: QueryValues | null, ctx: ExecContext): Result;
  batch(type: BatchType, statements: BatchStatement[], ctx: ExecContext): Result;
  /** Schema changes, however caused (CQL DDL, the DevOps API stand-in); returns an unsubscribe function. */
  onSchemaChange(listener: (change: SchemaChange) => void): () => void;
  schemaVersion(): string;
  /** Forget prepared statements (all nodes, or one) so drivers exercise the re-prepare path. */
  clearPrepared(hostId?: string): void;
}
