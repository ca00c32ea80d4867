// The shapes DESCRIBE and the tree read. They mirror the subset of cassandra-driver's metadata objects
// we use, so driver objects can be passed straight in while tests build them by hand.

import { quoteIdentifier, quoteString } from '../../shared/identifier.js';

export type FolderKind = 'tables' | 'views' | 'types' | 'functions' | 'aggregates';

/** What one query per schema table says a keyspace holds. */
export interface KeyspaceListing {
  tables: string[];
  views: { name: string; baseTable: string }[];
  types: string[];
  functions: { name: string; argTypes: string[] }[];
  aggregates: { name: string; argTypes: string[] }[];
  /** Per folder, why its list could not be read. */
  errors: Partial<Record<FolderKind, string>>;
}

// Astra's internal keyspaces, plus Cassandra's and DSE's own.
const INTERNAL_KEYSPACES = new Set(['data_endpoint_auth', 'datastax_sla', 'solr_admin', 'dse_insights', 'dse_insights_local']);

export function isSystemKeyspace(name: string): boolean {
  return name.startsWith('system') || name.startsWith('dse_') || INTERNAL_KEYSPACES.has(name);
}

export interface TypeInfo {
  code: number;
  info?: unknown;
  options?: { frozen?: boolean; reversed?: boolean };
  customTypeName?: string;
}

export interface ColumnMeta {
  name: string;
  type: TypeInfo;
  isStatic?: boolean;
}

export interface IndexMeta {
  name: string;
  kind: number | string; // driver: 0 custom, 1 keys, 2 composites
  target: string;
  options: Record<string, unknown> | null;
}

export interface DataCollectionMeta {
  name: string;
  columns: ColumnMeta[];
  partitionKeys: ColumnMeta[];
  clusteringKeys: ColumnMeta[];
  clusteringOrder: string[];
  bloomFilterFalsePositiveChance?: number | null;
  caching?: string | null;
  comment?: string | null;
  compactionClass?: string | null;
  compactionOptions?: Record<string, unknown> | null;
  compression?: Record<string, unknown> | null;
  crcCheckChance?: number | null;
  defaultTtl?: number | null;
  extensions?: Record<string, unknown> | null;
  gcGraceSeconds?: number | null;
  localReadRepairChance?: number | null;
  readRepairChance?: number | null;
  maxIndexInterval?: number | null;
  minIndexInterval?: number | null;
  memtableFlushPeriod?: number | null;
  speculativeRetry?: string | null;
  /** Options the driver does not parse (Cassandra 4+: additional_write_policy, read_repair…), read from system_schema. */
  extraOptions?: Record<string, unknown>;
}

export interface TableMeta extends DataCollectionMeta {
  indexes?: IndexMeta[] | null;
  isCompact?: boolean;
  cdc?: boolean | null;
  virtual?: boolean;
}

export interface ViewMeta extends DataCollectionMeta {
  tableName: string;
  whereClause: string;
  includeAllColumns: boolean;
}

export interface UdtMeta {
  name: string;
  fields: ColumnMeta[];
}

export interface FunctionMeta {
  name: string;
  keyspaceName: string;
  argumentNames: string[];
  argumentTypes: TypeInfo[];
  body: string;
  calledOnNullInput: boolean;
  language: string;
  returnType: TypeInfo;
  deterministic?: boolean;
  monotonic?: boolean;
}

export interface AggregateMeta {
  name: string;
  keyspaceName: string;
  argumentTypes: TypeInfo[];
  stateFunction: string;
  stateType: TypeInfo;
  finalFunction?: string | null;
  initCondition?: string | null;
  returnType: TypeInfo;
  deterministic?: boolean;
}

export interface KeyspaceMeta {
  name: string;
  strategy: string;
  strategyOptions?: Record<string, unknown> | null;
  durableWrites?: boolean;
  virtual?: boolean;
}

// cassandra-driver's types.dataTypes codes (protocol v4 option ids).
const SIMPLE: Record<number, string> = {
  0x01: 'ascii', 0x02: 'bigint', 0x03: 'blob', 0x04: 'boolean', 0x05: 'counter', 0x06: 'decimal', 0x07: 'double',
  0x08: 'float', 0x09: 'int', 0x0a: 'text', 0x0b: 'timestamp', 0x0c: 'uuid', 0x0d: 'text', 0x0e: 'varint',
  0x0f: 'timeuuid', 0x10: 'inet', 0x11: 'date', 0x12: 'time', 0x13: 'smallint', 0x14: 'tinyint', 0x15: 'duration',
};
const CUSTOM = 0x00;
const LIST = 0x20;
const MAP = 0x21;
const SET = 0x22;
const UDT = 0x30;
const TUPLE = 0x31;

const MARSHAL = 'org.apache.cassandra.db.marshal.';

/** CQL text of a driver type, as cqlsh prints it (`frozen<address>`, `map<text, int>`, `vector<float, 3>`). */
export function cqlTypeText(type: TypeInfo): string {
  const frozen = (inner: string) => (type.options?.frozen ? `frozen<${inner}>` : inner);
  const simple = SIMPLE[type.code];
  if (simple) return simple;
  switch (type.code) {
    case LIST:
      return frozen(`list<${cqlTypeText(type.info as TypeInfo)}>`);
    case SET:
      return frozen(`set<${cqlTypeText(type.info as TypeInfo)}>`);
    case MAP: {
      const [k, v] = type.info as TypeInfo[];
      return frozen(`map<${cqlTypeText(k)}, ${cqlTypeText(v)}>`);
    }
    case TUPLE:
      return frozen(`tuple<${(type.info as TypeInfo[]).map(cqlTypeText).join(', ')}>`);
    case UDT:
      return frozen(quoteIdentifier((type.info as { name: string }).name));
    case CUSTOM:
      return customTypeText(type);
    default:
      throw new Error(`Unknown CQL type code ${type.code}`);
  }
}

function customTypeText(type: TypeInfo): string {
  if (type.customTypeName === 'vector' && Array.isArray(type.info)) {
    const [sub, dimension] = type.info as [TypeInfo, number];
    return `vector<${cqlTypeText(sub)}, ${dimension}>`;
  }
  const cls = String(type.info);
  if (cls === `${MARSHAL}DurationType`) return 'duration';
  const vector = /^org\.apache\.cassandra\.db\.marshal\.VectorType\((.+),\s*(\d+)\)$/.exec(cls);
  if (vector && vector[1].startsWith(MARSHAL)) {
    const sub = vector[1].slice(MARSHAL.length).replace(/Type$/, '').toLowerCase();
    return `vector<${sub === 'utf8' ? 'text' : sub}, ${vector[2]}>`;
  }
  return quoteString(cls);
}
