// The sandbox's in-memory CQL engine: parse → bind → execute, per-node prepared statement caches, batches,
// tracing sessions, and the schema-change feed.

import { createHash, randomUUID } from 'node:crypto';
import { CqlError, ErrorCode, invalid } from '../errors.js';
import { native, type CqlValue } from '../types/cqltype.js';
import type {
  BatchStatement, BatchType, BoundValue, ColumnSpec, Engine, ExecContext, NodeInfo, Prepared, QueryValues, Result,
  SchemaChange,
} from './api.js';
import type { ParsedCql, Statement } from './ast.js';
import { parseCql } from './parser.js';
import { Catalog } from './catalog.js';
import { requireTable, typeResolver, type StmtEnv } from './context.js';
import { dispatch } from './dispatch.js';
import { inferBinds } from './bind.js';
import { checkConsistency, checkWriteConsistency, effectivePageSize } from './guardrails.js';
import { casResult } from './lwt.js';
import { planModification, type Planned } from './modify.js';
import { compileSelection, specsOf } from './selection.js';
import { installSystemKeyspaces } from './system-schema.js';
import { Evaluator } from './values.js';
import { makeTimeuuid } from './functions.js';
import { insertRow } from './write.js';
import { serverVersion, type CassandraVersion, type ServerVersion } from './version.js';

interface PreparedEntry {
  cql: string;
  parsed: ParsedCql;
  keyspace: string | null;
  prepared: Prepared;
}

const MODIFICATIONS = new Set(['insert', 'update', 'delete', 'batch']);

class MemoryEngine implements Engine {
  readonly catalog = new Catalog();
  private preparedById = new Map<string, PreparedEntry>();
  private preparedByNode = new Map<string, Set<string>>();
  /** Parsed statements by text: drivers and notebooks resend the same strings (ASTs are never mutated). */
  private parsed = new Map<string, ParsedCql>();

  constructor(
    readonly astra: boolean,
    readonly version: ServerVersion,
  ) {
    installSystemKeyspaces(this.catalog);
  }

  query(cql: string, values: QueryValues | null, ctx: ExecContext): Result {
    return this.guard(() => {
      const parsed = this.parse(cql);
      return this.run(cql, parsed, values, ctx);
    });
  }

  prepare(cql: string, ctx: ExecContext): Prepared {
    return this.guard(() => {
      const parsed = this.parse(cql);
      const id = createHash('md5').update((ctx.keyspace ?? '') + cql).digest();
      const hex = id.toString('hex');
      const env = this.env(ctx, [], cql);
      const info = inferBinds(env, parsed.statement, parsed.bindMarkers.length);
      const bindVariables: ColumnSpec[] = info.specs.map((s, i) => s ?? { keyspace: ctx.keyspace ?? '', table: '', name: parsed.bindMarkers[i].name ?? `expr${i}`, type: native('blob') });
      const resultColumns = this.resultColumns(env, parsed.statement);
      const prepared: Prepared = { id, bindVariables, pkIndexes: info.pkIndexes, resultColumns };
      this.preparedById.set(hex, { cql, parsed, keyspace: ctx.keyspace, prepared });
      this.nodeSet(ctx.node.hostId).add(hex);
      return prepared;
    });
  }

  execute(id: Buffer, values: QueryValues | null, ctx: ExecContext): Result {
    const entry = this.preparedOn(id, ctx);
    const c = { ...ctx, keyspace: entry.keyspace ?? ctx.keyspace };
    return this.guard(() => this.run(entry.cql, entry.parsed, values, c));
  }

  batch(type: BatchType, statements: BatchStatement[], ctx: ExecContext): Result {
    return this.guard(() => {
      checkWriteConsistency(ctx);
      const planned: Planned[] = [];
      for (const st of statements) {
        let cql: string;
        let parsed: ParsedCql;
        let c = ctx;
        if (st.id) {
          const entry = this.preparedOn(st.id, ctx);
          ({ cql, parsed } = entry);
          c = { ...ctx, keyspace: entry.keyspace ?? ctx.keyspace };
        } else {
          cql = st.query ?? '';
          parsed = this.parse(cql);
        }
        const s = parsed.statement;
        if (s.kind !== 'insert' && s.kind !== 'update' && s.kind !== 'delete') {
          throw invalid('Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.');
        }
        const env = this.env(c, this.positional(parsed, { positional: st.values }, c), cql);
        planned.push(planModification(env, s));
      }
      const started = Date.now();
      const result = this.runBatch(this.env(ctx, [], 'BATCH'), planned, type);
      if (ctx.tracing) result.traceId = this.trace(ctx, 'BATCH', started);
      return result;
    });
  }

  onSchemaChange(listener: (change: SchemaChange) => void): () => void {
    return this.catalog.onChange(listener);
  }

  schemaVersion(): string {
    return this.catalog.schemaVersion();
  }

  clearPrepared(hostId?: string): void {
    if (hostId === undefined) this.preparedByNode.clear();
    else this.preparedByNode.delete(hostId);
  }

  // ---------------------------------------------------------------------------------------------------------

  private parse(cql: string): ParsedCql {
    let p = this.parsed.get(cql);
    if (!p) {
      p = parseCql(cql, this.version);
      if (this.parsed.size >= 2000) this.parsed.delete(this.parsed.keys().next().value!);
      this.parsed.set(cql, p);
    }
    return p;
  }

  /** A statement prepared on this node; drivers answer UNPREPARED by re-preparing and retrying. */
  private preparedOn(id: Buffer, ctx: ExecContext): PreparedEntry {
    const hex = id.toString('hex');
    const entry = this.preparedById.get(hex);
    if (!entry || !this.nodeSet(ctx.node.hostId).has(hex)) {
      throw new CqlError(ErrorCode.UNPREPARED, `Prepared query with ID ${hex} not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)`, { kind: 'unprepared', id });
    }
    return entry;
  }

  private nodeSet(hostId: string): Set<string> {
    let s = this.preparedByNode.get(hostId);
    if (!s) this.preparedByNode.set(hostId, (s = new Set()));
    return s;
  }

  private env(ctx: ExecContext, binds: BoundValue[], cql: string): StmtEnv {
    const c = { ...ctx, pageSize: effectivePageSize(ctx) };
    return {
      catalog: this.catalog,
      ctx: c,
      version: this.version,
      ev: new Evaluator(binds, typeResolver(this.catalog, ctx.keyspace)),
      warnings: [],
      cql,
      nowMs: Date.now(),
    };
  }

  /** Bound values in marker order; named values are matched by marker name or inferred receiver name. */
  private positional(parsed: ParsedCql, values: QueryValues | null, ctx: ExecContext): BoundValue[] {
    const n = parsed.bindMarkers.length;
    if (!values) {
      if (n > 0) throw invalid(`Invalid amount of bind variables: expected ${n}, received 0`);
      return [];
    }
    if ('positional' in values) {
      if (values.positional.length !== n) throw invalid(`Invalid amount of bind variables: expected ${n}, received ${values.positional.length}`);
      return values.positional;
    }
    const info = inferBinds(this.env(ctx, [], ''), parsed.statement, n);
    return parsed.bindMarkers.map((m, i) => {
      const name = m.name ?? info.specs[i]?.name ?? '';
      if (!values.named.has(name)) throw invalid(`Invalid bind variable name: no value for ${name}`);
      return values.named.get(name)!;
    });
  }

  private run(cql: string, parsed: ParsedCql, values: QueryValues | null, ctx: ExecContext): Result {
    const s = parsed.statement;
    if (MODIFICATIONS.has(s.kind)) {
      checkWriteConsistency(ctx);
      const conditional = s.kind === 'batch' ? s.statements.some((m) => m.kind === 'insert' ? m.ifNotExists : !!m.if) : s.kind === 'insert' ? s.ifNotExists : !!(s as { if?: unknown }).if;
      checkConsistency(ctx, 'write', conditional);
    } else if (s.kind === 'select') checkConsistency(ctx, 'read', false);
    const env = this.env(ctx, this.positional(parsed, values, ctx), cql);
    const result = dispatch(env, s, (e, planned) => this.runBatch(e, planned, s.kind === 'batch' ? s.type : 'LOGGED'));
    if (env.warnings.length) result.warnings = [...(result.warnings ?? []), ...env.warnings];
    if (ctx.tracing) result.traceId = this.trace(ctx, cql, env.nowMs);
    return result;
  }

  private runBatch(env: StmtEnv, planned: Planned[], type: BatchType): Result {
    for (const p of planned) {
      if (type === 'COUNTER' && !p.counter) throw invalid('Cannot include non-counter statement in a counter batch');
      if (type === 'LOGGED' && p.counter) throw invalid('Cannot include a counter statement in a logged batch');
    }
    const spread = new Set(planned.flatMap((p) => p.partitions.map((k) => `${p.t.keyspace}.${p.t.name}:${k}`)));
    const conditional = planned.filter((p) => p.cas);
    if (conditional.length) {
      if (spread.size > 1) throw invalid('Batch with conditions cannot span multiple partitions');
      for (const p of conditional) {
        const check = p.cas!();
        if (!check.applied) return casResult(p.t, check, env.nowMs);
      }
      planned.forEach((p) => p.apply());
      return casResult(planned[0].t, { applied: true, columns: [], view: null }, env.nowMs);
    }
    planned.forEach((p) => p.apply());
    const result: Result = { kind: 'void' };
    // Cassandra's unlogged_batch_across_partitions_warn_threshold (10).
    if (type === 'UNLOGGED' && spread.size > 10) {
      const tables = [...new Set(planned.map((p) => `${p.t.keyspace}.${p.t.name}`))];
      result.warnings = [`Unlogged batch covering ${spread.size} partitions detected against table${tables.length > 1 ? 's' : ''} [${tables.join(', ')}]. You should use a logged batch for atomicity, or asynchronous writes for performance.`];
    }
    return result;
  }

  private resultColumns(env: StmtEnv, s: Statement): ColumnSpec[] | null {
    if (s.kind !== 'select') return null;
    const t = requireTable(env, s.table);
    if (s.json) return [{ keyspace: t.keyspace, table: t.name, name: '[json]', type: native('text') }];
    return specsOf(t, compileSelection(t, s.selectors, new Evaluator(new Array(1000).fill(null), env.ev.resolveType), () => env.nowMs));
  }

  private trace(ctx: ExecContext, cql: string, startMs: number): string {
    const id = makeTimeuuid(startMs);
    const ks = this.catalog.keyspace('system_traces')!;
    const attrs = { ts: BigInt(Date.now()) * 1000n, ttl: 86400, now: Date.now() };
    const elapsed = Math.max(1, Math.round((Date.now() - startMs) * 1000));
    insertRow(ks.tables.get('sessions')!, new Map<string, CqlValue>([
      ['session_id', id], ['client', '127.0.0.1'], ['command', 'QUERY'], ['coordinator', ctx.node.address],
      ['coordinator_port', 7000], ['duration', elapsed], ['parameters', [['consistency_level', String(ctx.consistency)], ['query', cql]]],
      ['request', 'Execute CQL3 query'], ['started_at', BigInt(startMs)],
    ]), attrs);
    const events = ['Parsing ' + cql, 'Preparing statement', 'Executing single-partition query', 'Request complete'];
    events.forEach((activity, i) =>
      insertRow(ks.tables.get('events')!, new Map<string, CqlValue>([
        ['session_id', id], ['event_id', makeTimeuuid(startMs + i)], ['activity', activity], ['source', ctx.node.address],
        ['source_elapsed', Math.round((elapsed * (i + 1)) / events.length)], ['source_port', 7000], ['thread', 'Native-Transport-Requests-1'],
      ]), attrs),
    );
    return id;
  }

  /** Non-CqlErrors are sandbox bugs; surface them as server errors instead of crashing the connection. */
  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof CqlError) throw e;
      throw new CqlError(ErrorCode.SERVER, `java.lang.RuntimeException: ${(e as Error).message}`);
    }
  }
}

export function createEngine(
  options?: { astra?: boolean; cassandraVersion?: CassandraVersion },
): Engine & { readonly catalog: Catalog; readonly version: ServerVersion } {
  return new MemoryEngine(options?.astra ?? false, serverVersion(options?.cassandraVersion));
}

/** A context for admin/seeding calls (the DevOps API stand-in): no Astra guardrails, no current keyspace. */
export function adminContext(node?: Partial<NodeInfo>, peers: NodeInfo[] = [], clusterName = 'sandbox'): ExecContext {
  return {
    node: {
      hostId: node?.hostId ?? randomUUID(),
      address: node?.address ?? '127.0.0.1',
      port: node?.port ?? 9042,
      dataCenter: node?.dataCenter ?? 'datacenter1',
      rack: node?.rack ?? 'rack1',
      tokens: node?.tokens ?? ['0'],
    },
    peers,
    clusterName,
    keyspace: null,
    consistency: 0x0006,
    astra: false,
  };
}

export type { Catalog };
