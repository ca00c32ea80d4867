// Server-side DESCRIBE (Cassandra 4.0): rows of (keyspace_name, type, name, create_statement).

import { invalid } from '../errors.js';
import { formatCqlType } from '../types/cqltype-text.js';
import { native } from '../types/cqltype.js';
import type { Result } from './api.js';
import type { Describe } from './ast.js';
import { maybeQuote } from './parser-core.js';
import type { KeyspaceDef, TableDef } from './catalog.js';
import { keyspaceName, requireKeyspace, type StmtEnv } from './context.js';

const q = maybeQuote;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const mapLit = (m: Record<string, string>) => `{${Object.entries(m).map(([k, v]) => `${lit(k)}: ${lit(v)}`).join(', ')}}`;

export function keyspaceCql(k: KeyspaceDef): string {
  const repl = { ...k.replication, class: k.replication.class.replace('org.apache.cassandra.locator.', 'org.apache.cassandra.locator.') };
  return `CREATE KEYSPACE ${q(k.name)} WITH replication = ${mapLit(repl)}  AND durable_writes = ${k.durableWrites};`;
}

export function tableCql(t: TableDef): string {
  const cols = [...t.partitionKey, ...t.clustering, ...t.others].map(
    (c) => `    ${q(c.name)} ${formatCqlType(c.type)}${c.kind === 'static' ? ' static' : ''}`,
  );
  const pk = t.partitionKey.length > 1 ? `(${t.partitionKey.map((c) => q(c.name)).join(', ')})` : q(t.partitionKey[0].name);
  const key = [pk, ...t.clustering.map((c) => q(c.name))].join(', ');
  const o = t.options;
  const withs = [
    ...(t.clustering.length ? [`CLUSTERING ORDER BY (${t.clustering.map((c) => `${q(c.name)} ${c.order.toUpperCase()}`).join(', ')})`] : []),
    `additional_write_policy = ${lit(o.additionalWritePolicy)}`,
    `bloom_filter_fp_chance = ${o.bloomFilterFpChance}`,
    `caching = ${mapLit(o.caching)}`,
    `cdc = ${o.cdc}`,
    `comment = ${lit(o.comment)}`,
    `compaction = ${mapLit(o.compaction)}`,
    `compression = ${mapLit(o.compression)}`,
    `crc_check_chance = ${o.crcCheckChance.toFixed(1)}`,
    `default_time_to_live = ${o.defaultTtl}`,
    `gc_grace_seconds = ${o.gcGrace}`,
    `max_index_interval = ${o.maxIndexInterval}`,
    `memtable_flush_period_in_ms = ${o.memtableFlushPeriod}`,
    `min_index_interval = ${o.minIndexInterval}`,
    `read_repair = ${lit(o.readRepair)}`,
    `speculative_retry = ${lit(o.speculativeRetry)}`,
  ];
  const idx = [...t.indexes.values()].map((i) =>
    i.kind === 'CUSTOM'
      ? `\nCREATE CUSTOM INDEX ${q(i.name)} ON ${q(t.keyspace)}.${q(t.name)} (${i.column}) USING ${lit(i.options.class_name ?? '')}${Object.keys(i.options).some((k) => k !== 'target' && k !== 'class_name') ? ` WITH OPTIONS = ${mapLit(Object.fromEntries(Object.entries(i.options).filter(([k]) => k !== 'target' && k !== 'class_name')))}` : ''};`
      : `\nCREATE INDEX ${q(i.name)} ON ${q(t.keyspace)}.${q(t.name)} (${i.target});`,
  );
  return `CREATE TABLE ${q(t.keyspace)}.${q(t.name)} (\n${cols.join(',\n')},\n    PRIMARY KEY (${key})\n) WITH ${withs.join('\n    AND ')};${idx.join('')}`;
}

export function describe(env: StmtEnv, s: Describe): Result {
  const cols = ['keyspace_name', 'type', 'name', 'create_statement'].map((name) => ({ keyspace: '', table: '', name, type: native('text') }));
  const rows: string[][] = [];
  const user = [...env.catalog.keyspaces.values()].filter((k) => !k.system || s.withInternals);
  switch (s.what) {
    case 'KEYSPACES':
      for (const k of [...env.catalog.keyspaces.values()]) rows.push([k.name, 'keyspace', k.name]);
      return { kind: 'rows', columns: cols.slice(0, 3), rows };
    case 'TABLES':
      for (const k of user) for (const t of k.tables.values()) rows.push([k.name, 'table', t.name]);
      return { kind: 'rows', columns: cols.slice(0, 3), rows };
    case 'TABLE':
    case 'COLUMNFAMILY': {
      const ks = requireKeyspace(env.catalog, keyspaceName(env, s.name ?? { name: '' }));
      const t = ks.tables.get(s.name?.name ?? '');
      if (!t) throw invalid(`Table '${ks.name}.${s.name?.name}' not found`);
      return { kind: 'rows', columns: cols, rows: [[ks.name, 'table', t.name, tableCql(t)]] };
    }
    case 'KEYSPACE':
    case 'FULL SCHEMA':
    case 'SCHEMA': {
      const list = s.what === 'KEYSPACE' ? [requireKeyspace(env.catalog, s.name?.name ?? env.ctx.keyspace ?? '')] : user;
      for (const k of list) {
        rows.push([k.name, 'keyspace', k.name, keyspaceCql(k)]);
        for (const t of k.tables.values()) rows.push([k.name, 'table', t.name, tableCql(t)]);
      }
      return { kind: 'rows', columns: cols, rows };
    }
    default:
      throw invalid(`DESCRIBE ${s.what} is not supported by the sandbox`);
  }
}
