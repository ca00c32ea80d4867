// A deliberately tiny Engine for the protocol tests: just enough system tables for the drivers' control
// connections, one table `ks.t (k int PRIMARY KEY, v text)`, paging, prepared statements, and hooks that make a
// statement fail or warn. It lets the wire layer be tested without the real CQL engine.

import { createHash } from 'node:crypto';
import type {
  BatchStatement, BatchType, BoundValue, ColumnSpec, Engine, ExecContext, Prepared, QueryValues, Result, SchemaChange,
} from '../sandbox/engine/api.js';
import { UNSET } from '../sandbox/engine/api.js';
import { CqlError, ErrorCode, invalid } from '../sandbox/errors.js';
import { decodeValue } from '../sandbox/types/codec.js';
import { native, type CqlType, type CqlValue } from '../sandbox/types/cqltype.js';

const SCHEMA_VERSION = '5a6f0c3e-0000-4000-8000-000000000001';
const text = native('text');
const col = (keyspace: string, table: string, name: string, type: CqlType): ColumnSpec => ({ keyspace, table, name, type });
const setOf = (t: CqlType): CqlType => ({ kind: 'set', element: t, frozen: false });
const mapOf = (k: CqlType, v: CqlType, frozen = false): CqlType => ({ kind: 'map', key: k, value: v, frozen });

function nodeColumns(table: 'local' | 'peers'): ColumnSpec[] {
  const c = (name: string, t: CqlType) => col('system', table, name, t);
  if (table === 'peers') {
    return [c('peer', native('inet')), c('data_center', text), c('host_id', native('uuid')), c('preferred_ip', native('inet')),
      c('rack', text), c('release_version', text), c('rpc_address', native('inet')), c('schema_version', native('uuid')),
      c('tokens', setOf(text))];
  }
  return [c('key', text), c('bootstrapped', text), c('broadcast_address', native('inet')), c('broadcast_port', native('int')),
    c('cluster_name', text), c('cql_version', text), c('data_center', text), c('gossip_generation', native('int')),
    c('host_id', native('uuid')), c('listen_address', native('inet')), c('listen_port', native('int')),
    c('native_protocol_version', text), c('partitioner', text), c('rack', text), c('release_version', text),
    c('rpc_address', native('inet')), c('rpc_port', native('int')), c('schema_version', native('uuid')),
    c('tokens', setOf(text)), c('truncated_at', mapOf(native('uuid'), native('blob')))];
}

const T_COLS = [col('ks', 't', 'k', native('int')), col('ks', 't', 'v', text)];

export class FakeEngine implements Engine {
  readonly rows = new Map<number, string | null>();
  keyspaces = ['system', 'ks'];
  prepareCalls = 0;
  warnNext?: string[];
  private listeners = new Set<(c: SchemaChange) => void>();
  private prepared = new Map<string, Set<string>>(); // id hex → host ids that prepared it
  private statements = new Map<string, string>(); // id hex → query

  lastCtx?: ExecContext;

  query(cql: string, values: QueryValues | null, ctx: ExecContext): Result {
    this.lastCtx = ctx;
    const q = cql.trim().replace(/\s+/g, ' ');
    const result = this.run(q, positional(values), ctx);
    if (this.warnNext) {
      result.warnings = this.warnNext;
      this.warnNext = undefined;
    }
    if (ctx.tracing) result.traceId = '11111111-2222-1333-8444-555555555555';
    return result;
  }

  prepare(cql: string, ctx: ExecContext): Prepared {
    this.prepareCalls++;
    const id = createHash('md5').update(cql).digest();
    const hex = id.toString('hex');
    this.statements.set(hex, cql);
    const hosts = this.prepared.get(hex) ?? new Set<string>();
    hosts.add(ctx.node.hostId);
    this.prepared.set(hex, hosts);
    const isInsert = /^INSERT/i.test(cql.trim());
    const isSelect = /^SELECT/i.test(cql.trim());
    return {
      id,
      bindVariables: isInsert ? T_COLS : /WHERE k ?= ?\?/i.test(cql) ? [T_COLS[0]] : [],
      pkIndexes: isInsert ? [0] : [],
      resultColumns: isSelect ? T_COLS : null,
    };
  }

  execute(id: Buffer, values: QueryValues | null, ctx: ExecContext): Result {
    const hex = id.toString('hex');
    if (!this.prepared.get(hex)?.has(ctx.node.hostId)) {
      throw new CqlError(ErrorCode.UNPREPARED, `Prepared query with ID ${hex} not found`, { kind: 'unprepared', id });
    }
    return this.query(this.statements.get(hex) ?? '', values, ctx);
  }

  batch(_type: BatchType, statements: BatchStatement[], ctx: ExecContext): Result {
    for (const s of statements) {
      if (s.id) this.execute(s.id, { positional: s.values }, ctx);
      else this.query(s.query ?? '', { positional: s.values }, ctx);
    }
    return { kind: 'void' };
  }

  onSchemaChange(listener: (c: SchemaChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: SchemaChange): void {
    for (const l of this.listeners) l(change);
  }

  schemaVersion(): string {
    return SCHEMA_VERSION;
  }

  clearPrepared(hostId?: string): void {
    for (const hosts of this.prepared.values()) {
      if (hostId) hosts.delete(hostId);
      else hosts.clear();
    }
  }

  private run(q: string, values: BoundValue[], ctx: ExecContext): Result {
    let m: RegExpExecArray | null;
    if (/^SELECT \* FROM system\.local/i.test(q)) return rows(nodeColumns('local'), [localRow(ctx)]);
    if (/^SELECT \* FROM system\.peers$/i.test(q)) return rows(nodeColumns('peers'), ctx.peers.map(peerRow));
    if (/^SELECT schema_version FROM system\.(local|peers)/i.test(q)) {
      const local = /local/i.test(q);
      return rows([col('system', local ? 'local' : 'peers', 'schema_version', native('uuid'))],
        (local ? [0] : ctx.peers).map(() => [SCHEMA_VERSION]));
    }
    if (/^SELECT \* FROM system_schema\.keyspaces/i.test(q)) {
      const only = /keyspace_name ?= ?'(\w+)'/i.exec(q)?.[1];
      const ks = this.keyspaces.filter((k) => !only || k === only);
      return rows(
        [col('system_schema', 'keyspaces', 'keyspace_name', text), col('system_schema', 'keyspaces', 'durable_writes', native('boolean')),
          col('system_schema', 'keyspaces', 'replication', mapOf(text, text, true))],
        ks.map((k) => [k, true, [['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', '1']]]),
      );
    }
    if ((m = /^SELECT \* FROM system_schema\.(\w+)$/i.exec(q))) {
      // Python's driver reads every schema table in full; an empty table is enough for it.
      return rows([col('system_schema', m[1], 'keyspace_name', text)], []);
    }
    if (/^SELECT .* FROM system(_virtual_schema)?\./i.test(q)) {
      throw invalid(`unconfigured table ${/FROM (\S+)/i.exec(q)?.[1]}`);
    }
    if ((m = /^USE "?(\w+)"?$/i.exec(q))) {
      if (!this.keyspaces.includes(m[1])) throw invalid(`Keyspace '${m[1]}' does not exist`);
      return { kind: 'set_keyspace', keyspace: m[1] };
    }
    if ((m = /^INSERT INTO (?:ks\.)?t \(k, ?v\) VALUES \((\?|\d+), ?(\?|'[^']*')\)/i.exec(q))) {
      this.requireKs(ctx, q);
      const k = m[1] === '?' ? decodeValue(native('int'), boundBytes(values[0])) : Number(m[1]);
      const v = m[2] === '?' ? (values[m[1] === '?' ? 1 : 0] === null ? null : decodeValue(text, boundBytes(values[m[1] === '?' ? 1 : 0]))) : m[2].slice(1, -1);
      this.rows.set(k as number, v as string | null);
      return { kind: 'void' };
    }
    if ((m = /^SELECT k, ?v FROM (?:ks\.)?t(?: WHERE k ?= ?(\?|\d+))?$/i.exec(q))) {
      this.requireKs(ctx, q);
      let all: CqlValue[][] = [...this.rows.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [k, v]);
      if (m[1]) {
        const k = m[1] === '?' ? decodeValue(native('int'), boundBytes(values[0])) : Number(m[1]);
        all = all.filter((r) => r[0] === k);
      }
      return page(all, ctx);
    }
    if ((m = /^CREATE TABLE (\w+)\.(\w+)/i.exec(q))) {
      const change: SchemaChange = { change: 'CREATED', target: 'TABLE', keyspace: m[1], name: m[2] };
      this.emit(change);
      return { kind: 'schema_change', change };
    }
    throw new CqlError(ErrorCode.SYNTAX, `line 1:0 no viable alternative at input '${q.split(' ')[0]}' ([${q.split(' ')[0]}]...)`);
  }

  private requireKs(ctx: ExecContext, q: string): void {
    if (!/ks\.t/i.test(q) && ctx.keyspace !== 'ks') throw invalid('No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename');
  }
}

function positional(values: QueryValues | null): BoundValue[] {
  if (!values) return [];
  return 'positional' in values ? values.positional : [...values.named.values()];
}

function boundBytes(v: BoundValue): Buffer {
  if (v === null || v === UNSET || v === undefined) throw invalid('Invalid null value for partition key part k');
  return v;
}

function rows(columns: ColumnSpec[], data: CqlValue[][]): Result {
  return { kind: 'rows', columns, rows: data };
}

function page(all: CqlValue[][], ctx: ExecContext): Result {
  const start = ctx.pagingState ? ctx.pagingState.readUInt32BE(0) : 0;
  const size = ctx.pageSize && ctx.pageSize > 0 ? ctx.pageSize : all.length;
  const end = Math.min(all.length, start + size);
  const result: Result = { kind: 'rows', columns: T_COLS, rows: all.slice(start, end) };
  if (end < all.length) {
    result.pagingState = Buffer.alloc(4);
    result.pagingState.writeUInt32BE(end);
  }
  return result;
}

function localRow(ctx: ExecContext): CqlValue[] {
  const n = ctx.node;
  return ['local', 'COMPLETED', n.address, 7000, ctx.clusterName, '3.4.5', n.dataCenter, 1700000000, n.hostId, n.address,
    7000, '4', 'org.apache.cassandra.dht.Murmur3Partitioner', n.rack, '4.0.11', n.address, n.port, SCHEMA_VERSION,
    n.tokens, null];
}

function peerRow(n: ExecContext['node']): CqlValue[] {
  return [n.address, n.dataCenter, n.hostId, n.address, n.rack, '4.0.11', n.address, SCHEMA_VERSION, n.tokens];
}
