// DESCRIBE: CQL that recreates a schema object, laid out like cqlsh's DESCRIBE on Cassandra 4.
// Pure (no vscode, no driver calls) so notebooks' DESCRIBE and unit tests share it.

import { qualifiedName, quoteIdentifier, quoteString } from '../../shared/identifier.js';
import { cachingLiteral, doubleLiteral, literal, mapLiteral } from './cqlLiterals.js';
import {
  cqlTypeText,
  type AggregateMeta,
  type ColumnMeta,
  type DataCollectionMeta,
  type FunctionMeta,
  type IndexMeta,
  type KeyspaceMeta,
  type TableMeta,
  type UdtMeta,
  type ViewMeta,
} from './schemaTypes.js';

const INDENT = '    ';

export interface DescribeOptions {
  /** Astra refuses keyspace DDL over CQL: print it as a comment. */
  astra?: boolean;
}

export function describeKeyspaceOnly(ks: KeyspaceMeta, opts: DescribeOptions = {}): string {
  const replication: Record<string, unknown> = { class: shortStrategy(ks.strategy), ...(ks.strategyOptions ?? {}) };
  const ddl =
    `CREATE KEYSPACE ${quoteIdentifier(ks.name)} WITH replication = ${mapLiteral(replication)}` +
    ` AND durable_writes = ${ks.durableWrites === false ? 'false' : 'true'};`;
  if (ks.virtual) return `/*\nWarning: Keyspace ${quoteIdentifier(ks.name)} is a virtual keyspace and cannot be recreated with CQL.\n*/`;
  if (!opts.astra) return ddl;
  return (
    `/*\nAstra DB keyspaces are created in the Astra console or with the DevOps API, not with CQL.\n` +
    `${ddl.replace(/\*\//g, '* /')}\n*/`
  );
}

function shortStrategy(cls: string): string {
  return cls.replace(/^org\.apache\.cassandra\.locator\./, '');
}

export interface KeyspaceSchema {
  keyspace: KeyspaceMeta;
  types: UdtMeta[];
  functions: FunctionMeta[];
  aggregates: AggregateMeta[];
  tables: TableMeta[];
  views: ViewMeta[];
}

/** DESCRIBE KEYSPACE: the keyspace and everything in it, in an order that re-executes cleanly. */
export function describeKeyspace(schema: KeyspaceSchema, opts: DescribeOptions = {}): string {
  const ks = schema.keyspace.name;
  const parts = [
    describeKeyspaceOnly(schema.keyspace, opts),
    ...orderTypes(schema.types).map((t) => describeType(ks, t)),
    ...schema.functions.map(describeFunction),
    ...schema.aggregates.map(describeAggregate),
    ...schema.tables.map((t) => describeTable(ks, t)),
    ...schema.views.map((v) => describeView(ks, v)),
  ];
  return parts.join('\n\n') + '\n';
}

/** Types that use other types come after them, otherwise CREATE TYPE fails. */
export function orderTypes(types: UdtMeta[]): UdtMeta[] {
  const byName = new Map(types.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: UdtMeta[] = [];
  const visit = (t: UdtMeta, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const f of t.fields) {
      for (const dep of udtNames(f.type)) {
        const d = byName.get(dep);
        if (d) visit(d, path);
      }
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...types].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

function udtNames(type: ColumnMeta['type']): string[] {
  if (type.code === 0x30) return [(type.info as { name: string }).name];
  const info = type.info;
  if (Array.isArray(info)) return info.flatMap((i) => (i && typeof i === 'object' && 'code' in i ? udtNames(i) : []));
  if (info && typeof info === 'object' && 'code' in info) return udtNames(info as ColumnMeta['type']);
  return [];
}

export function describeType(keyspace: string, udt: UdtMeta): string {
  const fields = udt.fields.map((f) => `${INDENT}${quoteIdentifier(f.name)} ${cqlTypeText(f.type)}`);
  return `CREATE TYPE ${qualifiedName(keyspace, udt.name)} (\n${fields.join(',\n')}\n);`;
}

function signatureArgs(types: ColumnMeta['type'][]): string {
  return types.map(cqlTypeText).join(', ');
}

/** `$$body$$` unless the body itself contains `$$`, then a quoted string. */
function functionBody(body: string): string {
  return body.includes('$$') ? quoteString(body) : `$$${body}$$`;
}

export function describeFunction(fn: FunctionMeta): string {
  const args = fn.argumentNames.map((n, i) => `${quoteIdentifier(n)} ${cqlTypeText(fn.argumentTypes[i])}`);
  const lines = [
    `CREATE FUNCTION ${qualifiedName(fn.keyspaceName, fn.name)}(${args.join(', ')})`,
    `${fn.calledOnNullInput ? 'CALLED' : 'RETURNS NULL'} ON NULL INPUT`,
    `RETURNS ${cqlTypeText(fn.returnType)}`,
    `LANGUAGE ${fn.language}`,
    `AS ${functionBody(fn.body)};`,
  ];
  return lines.join(`\n${INDENT}`);
}

export function describeAggregate(agg: AggregateMeta): string {
  const lines = [
    `CREATE AGGREGATE ${qualifiedName(agg.keyspaceName, agg.name)}(${signatureArgs(agg.argumentTypes)})`,
    `SFUNC ${quoteIdentifier(agg.stateFunction)}`,
    `STYPE ${cqlTypeText(agg.stateType)}`,
  ];
  if (agg.finalFunction) lines.push(`FINALFUNC ${quoteIdentifier(agg.finalFunction)}`);
  if (agg.initCondition !== null && agg.initCondition !== undefined) lines.push(`INITCOND ${agg.initCondition}`);
  return lines.join(`\n${INDENT}`) + ';';
}

/** Partition key, clustering columns, then the rest by name — the order Cassandra's DESCRIBE uses. */
function columnsInCreateOrder(t: DataCollectionMeta): ColumnMeta[] {
  const key = new Set([...t.partitionKeys, ...t.clusteringKeys].map((c) => c.name));
  const rest = t.columns.filter((c) => !key.has(c.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...t.partitionKeys, ...t.clusteringKeys, ...rest];
}

function primaryKey(t: DataCollectionMeta): string {
  const pk = t.partitionKeys.map((c) => quoteIdentifier(c.name));
  const partition = pk.length === 1 ? pk[0] : `(${pk.join(', ')})`;
  return `PRIMARY KEY (${[partition, ...t.clusteringKeys.map((c) => quoteIdentifier(c.name))].join(', ')})`;
}

function clusteringOrder(t: DataCollectionMeta): string | undefined {
  if (t.clusteringKeys.length === 0) return undefined;
  const parts = t.clusteringKeys.map((c, i) => `${quoteIdentifier(c.name)} ${t.clusteringOrder[i] === 'DESC' ? 'DESC' : 'ASC'}`);
  return `CLUSTERING ORDER BY (${parts.join(', ')})`;
}

/**
 * Table options in cqlsh's (alphabetical) order; options the server did not report are left out. A view has every
 * table option but default_time_to_live, which CREATE MATERIALIZED VIEW refuses (its rows expire with the base's).
 */
function tableOptions(t: DataCollectionMeta & { cdc?: boolean | null }, view: boolean): string[] {
  const opts = new Map<string, string>();
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) opts.set(name, value);
  };
  const num = (v: number | null | undefined) => (typeof v === 'number' ? String(v) : undefined);
  const dbl = (v: number | null | undefined) => (typeof v === 'number' ? doubleLiteral(v) : undefined);
  add('bloom_filter_fp_chance', dbl(t.bloomFilterFalsePositiveChance));
  add('caching', t.caching ? cachingLiteral(t.caching) : undefined);
  add('cdc', typeof t.cdc === 'boolean' ? String(t.cdc) : undefined);
  add('comment', typeof t.comment === 'string' ? quoteString(t.comment) : undefined);
  if (t.compactionClass) add('compaction', mapLiteral({ class: t.compactionClass, ...(t.compactionOptions ?? {}) }));
  add('compression', t.compression ? mapLiteral(t.compression) : undefined);
  add('crc_check_chance', dbl(t.crcCheckChance));
  if (t.localReadRepairChance) add('dclocal_read_repair_chance', dbl(t.localReadRepairChance));
  if (!view) add('default_time_to_live', num(t.defaultTtl));
  add('extensions', t.extensions ? literal(t.extensions) : undefined);
  add('gc_grace_seconds', num(t.gcGraceSeconds));
  add('max_index_interval', num(t.maxIndexInterval));
  add('memtable_flush_period_in_ms', num(t.memtableFlushPeriod));
  add('min_index_interval', num(t.minIndexInterval));
  if (t.readRepairChance) add('read_repair_chance', dbl(t.readRepairChance));
  add('speculative_retry', t.speculativeRetry ? quoteString(t.speculativeRetry) : undefined);
  for (const [name, value] of Object.entries(t.extraOptions ?? {})) {
    if (value !== null && value !== undefined && !opts.has(name) && !(view && name === 'default_time_to_live')) add(name, literal(value));
  }
  return [...opts.keys()].sort().map((name) => `${name} = ${opts.get(name)}`);
}

function withClause(t: DataCollectionMeta, view = false): string {
  const clauses = [clusteringOrder(t), ...tableOptions(t, view)].filter((c): c is string => !!c);
  return clauses.length ? ` WITH ${clauses.join(`\n${INDENT}AND `)}` : '';
}

function describeTableOnly(keyspace: string, t: TableMeta): string {
  const single = t.partitionKeys.length === 1 && t.clusteringKeys.length === 0;
  const cols = columnsInCreateOrder(t).map((c) => {
    const suffix = c.isStatic ? ' static' : single && c.name === t.partitionKeys[0].name ? ' PRIMARY KEY' : '';
    return `${INDENT}${quoteIdentifier(c.name)} ${cqlTypeText(c.type)}${suffix}`;
  });
  if (!single) cols.push(`${INDENT}${primaryKey(t)}`);
  const body = `CREATE TABLE ${qualifiedName(keyspace, t.name)} (\n${cols.join(',\n')}\n)`;
  if (t.virtual) {
    return (
      `/*\nWarning: Table ${qualifiedName(keyspace, t.name)} is a virtual table and cannot be recreated with CQL.\n` +
      `Structure, for reference:\nVIRTUAL TABLE ${body.slice('CREATE TABLE '.length)};\n*/`
    );
  }
  return `${body}${withClause(t)};`;
}

export function describeIndex(keyspace: string, table: string, index: IndexMeta): string {
  const options: Record<string, unknown> = { ...(index.options ?? {}) };
  delete options.target;
  const on = `ON ${qualifiedName(keyspace, table)} (${index.target})`;
  const custom = index.kind === 0 || index.kind === 'CUSTOM';
  if (!custom) return `CREATE INDEX ${quoteIdentifier(index.name)} ${on};`;
  const cls = String(options.class_name ?? '');
  delete options.class_name;
  const withOptions = Object.keys(options).length ? ` WITH OPTIONS = ${mapLiteral(options)}` : '';
  return `CREATE CUSTOM INDEX ${quoteIdentifier(index.name)} ${on} USING ${quoteString(cls)}${withOptions};`;
}

/** DESCRIBE TABLE: the table followed by its indexes. */
export function describeTable(keyspace: string, t: TableMeta): string {
  const indexes = [...(t.indexes ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return [describeTableOnly(keyspace, t), ...indexes.map((i) => describeIndex(keyspace, t.name, i))].join('\n\n');
}

export function describeView(keyspace: string, v: ViewMeta): string {
  const cols = columnsInCreateOrder(v).map((c) => quoteIdentifier(c.name));
  const lines = [
    `CREATE MATERIALIZED VIEW ${qualifiedName(keyspace, v.name)} AS`,
    `${INDENT}SELECT ${v.includeAllColumns ? '*' : cols.join(', ')}`,
    `${INDENT}FROM ${qualifiedName(keyspace, v.tableName)}`,
    `${INDENT}WHERE ${v.whereClause}`,
    `${INDENT}${primaryKey(v)}`,
  ];
  return `${lines.join('\n')}\n${withClause(v, true).trimStart()};`;
}
