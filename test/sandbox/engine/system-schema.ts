// Definitions of the system keyspaces and tables, with Cassandra 4.0's exact column names and types.

import { parseCqlType } from '../types/cqltype-text.js';
import { makeTable, type Catalog, type TableDef } from './catalog.js';

type Spec = [table: string, columns: string, pk: string[], ck: string[]];

const OPTS =
  'additional_write_policy text, bloom_filter_fp_chance double, caching frozen<map<text, text>>, cdc boolean, ' +
  'comment text, compaction frozen<map<text, text>>, compression frozen<map<text, text>>, crc_check_chance double, ' +
  'default_time_to_live int, extensions frozen<map<text, blob>>, gc_grace_seconds int, id uuid, ' +
  'max_index_interval int, memtable_flush_period_in_ms int, min_index_interval int, read_repair text, speculative_retry text';

const COLUMNS =
  'keyspace_name text, table_name text, column_name text, clustering_order text, column_name_bytes blob, kind text, position int, type text';

export const SYSTEM_TABLES: Record<string, Spec[]> = {
  system: [
    ['local', 'key text, bootstrapped text, broadcast_address inet, broadcast_port int, cluster_name text, cql_version text, data_center text, gossip_generation int, host_id uuid, listen_address inet, listen_port int, native_protocol_version text, partitioner text, rack text, release_version text, rpc_address inet, rpc_port int, schema_version uuid, tokens set<text>, truncated_at map<uuid, blob>', ['key'], []],
    ['peers', 'peer inet, data_center text, host_id uuid, preferred_ip inet, rack text, release_version text, rpc_address inet, schema_version uuid, tokens set<text>', ['peer'], []],
    ['peers_v2', 'peer inet, peer_port int, data_center text, host_id uuid, native_address inet, native_port int, preferred_ip inet, preferred_port int, rack text, release_version text, schema_version uuid, tokens set<text>', ['peer'], ['peer_port']],
    ['size_estimates', 'keyspace_name text, table_name text, range_start text, range_end text, mean_partition_size bigint, partitions_count bigint', ['keyspace_name'], ['table_name', 'range_start', 'range_end']],
  ],
  system_schema: [
    ['keyspaces', 'keyspace_name text, durable_writes boolean, replication frozen<map<text, text>>', ['keyspace_name'], []],
    ['tables', `keyspace_name text, table_name text, ${OPTS}, flags frozen<set<text>>`, ['keyspace_name'], ['table_name']],
    ['columns', COLUMNS, ['keyspace_name'], ['table_name', 'column_name']],
    ['dropped_columns', 'keyspace_name text, table_name text, column_name text, dropped_time timestamp, kind text, type text', ['keyspace_name'], ['table_name', 'column_name']],
    ['triggers', 'keyspace_name text, table_name text, trigger_name text, options frozen<map<text, text>>', ['keyspace_name'], ['table_name', 'trigger_name']],
    ['views', `keyspace_name text, view_name text, base_table_id uuid, base_table_name text, include_all_columns boolean, where_clause text, ${OPTS}`, ['keyspace_name'], ['view_name']],
    ['types', 'keyspace_name text, type_name text, field_names frozen<list<text>>, field_types frozen<list<text>>', ['keyspace_name'], ['type_name']],
    ['functions', 'keyspace_name text, function_name text, argument_types frozen<list<text>>, argument_names frozen<list<text>>, body text, called_on_null_input boolean, language text, return_type text', ['keyspace_name'], ['function_name', 'argument_types']],
    ['aggregates', 'keyspace_name text, aggregate_name text, argument_types frozen<list<text>>, final_func text, initcond text, return_type text, state_func text, state_type text', ['keyspace_name'], ['aggregate_name', 'argument_types']],
    ['indexes', 'keyspace_name text, table_name text, index_name text, kind text, options frozen<map<text, text>>', ['keyspace_name'], ['table_name', 'index_name']],
  ],
  system_auth: [
    ['roles', 'role text, can_login boolean, is_superuser boolean, member_of set<text>, salted_hash text', ['role'], []],
    ['role_members', 'role text, member text', ['role'], ['member']],
    ['role_permissions', 'role text, resource text, permissions set<text>', ['role'], ['resource']],
    ['resource_role_permissons_index', 'resource text, role text', ['resource'], ['role']],
    ['network_permissions', 'role text, dcs frozen<set<text>>', ['role'], []],
  ],
  system_distributed: [
    ['repair_history', 'keyspace_name text, columnfamily_name text, id timeuuid, coordinator inet, exception_message text, exception_stacktrace text, finished_at timestamp, parent_id timeuuid, participants set<inet>, range_begin text, range_end text, started_at timestamp, status text', ['keyspace_name', 'columnfamily_name'], ['id']],
    ['parent_repair_history', 'parent_id timeuuid, columnfamily_names set<text>, exception_message text, exception_stacktrace text, finished_at timestamp, keyspace_name text, options map<text, text>, requested_ranges set<text>, started_at timestamp, successful_ranges set<text>', ['parent_id'], []],
    ['view_build_status', 'keyspace_name text, view_name text, host_id uuid, status text', ['keyspace_name', 'view_name'], ['host_id']],
  ],
  system_traces: [
    ['sessions', 'session_id uuid, client inet, command text, coordinator inet, coordinator_port int, duration int, parameters map<text, text>, request text, started_at timestamp', ['session_id'], []],
    ['events', 'session_id uuid, event_id timeuuid, activity text, source inet, source_elapsed int, source_port int, thread text', ['session_id'], ['event_id']],
  ],
  system_virtual_schema: [
    ['keyspaces', 'keyspace_name text', ['keyspace_name'], []],
    ['tables', 'keyspace_name text, table_name text, comment text', ['keyspace_name'], ['table_name']],
    ['columns', COLUMNS, ['keyspace_name'], ['table_name', 'column_name']],
  ],
};

const REPLICATION: Record<string, Record<string, string>> = {
  system: { class: 'org.apache.cassandra.locator.LocalStrategy' },
  system_schema: { class: 'org.apache.cassandra.locator.LocalStrategy' },
  system_auth: { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' },
  system_distributed: { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '3' },
  system_traces: { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '2' },
  system_virtual_schema: { class: 'org.apache.cassandra.locator.LocalStrategy' },
};

/** Tables whose rows are generated from the catalog and context on every read. */
const DERIVED = new Set(['system', 'system_schema', 'system_virtual_schema', 'system_auth']);

/** Keyspaces that exist only in system_virtual_schema (not in system_schema). */
export const VIRTUAL_KEYSPACES = new Set(['system_virtual_schema']);

function splitColumns(spec: string): { name: string; type: string }[] {
  const out: { name: string; type: string }[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of spec + ',') {
    if (ch === '<') depth++;
    if (ch === '>') depth--;
    if (ch === ',' && depth === 0) {
      const s = cur.trim();
      const i = s.indexOf(' ');
      out.push({ name: s.slice(0, i), type: s.slice(i + 1) });
      cur = '';
    } else cur += ch;
  }
  return out;
}

export function installSystemKeyspaces(catalog: Catalog): void {
  for (const [ksName, specs] of Object.entries(SYSTEM_TABLES)) {
    const ks = catalog.addKeyspace(ksName, REPLICATION[ksName], true, true);
    for (const [name, cols, pk, ck] of specs) {
      const t: TableDef = makeTable(
        ksName,
        name,
        splitColumns(cols).map((c) => ({ name: c.name, type: parseCqlType(c.type) })),
        pk,
        ck.map((n) => ({ name: n, order: 'asc' as const })),
      );
      t.virtual = DERIVED.has(ksName) && name !== 'size_estimates';
      ks.tables.set(name, t);
    }
  }
}
