// INSERT / UPDATE / DELETE: each statement is planned (terms evaluated, keys validated) into a mutation that a
// single statement or a BATCH then applies, after evaluating any lightweight-transaction condition.

import { CqlError, ErrorCode, invalid } from '../errors.js';
import type { CqlValue } from '../types/cqltype.js';
import { native } from '../types/cqltype.js';
import type { Delete, Insert, Modification, Update, Using } from './ast.js';
import type { ColumnDef, TableDef } from './catalog.js';
import { requireTable, type StmtEnv } from './context.js';
import { fromJson } from './json.js';
import { evalConditions, type CasCheck } from './lwt.js';
import { applyAssignment, deleteElement } from './assign.js';
import { staticsFor, type Row } from './storage.js';
import { analyzeWhere, clusteringCombos, column, eqPrefix } from './where.js';
import { existingPartition, existingRow, makeCell, partitionFor, partitionRef, putCell, type PartitionRef, type WriteAttrs } from './write.js';
import { UNSET } from './api.js';

export interface Planned {
  t: TableDef;
  partitions: string[]; // hex keys, for the batch single-partition rule of conditional batches
  counter: boolean;
  cas?: () => CasCheck;
  apply: () => void;
}

const MAX_TTL = 630720000;

export function writeAttrs(env: StmtEnv, t: TableDef, using: Using, batchTs: bigint | undefined, counter: boolean): WriteAttrs {
  let ts = batchTs ?? env.ctx.timestamp;
  if (using.timestamp) {
    if (counter) throw invalid('Cannot provide custom timestamp for counter updates');
    const v = env.ev.eval(using.timestamp, native('bigint'), '[timestamp]');
    if (v === null) throw invalid('Invalid null value of timestamp');
    if (v !== UNSET) ts = v as bigint;
  }
  let ttl = t.options.defaultTtl;
  if (using.ttl) {
    if (counter) throw invalid('Cannot provide custom TTL for counter updates');
    const v = env.ev.eval(using.ttl, native('int'), '[ttl]');
    if (v === null) throw invalid('Invalid null value of TTL');
    if (v !== UNSET) {
      const n = v as number;
      if (n < 0) throw invalid(`A TTL must be greater or equal to 0, but was ${n}`);
      if (n > MAX_TTL) throw invalid(`ttl is too large. requested (${n}) maximum (${MAX_TTL})`);
      ttl = n;
    }
  }
  return { ts: ts ?? nextTimestamp(), ttl, now: env.nowMs };
}

let lastTs = 0n;
/** Microsecond timestamps that never repeat, so back-to-back writes order correctly. */
export function nextTimestamp(): bigint {
  const t = BigInt(Date.now()) * 1000n;
  lastTs = t > lastTs ? t : lastTs + 1n;
  return lastTs;
}

function target(env: StmtEnv, s: Modification): TableDef {
  const t = requireTable(env, s.table);
  const ks = env.catalog.keyspace(t.keyspace)!;
  if (ks.views.has(t.name)) throw invalid('Cannot directly modify a materialized view');
  if (t.virtual || (ks.system && t.keyspace !== 'system_traces')) {
    throw new CqlError(ErrorCode.UNAUTHORIZED, `${t.keyspace} keyspace is not user-modifiable.`);
  }
  return t;
}

const missing = (what: string, cols: ColumnDef[]) => invalid(`Some ${what} are missing: ${cols.map((c) => c.name).join(', ')}`);

function keyValue(c: ColumnDef, v: CqlValue | typeof UNSET): CqlValue {
  if (v === UNSET) throw invalid(`Invalid unset value for column ${c.name}`);
  if (v === null) throw invalid(`Invalid null value in condition for column ${c.name}`);
  return v;
}

export function planInsert(env: StmtEnv, s: Insert, batchTs?: bigint): Planned {
  const t = target(env, s);
  if (t.isCounter) throw invalid('INSERT statements are not allowed on counter tables, use UPDATE instead');
  const values = new Map<string, CqlValue | typeof UNSET>();
  if (s.json) {
    const text = env.ev.value(s.json.value, native('text'), '[json]');
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(String(text));
    } catch (e) {
      throw invalid(`Could not decode JSON string as a map: ${(e as Error).message}`);
    }
    const byName = new Map<string, unknown>();
    for (const [k, v] of Object.entries(parsed)) {
      const name = k.startsWith('"') && k.endsWith('"') ? k.slice(1, -1) : k.toLowerCase();
      if (!t.columns.has(name)) throw invalid(`JSON values map contains unrecognized column: ${name}`);
      byName.set(name, v);
    }
    for (const c of t.columns.values()) {
      if (byName.has(c.name)) values.set(c.name, fromJson(c.type, byName.get(c.name), c.name));
      else values.set(c.name, s.json.defaultUnset ? UNSET : null);
    }
  } else {
    s.columns.forEach((name, i) => {
      const c = column(t, name);
      if (values.has(name)) throw invalid(`Multiple definitions found for column ${name}`);
      values.set(name, env.ev.eval(s.values[i], c.type, c.name));
    });
  }
  const pkMissing = t.partitionKey.filter((c) => !values.has(c.name));
  if (pkMissing.length) throw missing('partition key parts', pkMissing);
  const pk = t.partitionKey.map((c) => keyValue(c, values.get(c.name)!));
  const ckMissing = t.clustering.filter((c) => !values.has(c.name));
  const staticOnly = ckMissing.length === t.clustering.length && t.clustering.length > 0 &&
    [...values.keys()].every((n) => { const k = t.columns.get(n)!.kind; return k === 'partition_key' || k === 'static'; });
  if (ckMissing.length && !staticOnly) throw missing('clustering keys', ckMissing);
  const ck = staticOnly ? [] : t.clustering.map((c) => keyValue(c, values.get(c.name)!));
  const attrs = writeAttrs(env, t, s.using, batchTs, false);
  const ref = writeRef(t, pk);
  const planned: Planned = {
    t,
    counter: false,
    partitions: [ref.id],
    apply: () => {
      const p = partitionFor(t, ref);
      const row = staticOnly ? undefined : t.data.getOrCreateRow(p, ck);
      if (row && (!row.marker || row.marker.ts <= attrs.ts)) row.marker = makeCell(null, attrs);
      for (const c of t.others) {
        if (!values.has(c.name)) continue;
        const v = values.get(c.name)!;
        if (v === UNSET) continue;
        // An empty non-frozen collection is no cells at all, i.e. null; frozen values are kept as written.
        const ct = c.type;
        const empty = Array.isArray(v) && v.length === 0 && (ct.kind === 'list' || ct.kind === 'set' || ct.kind === 'map') && !ct.frozen;
        putCell(c.kind === 'static' ? staticsFor(p) : row!.cells, c.name, empty ? null : v, attrs);
      }
    },
  };
  if (s.ifNotExists) {
    planned.cas = () => {
      const p = existingPartition(t, ref);
      return evalConditions(t, { kind: 'notExists' }, env.ev, p, existingRow(t, p, ck), env.nowMs, staticOnly);
    };
  }
  return planned;
}


function dmlWhere(env: StmtEnv, t: TableDef, s: Update | Delete, allowSlices: boolean) {
  for (const r of s.where) {
    const cols = 'columns' in r ? r.columns : [r.column];
    for (const name of cols) {
      const c = column(t, name);
      if (c.kind !== 'partition_key' && c.kind !== 'clustering') throw invalid(`Non PRIMARY KEY columns found in where clause: ${name} `.trim());
    }
    if (r.kind === 'token') throw invalid(`The token function cannot be used in WHERE clauses for ${s.kind.toUpperCase()} statements`);
    if (!allowSlices && ((r.kind === 'column' && r.op !== '=') || r.kind === 'multiColumn' && r.op !== '=')) {
      throw invalid(`Slice restrictions are not supported on the clustering columns in ${s.kind.toUpperCase()} statements`);
    }
  }
  const plan = analyzeWhere(t, s.where, env.ev);
  if (!plan.partitions) throw missing('partition key parts', t.partitionKey.filter((c) => !plan.pkRestricted.has(c.name)));
  return plan;
}

export function planUpdate(env: StmtEnv, s: Update, batchTs?: bigint): Planned {
  const t = target(env, s);
  const plan = dmlWhere(env, t, s, false);
  const cols = s.assignments.map((a) => column(t, a.column));
  for (const c of cols) {
    if (c.kind === 'partition_key' || c.kind === 'clustering') throw invalid(`PRIMARY KEY part ${c.name} found in SET part`);
  }
  const staticOnly = cols.length > 0 && cols.every((c) => c.kind === 'static');
  const cks = staticOnly && t.clustering.every((_, i) => plan.ckValues[i] === undefined) ? [[]] : clusteringCombos(plan, t.clustering.length);
  if (!cks) throw missing('clustering keys', t.clustering.filter((_, i) => plan.ckValues[i] === undefined));
  const counter = t.isCounter;
  const attrs = writeAttrs(env, t, s.using, batchTs, counter);
  const ops = s.assignments.map((a, i) => applyAssignment(env, t, cols[i], a, attrs));
  const pks = plan.partitions!.map((pk) => writeRef(t, pk));
  const planned: Planned = {
    t,
    counter,
    partitions: pks.map((r) => r.id),
    apply: () => {
      for (const pk of pks) {
        const p = partitionFor(t, pk);
        for (const ck of cks) {
          const row = staticOnly ? undefined : t.data.getOrCreateRow(p, ck);
          for (const op of ops) op(p, row);
        }
      }
    },
  };
  if (s.if) planned.cas = casFor(env, t, s, pks, cks, staticOnly);
  return planned;
}

function casFor(env: StmtEnv, t: TableDef, s: Update | Delete, pks: PartitionRef[], cks: CqlValue[][], staticOnly: boolean) {
  if (pks.length !== 1 || cks.length !== 1) {
    throw invalid('IN on the clustering key columns is not supported with conditional updates');
  }
  return () => {
    const p = existingPartition(t, pks[0]);
    return evalConditions(t, s.if!, env.ev, p, existingRow(t, p, cks[0]), env.nowMs, staticOnly);
  };
}

export function planDelete(env: StmtEnv, s: Delete, batchTs?: bigint): Planned {
  const t = target(env, s);
  const plan = dmlWhere(env, t, s, s.targets.length === 0);
  const cols = s.targets.map((x) => column(t, x.column));
  for (const c of cols) {
    if (c.kind === 'partition_key' || c.kind === 'clustering') throw invalid(`Invalid identifier ${c.name} for deletion (should not be a PRIMARY KEY part)`);
  }
  const attrs = writeAttrs(env, t, s.using, batchTs, false);
  const pks = plan.partitions!.map((pk) => writeRef(t, pk));
  const staticOnly = cols.length > 0 && cols.every((c) => c.kind === 'static');
  const full = clusteringCombos(plan, t.clustering.length);
  if (cols.length && !staticOnly && !full) throw missing('clustering keys', t.clustering.filter((_, i) => plan.ckValues[i] === undefined));
  const elementOps = s.targets.map((x, i) => deleteElement(env, t, cols[i], x, attrs));
  const rangeFilters = plan.filters;
  const prefix = eqPrefix(plan);
  const removeRow = (row: Row) => {
    if (row.marker && row.marker.ts <= attrs.ts) row.marker = undefined;
    for (const [k, c] of row.cells) if (c.ts <= attrs.ts) row.cells.delete(k);
  };
  const planned: Planned = {
    t,
    counter: t.isCounter,
    partitions: pks.map((r) => r.id),
    apply: () => {
      for (const pk of pks) {
        const p = existingPartition(t, pk);
        if (!p) continue;
        if (cols.length) {
          for (const ck of staticOnly ? [[]] : full!) {
            const row = staticOnly ? undefined : existingRow(t, p, ck);
            for (const op of elementOps) op(p, row);
          }
        } else if (full && t.clustering.length > 0) {
          for (const ck of full) {
            const i = t.data.findRow(p, ck);
            if (i >= 0) removeRow(p.rows[i]);
          }
        } else {
          const lo = prefix.length ? t.data.lowerBound(p, prefix, true) : 0;
          const hi = prefix.length ? t.data.lowerBound(p, prefix, false) : p.rows.length;
          for (let i = lo; i < hi; i++) {
            const row = p.rows[i];
            if (rangeFilters.every((f) => f({ p, r: row }, env.nowMs))) removeRow(row);
          }
          if (!prefix.length && plan.ckSliced.size === 0) {
            for (const [k, c] of p.statics) if (c.ts <= attrs.ts) p.statics.delete(k);
          }
        }
        p.rows = p.rows.filter((r) => r.marker || r.cells.size > 0);
        t.data.dropIfEmpty(p);
      }
    },
  };
  if (s.if) {
    if (!full) throw invalid('DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to use IF conditions');
    planned.cas = casFor(env, t, s, pks, full, staticOnly);
  }
  return planned;
}

export function planModification(env: StmtEnv, s: Modification, batchTs?: bigint): Planned {
  if (s.kind === 'insert') return planInsert(env, s, batchTs);
  if (s.kind === 'update') return planUpdate(env, s, batchTs);
  return planDelete(env, s, batchTs);
}

/** Cassandra refuses to write a partition whose serialized key is empty ('' or 0x as a one-column key). */
function writeRef(t: TableDef, pk: CqlValue[]): PartitionRef {
  const ref = partitionRef(t, pk);
  if (ref.key.length === 0) throw invalid('Key may not be empty');
  return ref;
}
