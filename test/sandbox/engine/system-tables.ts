// Rows of the derived system tables (system.local/peers/peers_v2, system_schema.*, system_virtual_schema.*,
// system_auth.roles), regenerated from the catalog and the executing node's context on each read.

import { formatCqlType } from '../types/cqltype-text.js';
import type { CqlValue } from '../types/cqltype.js';
import { compareText } from '../types/compare.js';
import type { NodeInfo } from './api.js';
import { allColumns, type KeyspaceDef, type TableDef, type TableOptions } from './catalog.js';
import type { StmtEnv } from './context.js';
import { VIRTUAL_KEYSPACES } from './system-schema.js';
import { insertRow } from './write.js';

type RowObj = Record<string, CqlValue>;

const GOSSIP_GENERATION = Math.floor(Date.now() / 1000);

const sortedMap = (m: Record<string, string>): [CqlValue, CqlValue][] =>
  Object.entries(m).sort((a, b) => compareText(a[0], b[0]));
const sortedTokens = (n: NodeInfo) => [...n.tokens].sort(compareText);

function optionColumns(o: TableOptions, id: string): RowObj {
  return {
    additional_write_policy: o.additionalWritePolicy,
    bloom_filter_fp_chance: o.bloomFilterFpChance,
    caching: sortedMap(o.caching),
    cdc: o.cdc,
    comment: o.comment,
    compaction: sortedMap(o.compaction),
    compression: sortedMap(o.compression),
    crc_check_chance: o.crcCheckChance,
    default_time_to_live: o.defaultTtl,
    extensions: Object.entries(o.extensions).sort((a, b) => compareText(a[0], b[0])),
    gc_grace_seconds: o.gcGrace,
    id,
    max_index_interval: o.maxIndexInterval,
    memtable_flush_period_in_ms: o.memtableFlushPeriod,
    min_index_interval: o.minIndexInterval,
    read_repair: o.readRepair,
    speculative_retry: o.speculativeRetry,
  };
}

function columnRows(ks: string, t: TableDef): RowObj[] {
  return allColumns(t).map((c) => ({
    keyspace_name: ks,
    table_name: t.name,
    column_name: c.name,
    clustering_order: c.order,
    column_name_bytes: Buffer.from(c.name, 'utf8'),
    kind: c.kind,
    position: c.position,
    type: formatCqlType(c.type),
  }));
}

function schemaKeyspaces(env: StmtEnv): KeyspaceDef[] {
  return [...env.catalog.keyspaces.values()].filter((k) => !VIRTUAL_KEYSPACES.has(k.name));
}

function rowsFor(env: StmtEnv, t: TableDef): RowObj[] {
  const { ctx, catalog } = env;
  const node = ctx.node;
  const key = `${t.keyspace}.${t.name}`;
  switch (key) {
    case 'system.local':
      return [{
        key: 'local', bootstrapped: 'COMPLETED', broadcast_address: node.address, broadcast_port: 7000,
        cluster_name: ctx.clusterName, cql_version: env.version.cql, data_center: node.dataCenter, gossip_generation: GOSSIP_GENERATION,
        host_id: node.hostId, listen_address: node.address, listen_port: 7000, native_protocol_version: '4',
        partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner', rack: node.rack, release_version: env.version.release,
        rpc_address: node.address, rpc_port: node.port, schema_version: catalog.schemaVersion(), tokens: sortedTokens(node),
        truncated_at: null,
      }];
    case 'system.peers':
      return ctx.peers.map((p) => ({
        peer: p.address, data_center: p.dataCenter, host_id: p.hostId, preferred_ip: p.address, rack: p.rack,
        release_version: env.version.release, rpc_address: p.address, schema_version: catalog.schemaVersion(), tokens: sortedTokens(p),
      }));
    case 'system.peers_v2':
      return ctx.peers.map((p) => ({
        peer: p.address, peer_port: 7000, data_center: p.dataCenter, host_id: p.hostId, native_address: p.address,
        native_port: p.port, preferred_ip: p.address, preferred_port: 7000, rack: p.rack, release_version: env.version.release,
        schema_version: catalog.schemaVersion(), tokens: sortedTokens(p),
      }));
    case 'system_schema.keyspaces':
      return schemaKeyspaces(env).map((k) => ({ keyspace_name: k.name, durable_writes: k.durableWrites, replication: sortedMap(k.replication) }));
    case 'system_schema.tables':
      return schemaKeyspaces(env).flatMap((k) =>
        [...k.tables.values()].map((x) => ({
          keyspace_name: k.name, table_name: x.name, ...optionColumns(x.options, x.id),
          flags: x.isCounter ? ['compound', 'counter'] : ['compound'],
        })),
      );
    case 'system_schema.columns':
      return schemaKeyspaces(env).flatMap((k) => [
        ...[...k.tables.values()].flatMap((x) => columnRows(k.name, x)),
        ...[...k.views.values()].flatMap((v) => columnRows(k.name, v.table)),
      ]);
    case 'system_schema.dropped_columns':
      return schemaKeyspaces(env).flatMap((k) =>
        [...k.tables.values()].flatMap((x) =>
          [...x.dropped].map(([name, d]) => ({
            keyspace_name: k.name, table_name: x.name, column_name: name, dropped_time: d.time / 1000n, kind: d.kind, type: formatCqlType(d.type),
          })),
        ),
      );
    case 'system_schema.indexes':
      return schemaKeyspaces(env).flatMap((k) =>
        [...k.tables.values()].flatMap((x) =>
          [...x.indexes.values()].map((i) => ({ keyspace_name: k.name, table_name: x.name, index_name: i.name, kind: i.kind, options: sortedMap(i.options) })),
        ),
      );
    case 'system_schema.types':
      return schemaKeyspaces(env).flatMap((k) =>
        [...k.types.values()].map((u) => ({
          keyspace_name: k.name, type_name: u.name, field_names: u.fields.map((f) => f.name), field_types: u.fields.map((f) => formatCqlType(f.type)),
        })),
      );
    case 'system_schema.functions':
      return schemaKeyspaces(env).flatMap((k) =>
        [...k.functions.values()].map((f) => ({
          keyspace_name: k.name, function_name: f.name, argument_types: f.argTypes.map(formatCqlType), argument_names: f.argNames,
          body: f.body, called_on_null_input: f.calledOnNullInput, language: f.language, return_type: formatCqlType(f.returnType),
        })),
      );
    case 'system_schema.aggregates':
      return schemaKeyspaces(env).flatMap((k) =>
        [...k.aggregates.values()].map((a) => ({
          keyspace_name: k.name, aggregate_name: a.name, argument_types: a.argTypes.map(formatCqlType), final_func: a.finalFunc,
          initcond: a.initcond, return_type: formatCqlType(a.returnType), state_func: a.stateFunc, state_type: formatCqlType(a.stateType),
        })),
      );
    case 'system_schema.views':
      return schemaKeyspaces(env).flatMap((k) =>
        [...k.views.values()].map((v) => ({
          keyspace_name: k.name, view_name: v.name, base_table_id: v.baseTableId, base_table_name: v.baseTable,
          include_all_columns: v.includeAllColumns, where_clause: v.whereClause, ...optionColumns(v.table.options, v.table.id),
        })),
      );
    case 'system_schema.triggers':
      return [];
    case 'system_virtual_schema.keyspaces':
      return [...VIRTUAL_KEYSPACES].map((k) => ({ keyspace_name: k }));
    case 'system_virtual_schema.tables':
      return [...VIRTUAL_KEYSPACES].flatMap((k) =>
        [...(catalog.keyspace(k)?.tables.values() ?? [])].map((x) => ({ keyspace_name: k, table_name: x.name, comment: `${x.name} virtual table` })),
      );
    case 'system_virtual_schema.columns':
      return [...VIRTUAL_KEYSPACES].flatMap((k) => [...(catalog.keyspace(k)?.tables.values() ?? [])].flatMap((x) => columnRows(k, x)));
    case 'system_auth.roles':
      return [{ role: ctx.user ?? 'cassandra', can_login: true, is_superuser: true, member_of: null, salted_hash: null }];
    default:
      return [];
  }
}

/** Keyspaces whose derived rows depend on the schema alone (not on the node, peers or user). */
const SCHEMA_ONLY = new Set(['system_schema', 'system_virtual_schema']);

export function refreshVirtual(env: StmtEnv, t: TableDef): void {
  const version = env.catalog.schemaVersion();
  if (SCHEMA_ONLY.has(t.keyspace)) {
    if (t.builtFor === version) return;
    t.builtFor = version;
  }
  t.data.truncate();
  const attrs = { ts: 0n, ttl: 0, now: env.nowMs };
  for (const row of rowsFor(env, t)) insertRow(t, new Map(Object.entries(row)), attrs);
}
